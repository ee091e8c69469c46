import { addressIn, ipInCidr, parseCidr } from '../k8s/cidr.js';
import { isRecord, type KubeObject, type ObjectRef } from '../k8s/kube-object.js';
import { NAMESPACE_NAME_LABEL } from '../traffic/cluster.js';
import type { Cluster, Endpoint, Namespace, NodeEndpoint, PodEndpoint, Protocol } from '../traffic/model.js';
import type { PeerClass, PeerInfo, PortColumn } from './model.js';
import type { NamedPeer, ReadPolicy } from './readers/reader.js';

/**
 * The synthetic cluster the matrix is judged in: the documentation's peer classes around each subject,
 * plus one endpoint for each peer the policies name that none of those already is. Addresses are made
 * up; what matters is which selectors and CIDRs they fall in.
 */

export interface Peer extends PeerInfo {
  endpoint: Endpoint;
}

export interface Subject {
  id: string;
  kind: 'workload' | 'neighbours';
  label: string;
  /** The workload (kind: workload). */
  workload?: ObjectRef;
  pod: PodEndpoint;
  /** Container ports the named ports do not cover (unnamed, UDP, SCTP). */
  declared: readonly PortColumn[];
}

const NODE = 'node-a';
const OTHER_NODE = 'node-b';
const CONTROL_PLANE = 'control-plane';
export const OTHER_NAMESPACE = 'another-namespace';
const MONITORING = 'monitoring';
const FLAGGER = 'flagger-system';
const DNS = 'kube-system';
const FLUX = 'flux-system';
const INTERNET = '203.0.113.10';

/** Ports every egress matrix shows: DNS, the apiserver's Service and endpoint ports, Flux's source-controller. */
const EGRESS_PORTS: readonly PortColumn[] = [
  { port: 53, protocol: 'UDP', name: 'dns' },
  { port: 53, protocol: 'TCP', name: 'dns' },
  { port: 443, protocol: 'TCP', name: 'https' },
  { port: 6443, protocol: 'TCP', name: 'kube-apiserver' },
  { port: 9090, protocol: 'TCP', name: 'flux-source' },
];

const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string, node = OTHER_NODE): PodEndpoint => ({ kind: 'pod', name, namespace, labels, ip, node });
const node = (name: string, ip: string, labels: Record<string, string>): NodeEndpoint => ({ kind: 'node', name, ip, labels: { 'kubernetes.io/hostname': name, ...labels } });

export interface World {
  cluster: Cluster;
  ingressPeers(subject: Subject): Peer[];
  egressPeers(subject: Subject): Peer[];
  ingressPorts(subject: Subject): PortColumn[];
  egressPorts(subject: Subject): PortColumn[];
}

export interface WorldInput {
  subjects: readonly Subject[];
  policies: readonly ReadPolicy[];
  /** Namespace objects of the input: their labels are what namespace selectors see. */
  namespaces: readonly KubeObject[];
  apiserver: string;
}

export function buildWorld({ subjects, policies, namespaces: namespaceObjects, apiserver }: WorldInput): World {
  const nodes = [node(CONTROL_PLANE, apiserver, { 'node-role.kubernetes.io/control-plane': '' }), node(NODE, '10.0.1.1', {}), node(OTHER_NODE, '10.0.1.2', {})];
  const namespaces = new Map<string, Record<string, string>>();
  for (const object of namespaceObjects) namespaces.set(object.metadata.name, { ...object.metadata.labels });
  const addNamespace = (name: string, labels: Record<string, string> = {}) => namespaces.set(name, { ...labels, ...namespaces.get(name) });
  for (const name of [MONITORING, FLAGGER, DNS, FLUX, OTHER_NAMESPACE, 'default', ...subjects.map((s) => s.pod.namespace)]) addNamespace(name);

  const dns = pod('coredns', DNS, { 'k8s-app': 'kube-dns' }, '10.244.2.53');
  const apiserverOnNode: Endpoint = { kind: 'apiserver', ip: apiserver, node: CONTROL_PLANE };
  const cluster: Cluster = {
    namespaces: [],
    nodes,
    services: [
      { namespace: 'default', name: 'kubernetes', endpoints: [apiserverOnNode], ports: [{ port: 6443 }] },
      { namespace: DNS, name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, endpoints: [dns], ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }] },
    ],
  };
  const subjectNamespaces = [...new Set(subjects.map((s) => s.pod.namespace))].sort();
  const classes = (subject: Subject, direction: 'ingress' | 'egress'): Peer[] => {
    const ns = subject.pod.namespace;
    const peer = (id: string, label: string, klass: PeerClass, endpoint: Endpoint): Peer => ({ id, label, class: klass, endpoint });
    const common = [
      peer('kube-apiserver', 'kube-apiserver (on a control-plane node)', 'kube-apiserver', apiserverOnNode),
      peer('kube-apiserver-managed', 'kube-apiserver (managed, outside the cluster)', 'kube-apiserver', { kind: 'apiserver', ip: apiserver }),
      peer('same-namespace', `a pod of ${ns}`, 'same-namespace', pod(`a-pod-of-${ns}`, ns, {}, `10.244.0.${10 + (subjectNamespaces.indexOf(ns) % 240)}`, NODE)),
      peer('other-namespace', `a pod of ${OTHER_NAMESPACE}`, 'other-namespace', pod('a-pod', OTHER_NAMESPACE, {}, '10.244.2.20')),
    ];
    const internet = peer('internet', 'the internet', 'internet', { kind: 'external', ip: INTERNET, hostname: 'example.com' });
    if (direction === 'ingress') {
      return [
        ...common.slice(0, 2),
        peer('kubelet', "kubelet (the pod's node)", 'kubelet', nodes[1]!),
        peer('other-node', 'another node (host network)', 'node', nodes[2]!),
        ...common.slice(2),
        peer('prometheus', `Prometheus (${MONITORING})`, 'metrics-scraper', pod('prometheus-0', MONITORING, { 'app.kubernetes.io/name': 'prometheus' }, '10.244.2.30')),
        peer('flagger', `Flagger (${FLAGGER})`, 'flagger', pod('flagger', FLAGGER, { 'app.kubernetes.io/name': 'flagger' }, '10.244.2.31')),
        internet,
      ];
    }
    return [
      peer('dns', `cluster DNS (${DNS})`, 'dns', dns),
      ...common,
      peer('flux-source-controller', `Flux source-controller (${FLUX})`, 'flux', pod('source-controller', FLUX, { app: 'source-controller' }, '10.244.2.32')),
      internet,
    ];
  };

  // one counter for the whole world: every made-up endpoint gets an address of its own
  let next = 0;
  const named = (subject: Subject, direction: 'ingress' | 'egress', base: Peer[]): Peer[] => {
    const out: Peer[] = [];
    for (const policy of relevant(policies, subject)) {
      for (const rule of policy.rules) {
        if (rule.direction !== direction) continue;
        for (const namedPeer of rule.peers) {
          const existing = [...base, ...out];
          if (existing.some((p) => satisfies(p.endpoint, namedPeer, policy.namespace, namespaces))) continue;
          const made = endpointFor(namedPeer, policy.namespace, ++next, addNamespace);
          if (made && !existing.some((p) => p.id === made.id)) out.push(made);
        }
      }
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  };

  const columns = (subject: Subject, direction: 'ingress' | 'egress'): PortColumn[] => {
    const byKey = new Map<string, PortColumn>();
    const add = (column: PortColumn) => {
      const key = `${column.port}/${column.protocol}`;
      if (!byKey.has(key)) byKey.set(key, column);
    };
    if (direction === 'egress') EGRESS_PORTS.forEach(add);
    if (direction === 'ingress') for (const [name, port] of Object.entries(subject.pod.namedPorts ?? {})) add({ port, protocol: 'TCP', name });
    if (direction === 'ingress') for (const port of subject.declared) add(port);
    for (const policy of relevant(policies, subject)) {
      for (const rule of policy.rules) {
        if (rule.direction !== direction) continue;
        for (const port of rule.ports) {
          if ('port' in port) add({ port: port.port, protocol: port.protocol });
          else if (direction === 'ingress' && subject.pod.namedPorts?.[port.name] !== undefined) add({ port: subject.pod.namedPorts[port.name]!, protocol: port.protocol, name: port.name });
        }
      }
    }
    const sorted = [...byKey.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
    let other = 65535;
    while (byKey.has(`${other}/TCP`)) other--;
    return [...sorted, { port: other, protocol: 'TCP', other: true }];
  };

  const peersOf = (subject: Subject, direction: 'ingress' | 'egress'): Peer[] => {
    const base = classes(subject, direction);
    return [...base, ...named(subject, direction, base)];
  };
  // Every peer list is built once up front, so the namespaces they add are in the cluster.
  const cache = new Map<string, Peer[]>();
  for (const subject of subjects) for (const direction of ['ingress', 'egress'] as const) cache.set(`${direction}/${subject.id}`, peersOf(subject, direction));
  (cluster as { namespaces: Namespace[] }).namespaces = [...namespaces.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, labels]) => ({ name, labels }));
  return {
    cluster,
    ingressPeers: (subject) => cache.get(`ingress/${subject.id}`) ?? [],
    egressPeers: (subject) => cache.get(`egress/${subject.id}`) ?? [],
    ingressPorts: (subject) => columns(subject, 'ingress'),
    egressPorts: (subject) => columns(subject, 'egress'),
  };
}

/** The policies of the subject's namespace and the cluster-wide ones: where the ports and peers worth showing come from. */
function relevant(policies: readonly ReadPolicy[], subject: Subject): ReadPolicy[] {
  return policies.filter((p) => p.namespace === undefined || p.namespace === subject.pod.namespace);
}

/** Whether an endpoint of the model is one the named peer selects, so that it needs no endpoint of its own. */
function satisfies(endpoint: Endpoint, peer: NamedPeer, policyNamespace: string | undefined, namespaces: ReadonlyMap<string, Record<string, string>>): boolean {
  if (peer.kind === 'fqdn') return endpoint.kind === 'external' && endpoint.hostname === peer.name;
  if (peer.kind === 'cidr') {
    const cidr = parseCidr(peer.cidr);
    return typeof cidr === 'string' || cidr.prefix < 8 || (endpoint.kind !== 'pod' && ipInCidr(endpoint.ip, peer.cidr));
  }
  if (endpoint.kind !== 'pod') return false;
  const labels: Record<string, string> = { ...namespaces.get(endpoint.namespace), [NAMESPACE_NAME_LABEL]: endpoint.namespace };
  const inNamespace =
    peer.namespace !== undefined ? endpoint.namespace === peer.namespace
    : peer.namespaceLabels !== undefined ? Object.entries(peer.namespaceLabels).every(([k, v]) => labels[k] === v || (v === '' && k in labels))
    : peer.anyNamespace === true || endpoint.namespace === policyNamespace;
  return inNamespace && Object.entries(peer.labels).every(([k, v]) => endpoint.labels[k] === v || (v === '' && k in endpoint.labels));
}

/** A new endpoint for a named peer, with its label and id. */
function endpointFor(peer: NamedPeer, policyNamespace: string | undefined, n: number, addNamespace: (name: string, labels?: Record<string, string>) => void): Peer | undefined {
  if (peer.kind === 'fqdn') return { id: slug(`fqdn-${peer.name}`), label: peer.name, class: 'named', endpoint: { kind: 'external', ip: `203.0.113.${100 + (n % 150)}`, hostname: peer.name } };
  if (peer.kind === 'cidr') {
    const ip = addressIn(peer.cidr);
    return ip === undefined ? undefined : { id: slug(`cidr-${peer.cidr}`), label: peer.cidr, class: 'named', endpoint: { kind: 'external', ip } };
  }
  let namespace: string;
  let where: string;
  if (peer.namespace !== undefined) {
    namespace = peer.namespace;
    where = `namespace ${namespace}`;
    addNamespace(namespace);
  } else if (peer.namespaceLabels !== undefined) {
    namespace = slug(`ns-${describeLabels(peer.namespaceLabels)}`);
    where = `namespaces ${describeLabels(peer.namespaceLabels)}`;
    addNamespace(namespace, peer.namespaceLabels);
  } else if (peer.anyNamespace === true || policyNamespace === undefined) {
    namespace = OTHER_NAMESPACE;
    where = 'any namespace';
  } else {
    namespace = policyNamespace;
    where = `namespace ${namespace}`;
  }
  const who = Object.keys(peer.labels).length === 0 ? 'pods' : `pods ${describeLabels(peer.labels)}`;
  const label = `${who} in ${where}`;
  return { id: slug(label), label, class: 'named', endpoint: pod(slug(`named-${n}`), namespace, peer.labels, `10.244.${3 + Math.floor(n / 250)}.${n % 250}`) };
}

function describeLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join(',');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/** Named container ports of a pod template, and the non-TCP ones as columns. */
export function podPorts(template: unknown): { named: Record<string, number>; declared: PortColumn[] } {
  const spec = isRecord(template) && isRecord(template.spec) ? template.spec : {};
  const named: Record<string, number> = {};
  const declared: PortColumn[] = [];
  for (const list of [spec.containers, spec.initContainers]) {
    for (const container of Array.isArray(list) ? list : []) {
      for (const port of isRecord(container) && Array.isArray(container.ports) ? container.ports : []) {
        if (!isRecord(port) || typeof port.containerPort !== 'number') continue;
        const protocol: Protocol = port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP';
        if (typeof port.name === 'string' && protocol === 'TCP') named[port.name] = port.containerPort;
        else declared.push({ port: port.containerPort, protocol, ...(typeof port.name === 'string' ? { name: port.name } : {}) });
      }
    }
  }
  return { named, declared };
}

