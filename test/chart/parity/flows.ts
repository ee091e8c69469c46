import type { KubeObject } from '../../../src/k8s/kube-object';
import type { Endpoint, Flow, PodEndpoint, Protocol } from '../../../src/traffic/model';
import { PEERS, type PeerName } from '../../support/traffic-cluster';

/**
 * The flows the chart's policies and the function's are both judged on: peers × ports × protocols.
 * The matrix's peers (test/support/traffic-cluster.ts), with the controller's and the cleanup Job's pods
 * carrying the labels (and named container ports) the chart renders for them, and one more pod in the
 * DNS namespace that is not DNS.
 */
export type EndpointName = PeerName | 'cleanupJob' | 'kubeSystemPod';

export interface ParityFlow {
  from: EndpointName;
  to: EndpointName;
  port: number;
  protocol: Protocol;
  flow: Flow;
}

type Name = EndpointName;

/** A pod of kube-system that is not the cluster DNS (the Cilium chart's DNS rule names kube-dns pods only). */
const KUBE_SYSTEM_POD: PodEndpoint = { kind: 'pod', name: 'metrics-server-5f8d7-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' }, ip: '10.244.2.15', node: 'worker-b' };

/** Ports of the pods the chart deploys: the controller's, an unlisted one; the neighbour serves 80. */
const INGRESS: readonly [to: Name, ports: readonly (readonly [number, Protocol])[]][] = [
  ['controller', [[8081, 'TCP'], [9443, 'TCP'], [8080, 'TCP'], [8082, 'TCP'], [8084, 'TCP'], [9999, 'TCP'], [8080, 'UDP']]],
  ['cleanupJob', [[8081, 'TCP'], [9443, 'TCP'], [8080, 'TCP']]],
  ['neighbour', [[80, 'TCP']]],
];

/** Where the namespace's pods may connect to: DNS, the apiserver, Flux, and everything that must stay closed. */
const EGRESS_TO: readonly (readonly [Name, number, Protocol])[] = [
  ['coredns', 53, 'UDP'],
  ['coredns', 53, 'TCP'],
  ['kubeSystemPod', 53, 'UDP'],
  ['internet', 53, 'UDP'],
  ['internet', 443, 'TCP'],
  ['apiserver', 6443, 'TCP'],
  ['managedApiserver', 443, 'TCP'],
  ['sourceController', 9090, 'TCP'],
  ['stranger', 80, 'TCP'],
  ['prometheus', 9090, 'TCP'],
  ['coredns', 80, 'TCP'],
  ['kubelet', 10250, 'TCP'],
  ['otherNode', 6443, 'TCP'],
];
const EGRESS_FROM: readonly Name[] = ['controller', 'cleanupJob', 'neighbour'];

/** Every flow, for the pods the chart rendered (`objects`: helm template's output). */
export function parityFlows(objects: readonly KubeObject[]): ParityFlow[] {
  const endpoints = endpointsOf(objects);
  const names = Object.keys(endpoints) as Name[];
  const flows: ParityFlow[] = [];
  const add = (from: Name, to: Name, port: number, protocol: Protocol) => {
    const a = endpoints[from];
    const b = endpoints[to];
    if (a && b && from !== to) flows.push({ from, to, port, protocol, flow: { from: a, to: b, port, protocol } });
  };
  for (const [to, ports] of INGRESS) for (const from of names) for (const [port, protocol] of ports) add(from, to, port, protocol);
  for (const from of EGRESS_FROM) for (const [to, port, protocol] of EGRESS_TO) add(from, to, port, protocol);
  return flows;
}

function endpointsOf(objects: readonly KubeObject[]): Partial<Record<Name, Endpoint>> {
  const controller = podOf(objects, 'Deployment', PEERS.controller as PodEndpoint, { 'pod-template-hash': '7d9f8c6b5' });
  if (!controller) throw new Error('the chart rendered no Deployment');
  const cleanupJob = podOf(objects, 'Job', { ...(PEERS.controller as PodEndpoint), name: 'stageset-controller-cleanup-x7k2p', ip: '10.244.1.12' });
  return { ...PEERS, controller, ...(cleanupJob ? { cleanupJob } : {}), kubeSystemPod: KUBE_SYSTEM_POD };
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: { ports?: { name?: string; containerPort?: number }[] }[] };
}

/** A pod of the chart's workload of this kind: its template's labels and named container ports. */
function podOf(objects: readonly KubeObject[], kind: string, base: PodEndpoint, extraLabels: Record<string, string> = {}): PodEndpoint | undefined {
  const workload = objects.find((o) => o.kind === kind);
  const template = (workload?.spec as { template?: PodTemplate } | undefined)?.template;
  if (!template) return undefined;
  const namedPorts: Record<string, number> = {};
  for (const container of template.spec?.containers ?? []) for (const p of container.ports ?? []) if (p.name && p.containerPort) namedPorts[p.name] = p.containerPort;
  return { ...base, labels: { ...template.metadata?.labels, ...extraLabels }, namedPorts };
}
