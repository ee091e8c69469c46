import type { KubeObject } from '../k8s/kube-object.js';
import { selectorMatches } from '../k8s/label-selector.js';
import { nameOf, objectsOf, type Observations, type Sourced } from './observation.js';
import type { Platform } from './platform.js';
import { namedPort } from './named-port.js';
import { fieldAt, listAt, numberAt, stringMapAt } from './read-field.js';

/** The presets of `networkPolicy.egress.dnsPreset` (issue 13) that discover can recognise. */
export type DnsPreset = 'kube-dns' | 'openshift' | 'node-local-dns' | 'gke-cloud-dns';

/** Where DNS answers, as `networkPolicy.egress.dnsNamespace`, `dnsPreset` and `dnsAddresses`. */
export interface DnsFinding {
  namespace?: Sourced<string>;
  preset?: Sourced<DnsPreset>;
  addresses?: Sourced<string[]>;
  warnings: string[];
}

/** The port each preset allows, after the Service's translation (field-facts §4.1). */
const PRESET_PORT: Record<'kube-dns' | 'openshift', number> = { 'kube-dns': 53, openshift: 5353 };

/** NodeLocal DNSCache: the upstream add-on's DaemonSet, and Kubespray's. */
const NODE_LOCAL_DNS = ['node-local-dns', 'nodelocaldns'];

/** GKE's Cloud DNS answers on the node's metadata server (tektoncd/operator#4000: "kubelet writes nameserver 169.254.169.254"). */
const GKE_METADATA_SERVER = '169.254.169.254/32';

export function discoverDns(observations: Observations, platform: Sourced<Platform> | undefined): DnsFinding {
  const warnings: string[] = [];
  const openshift = objectsOf(observations, 'openshift-dns-service')?.[0];
  if (openshift) return withPods(openshift, objectsOf(observations, 'openshift-dns-pods'), 'openshift', warnings);

  const services = objectsOf(observations, 'dns-service');
  const service = services?.find((s) => s.metadata.name === 'kube-dns') ?? services?.[0];
  const nodeLocal = (objectsOf(observations, 'daemonsets') ?? []).find((d) => NODE_LOCAL_DNS.includes(d.metadata.name));
  if (nodeLocal) {
    const finding: DnsFinding = { ...nodeLocalDns(nodeLocal, warnings), warnings };
    if (service) finding.namespace = { value: service.metadata.namespace ?? 'kube-system', source: `${nameOf(service)} (the upstream behind the cache)` };
    return finding;
  }
  if (!service) {
    if (services) warnings.push('no DNS Service found (kube-system, label k8s-app=kube-dns; openshift-dns/dns-default): set networkPolicy.egress.dnsNamespace and, if it is not on port 53, a rule in networkPolicy.egress.to');
    return { warnings };
  }
  const pods = objectsOf(observations, 'dns-pods');
  if (platform?.value === 'GKE' && pods?.length === 0) {
    // Cloud DNS needs no cluster-hosted DNS (cloud.google.com/kubernetes-engine/docs/concepts/about-cloud-dns):
    // on GKE, a kube-dns Service without pods is the mark it left.
    return {
      namespace: { value: service.metadata.namespace ?? 'kube-system', source: nameOf(service) },
      preset: { value: 'gke-cloud-dns', source: `GKE (${platform.source}) and no pod behind ${nameOf(service)}: Cloud DNS answers on the node's metadata server` },
      addresses: { value: [GKE_METADATA_SERVER], source: 'Cloud DNS for GKE: the metadata server every node serves (tektoncd/operator#4000)' },
      warnings,
    };
  }
  return withPods(service, pods, 'kube-dns', warnings);
}

/** The DNS Service's namespace, and the preset when its pods listen where the preset expects them. */
function withPods(service: KubeObject, found: readonly KubeObject[] | undefined, preset: 'kube-dns' | 'openshift', warnings: string[]): DnsFinding {
  const namespace = service.metadata.namespace ?? 'kube-system';
  const finding: DnsFinding = { namespace: { value: namespace, source: nameOf(service) }, warnings };
  const matchLabels = stringMapAt(service, 'spec', 'selector');
  const selector = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(',');
  if (!found) return finding;
  // the query read the conventional label; the Service's own selector says which of those are its pods
  const pods = found.filter((pod) => selectorMatches({ matchLabels }, pod.metadata.labels ?? {}));
  if (pods.length === 0) {
    warnings.push(`no pod of ${nameOf(service)} found (selector ${selector}): networkPolicy.egress.dnsPreset is not set`);
    return finding;
  }
  const ports = targetPorts(service, pods);
  const expected = PRESET_PORT[preset];
  const where = `${pods.length} pod${pods.length === 1 ? '' : 's'} ${selector} (${nameOf(pods[0]!)}), target port ${ports.map((p) => p.port).join('/')}`;
  if (ports.length && ports.every((p) => p.port === expected)) {
    finding.preset = { value: preset, source: `${where}${ports[0]!.via ? ` (${ports[0]!.via})` : ''}` };
  } else {
    warnings.push(`the DNS pods of ${nameOf(service)} listen on ${ports.map((p) => p.port).join('/') || 'no port'}, not ${expected}: networkPolicy.egress.dnsPreset is not set; allow that port in networkPolicy.egress.to`);
  }
  return finding;
}

interface TargetPort {
  port: number;
  via?: string;
}

/** The ports the DNS Service's `dns` ports translate to: a named targetPort is looked up in the pods' containers. */
function targetPorts(service: KubeObject, pods: readonly KubeObject[]): TargetPort[] {
  const found = new Map<number, TargetPort>();
  for (const servicePort of listAt(service, 'spec', 'ports')) {
    const port = numberAt(servicePort, 'port');
    if (port !== 53) continue;
    const target = fieldAt(servicePort, 'targetPort');
    if (typeof target === 'number') found.set(target, { port: target });
    else if (typeof target === 'string') {
      const container = namedPort(pods[0]!, target);
      if (container === undefined) continue;
      const named = found.get(container)?.via;
      found.set(container, { port: container, via: `${named ? `${named.split(' → ')[0]}/` : 'targetPort '}${target} → containerPort ${container}` });
    } else found.set(port, { port });
  }
  return [...found.values()];
}

/**
 * NodeLocal DNSCache binds its link-local address (and, with kube-proxy in iptables mode, the kube-dns
 * ClusterIP) on every node: `-localip 169.254.20.10,<kube-dns IP>` in the upstream add-on
 * (kubernetes/kubernetes cluster/addons/dns/nodelocaldns/nodelocaldns.yaml), 169.254.25.10 under
 * Kubespray (roles/kubespray_defaults: nodelocaldns_ip). It runs in the host network, so only its
 * address can be allowed (field-facts §4.1).
 */
function nodeLocalDns(daemonSet: KubeObject, warnings: string[]): Pick<DnsFinding, 'preset' | 'addresses'> {
  const localip = localIpArgument(daemonSet);
  const linkLocal = (localip ?? '').split(',').map((a) => a.trim()).filter((a) => a.startsWith('169.254.'));
  const preset: Sourced<DnsPreset> = { value: 'node-local-dns', source: `${nameOf(daemonSet)} (NodeLocal DNSCache, in the host network)` };
  if (!linkLocal.length) {
    warnings.push(`${nameOf(daemonSet)} names no link-local address in -localip: networkPolicy.egress.dnsAddresses is left to the preset's default, 169.254.20.10/32`);
    return { preset };
  }
  return { preset, addresses: { value: linkLocal.map((a) => `${a}/32`), source: `${nameOf(daemonSet)}: -localip ${localip}` } };
}

function localIpArgument(daemonSet: KubeObject): string | undefined {
  for (const container of listAt(daemonSet, 'spec', 'template', 'spec', 'containers')) {
    const args = [...listAt(container, 'command'), ...listAt(container, 'args')].filter((a): a is string => typeof a === 'string');
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-localip' || arg === '--localip') return args[i + 1];
      const inline = /^--?localip=(.*)$/.exec(arg);
      if (inline) return inline[1];
    }
  }
  return undefined;
}
