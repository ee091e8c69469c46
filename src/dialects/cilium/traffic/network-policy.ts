import { isRecord, refOf, type KubeObject } from '../../../k8s/kube-object.js';
import { cidrPeerMatches } from './cidr.js';
import type { CiliumEntry, PeerContext } from './entry.js';
import { allOf, anyOf, MATCH, matchIf, NO_MATCH, type Match } from './match.js';
import { portProtocolMatches } from './ports.js';
import { k8sLabelKey, requirementsMatch, selectorRequirements, type Requirement } from './selector.js';
import { isNetworkPolicy } from '../../../traffic/network-policy.js';

/**
 * `networking.k8s.io/v1 NetworkPolicy` the way Cilium converts it (pkg/k8s/network_policy.go
 * ParseNetworkPolicy), which is not always the API's own reading:
 * - every selector key gets the `k8s:` source; `podSelector` is pinned to the policy's namespace;
 *   a peer's `namespaceSelector` keys become `io.cilium.k8s.namespace.labels.<key>`, and an empty
 *   one means "any namespace" (`k8s:io.kubernetes.pod.namespace` Exists: pods only);
 * - `from`/`to` empty or missing: the wildcard selector, i.e. every identity (world, nodes too);
 * - one entry per peer; `ipBlock` becomes a CIDR rule (`cidr` + `except`), which selects CIDR
 *   identities only (never pods or nodes under the default policy-cidr-match-mode);
 * - ports: protocol defaults to TCP, a missing port is "0" (all ports), `endPort` is kept;
 * - the rules are added whatever `policyTypes` says; default-deny ingress (an entry with nil L3,
 *   which matches nothing) when there is no ingress rule and policyTypes has Ingress or lacks Egress,
 *   default-deny egress when there is no egress rule and policyTypes has Egress;
 * - every entry is an allow with DefaultDeny = true.
 */

const NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
const namespaceLabelKey = (text: string) => k8sLabelKey(`io.cilium.k8s.namespace.labels.${text}`);
const inNamespace = (namespace: string): Requirement => ({ source: 'k8s', key: NAMESPACE_KEY, operator: 'In', values: [namespace], fromMatchLabels: true });
const anyNamespace: Requirement = { source: 'k8s', key: NAMESPACE_KEY, operator: 'Exists', values: [], fromMatchLabels: false };

/** parsePodSelector: the selector with `io.kubernetes.pod.namespace` set to the policy's namespace. */
function podSelectorIn(selector: unknown, namespace: string): Requirement[] | undefined {
  const requirements = selectorRequirements(selector, k8sLabelKey);
  return requirements && [...requirements.filter((r) => !(r.fromMatchLabels && r.key === NAMESPACE_KEY)), inNamespace(namespace)];
}

/** parseNetworkPolicyPeer + ipBlockToCIDRRule for one peer. */
function peerMatches(peer: unknown, namespace: string, context: PeerContext): Match {
  if (!isRecord(peer)) return NO_MATCH;
  const parts: Match[] = [];
  const { namespaceSelector, podSelector, ipBlock } = peer;
  if (namespaceSelector !== undefined && namespaceSelector !== null) {
    const namespaces = selectorRequirements(namespaceSelector, namespaceLabelKey);
    const pods = podSelector === undefined || podSelector === null ? [] : selectorRequirements(podSelector, k8sLabelKey);
    const requirements = namespaces && pods && [...(namespaces.length === 0 ? [anyNamespace] : namespaces), ...pods];
    parts.push(matchIf(requirements !== undefined && requirementsMatch(requirements, context.peer.labels)));
  } else if (podSelector !== undefined && podSelector !== null) {
    const requirements = podSelectorIn(podSelector, namespace);
    parts.push(matchIf(requirements !== undefined && requirementsMatch(requirements, context.peer.labels)));
  }
  if (isRecord(ipBlock)) parts.push(matchIf(cidrPeerMatches({ cidr: ipBlock.cidr, except: ipBlock.except }, context.peer, [])));
  return anyOf(parts);
}

/** parsePorts: one PortProtocol per NetworkPolicyPort. */
function portsMatch(ports: unknown, context: PeerContext): Match {
  if (!Array.isArray(ports) || ports.length === 0) return MATCH;
  return anyOf(
    ports.map((p) =>
      isRecord(p) ? portProtocolMatches({ port: p.port ?? '0', endPort: p.endPort, protocol: p.protocol ?? 'TCP' }, context.flow, context.destination) : NO_MATCH,
    ),
  );
}

function directionEntries(np: KubeObject, section: 'ingress' | 'egress', namespace: string, subject: Requirement[] | undefined): CiliumEntry[] {
  const spec = isRecord(np.spec) ? np.spec : {};
  const peersKey = section === 'ingress' ? 'from' : 'to';
  const rules = Array.isArray(spec[section]) ? spec[section] : [];
  const entry = (path: string, matches: CiliumEntry['matches']): CiliumEntry => allowEntry(np, section, subject, path, matches);
  return rules.flatMap((raw: unknown, i: number) => {
    const rule = isRecord(raw) ? raw : {};
    const peers = rule[peersKey];
    const path = `spec.${section}[${i}]`;
    if (!Array.isArray(peers) || peers.length === 0) return [entry(path, (c) => portsMatch(rule.ports, c))];
    return peers.map((peer: unknown) => entry(path, (c) => allOf(peerMatches(peer, namespace, c), portsMatch(rule.ports, c))));
  });
}

export function networkPolicyEntries(objects: readonly KubeObject[]): CiliumEntry[] {
  return objects.filter(isNetworkPolicy).flatMap((np) => {
    const namespace = np.metadata.namespace ?? 'default';
    const spec = isRecord(np.spec) ? np.spec : {};
    const subject = podSelectorIn(spec.podSelector, namespace);
    const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
    const ingress = directionEntries(np, 'ingress', namespace, subject);
    const egress = directionEntries(np, 'egress', namespace, subject);
    return [
      ...ingress,
      ...(ingress.length === 0 && (types.includes('Ingress') || !types.includes('Egress')) ? [defaultDenyEntry(np, 'ingress', subject)] : []),
      ...egress,
      ...(egress.length === 0 && types.includes('Egress') ? [defaultDenyEntry(np, 'egress', subject)] : []),
    ];
  });
}

/** The default-deny entry: nil L3, which "matches nothing" (pkg/policy/testutils) but isolates the pod. */
function defaultDenyEntry(np: KubeObject, section: 'ingress' | 'egress', subject: Requirement[] | undefined): CiliumEntry {
  return allowEntry(np, section, subject, 'spec.policyTypes', () => NO_MATCH);
}

/** A NetworkPolicy rule as Cilium holds it: an allow that isolates the pods it selects. */
function allowEntry(np: KubeObject, section: 'ingress' | 'egress', subject: Requirement[] | undefined, path: string, matches: CiliumEntry['matches']): CiliumEntry {
  return { ref: { object: refOf(np), path }, ingress: section === 'ingress', deny: false, defaultDeny: true, subject, requirements: [], dnsRules: [], matches };
}
