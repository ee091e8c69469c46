import { isRecord, refOf, type KubeObject } from '../k8s/kube-object.js';
import { isPod, namespaceLabels, nodeOf, resolvePort } from './cluster.js';
import { ipInCidr } from '../k8s/cidr.js';
import { matchesLabelSelector } from '../k8s/label-selector.js';
import type { Cluster, DirectionVerdict, Endpoint, Flow, PodEndpoint } from './model.js';

/**
 * `networking.k8s.io/v1 NetworkPolicy`, as kubernetes/api networking/v1/types.go defines it and the docs
 * page content/en/docs/concepts/services-networking/network-policies.md explains it:
 * - a pod is isolated for a direction once any policy of its namespace selects it with that policy type;
 * - allows are a union ("Network policies do not conflict; they are additive");
 * - `from`/`to` empty or missing matches every peer, `ports` empty or missing every port;
 * - podSelector and namespaceSelector in one peer are an AND, two peers an OR;
 * - ingress "from the pod's local node" is always allowed (NetworkPolicySpec.ingress).
 */

export type Direction = 'Ingress' | 'Egress';

export interface NetworkPolicyReading {
  /** Whether an `ipBlock` can match this endpoint. Upstream: implementation-defined for in-cluster IPs. */
  ipBlockMatches: (endpoint: Endpoint) => boolean;
  /** Whether ingress from the destination pod's own node is always allowed. */
  localNodeAllowed: boolean;
}

/** The upstream API's most permissive reading: an ipBlock may match any address (pods and nodes too). */
export const PERMISSIVE_READING: NetworkPolicyReading = { ipBlockMatches: () => true, localNodeAllowed: true };

export function isNetworkPolicy(object: KubeObject): boolean {
  return object.apiVersion === 'networking.k8s.io/v1' && object.kind === 'NetworkPolicy';
}

function specOf(object: KubeObject): Record<string, unknown> {
  return isRecord(object.spec) ? object.spec : {};
}

/**
 * policyTypes as the API server defaults them: "policies that contain an egress section are assumed to
 * affect egress, and all policies (whether or not they contain an ingress section) are assumed to affect
 * ingress" (types.go, NetworkPolicySpec.policyTypes).
 */
export function policyTypesOf(object: KubeObject): Set<Direction> {
  const spec = specOf(object);
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
    return new Set(spec.policyTypes.filter((t): t is Direction => t === 'Ingress' || t === 'Egress'));
  }
  return new Set<Direction>(Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** The NetworkPolicies of the pod's namespace that select it for a direction (`podSelector` null: every pod, as Go decodes it). */
export function selectingNetworkPolicies(objects: readonly KubeObject[], pod: PodEndpoint, direction: Direction): KubeObject[] {
  return objects.filter(
    (o) => isNetworkPolicy(o) && (o.metadata.namespace ?? 'default') === pod.namespace && matchesLabelSelector(specOf(o).podSelector ?? {}, pod.labels) && policyTypesOf(o).has(direction),
  );
}

/** One NetworkPolicyPeer, seen from a policy in `policyNamespace`. */
export function networkPolicyPeerMatches(peer: unknown, policyNamespace: string, endpoint: Endpoint, cluster: Cluster, reading: NetworkPolicyReading): boolean {
  if (!isRecord(peer)) return false;
  if (peer.ipBlock !== undefined) {
    const block = peer.ipBlock;
    if (!isRecord(block) || typeof block.cidr !== 'string' || !reading.ipBlockMatches(endpoint)) return false;
    const except = Array.isArray(block.except) ? block.except : [];
    return ipInCidr(endpoint.ip, block.cidr) && !except.some((cidr) => typeof cidr === 'string' && ipInCidr(endpoint.ip, cidr));
  }
  // Both selectors are pointers in types.go: null is "not set", like a missing key.
  const podSelector = peer.podSelector ?? undefined;
  const namespaceSelector = peer.namespaceSelector ?? undefined;
  if (podSelector === undefined && namespaceSelector === undefined) return false;
  // Pod and namespace selectors select pods only: the apiserver, nodes and the internet have no labels here.
  if (!isPod(endpoint)) return false;
  const inNamespace = namespaceSelector === undefined ? endpoint.namespace === policyNamespace : matchesLabelSelector(namespaceSelector, namespaceLabels(cluster, endpoint.namespace));
  return inNamespace && (podSelector === undefined || matchesLabelSelector(podSelector, endpoint.labels));
}

/** NetworkPolicyPort list: protocol defaults to TCP, a missing port means every port, endPort makes a range. */
export function networkPolicyPortsMatch(ports: unknown, flow: Flow): boolean {
  if (ports === undefined || (Array.isArray(ports) && ports.length === 0)) return true;
  if (!Array.isArray(ports)) return false;
  return ports.some((entry) => {
    if (!isRecord(entry)) return false;
    if ((entry.protocol ?? 'TCP') !== flow.protocol) return false;
    if (entry.port === undefined) return true;
    const port = resolvePort(entry.port, flow.to);
    if (port === undefined) return false;
    const end = typeof entry.endPort === 'number' && typeof entry.port === 'number' ? entry.endPort : port;
    return flow.port >= port && flow.port <= end;
  });
}

/**
 * The NetworkPolicy verdict for one direction at `pod` (ingress: the destination; egress: the source),
 * or undefined when no NetworkPolicy selects the pod for it (it is not isolated).
 */
export function networkPolicyVerdict(
  objects: readonly KubeObject[],
  cluster: Cluster,
  flow: Flow,
  direction: Direction,
  reading: NetworkPolicyReading,
): DirectionVerdict | undefined {
  const pod = direction === 'Ingress' ? flow.to : flow.from;
  const peer = direction === 'Ingress' ? flow.from : flow.to;
  if (!isPod(pod)) return undefined;
  const policies = selectingNetworkPolicies(objects, pod, direction);
  if (policies.length === 0) return undefined;
  if (direction === 'Ingress' && reading.localNodeAllowed && nodeOf(peer) === pod.node) {
    return { allowed: true, reason: "NetworkPolicy always allows ingress from the pod's local node" };
  }
  const section = direction === 'Ingress' ? 'ingress' : 'egress';
  const peersKey = direction === 'Ingress' ? 'from' : 'to';
  for (const policy of policies) {
    const rules = specOf(policy)[section];
    if (!Array.isArray(rules)) continue;
    for (const [i, rule] of rules.entries()) {
      if (!isRecord(rule)) continue;
      const peers = rule[peersKey];
      const peerOk = peers === undefined || (Array.isArray(peers) && (peers.length === 0 || peers.some((p) => networkPolicyPeerMatches(p, pod.namespace, peer, cluster, reading))));
      if (peerOk && networkPolicyPortsMatch(rule.ports, flow)) {
        return { allowed: true, rule: { object: refOf(policy), path: `spec.${section}[${i}]` }, reason: 'allowed by a NetworkPolicy rule' };
      }
    }
  }
  const names = policies.map((p) => p.metadata.name).join(', ');
  return { allowed: false, reason: `isolated for ${direction} by NetworkPolicy ${names}; no rule allows it` };
}

export function unsubjected(endpoint: Endpoint, direction: 'ingress' | 'egress'): string {
  return isPod(endpoint) ? `no policy isolates ${endpoint.namespace}/${endpoint.name} for ${direction}` : `the ${direction === 'egress' ? 'source' : 'destination'} is not a pod: no policy applies`;
}
