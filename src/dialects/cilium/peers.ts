import { isRecord } from '../../k8s/kube-object.js';
import type { NeutralPort, Peer } from '../plan.js';

/** The label Cilium gives every pod for its namespace (`pkg/k8s/apis/cilium.io/const.go`, PodNamespaceLabel). */
export const NAMESPACE_KEY = 'k8s:io.kubernetes.pod.namespace';
/** The prefix of a namespace's labels in a pod's identity (PodNamespaceMetaLabelsPrefix). */
const NAMESPACE_LABELS = 'k8s:io.cilium.k8s.namespace.labels.';
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface EndpointSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}

export interface CidrRule {
  cidr: string;
  except?: string[];
}

/** A NetworkPolicy peer as one Cilium L3 selector: an endpoint selector or a CIDR rule. */
export type CiliumPeer = { endpoints: EndpointSelector } | { cidr: CidrRule };

/**
 * A NetworkPolicy peer in Cilium's terms, the way Cilium converts NetworkPolicies itself
 * (pkg/k8s/network_policy.go, parseNetworkPolicyPeer), but written so it means the same on every version:
 * - the namespace is always explicit. A CNP's endpoint selectors are confined to the policy's namespace
 *   unless they name `k8s:io.kubernetes.pod.namespace` (pkg/k8s/apis/cilium.io/utils/utils.go,
 *   getEndpointSelector); older versions confine selectors on namespace labels too, so a
 *   namespaceSelector that names no namespace adds `k8s:io.kubernetes.pod.namespace Exists`;
 * - a namespace picked by `kubernetes.io/metadata.name` becomes the namespace key itself, other namespace
 *   labels `k8s:io.cilium.k8s.namespace.labels.<key>`;
 * - an ipBlock is a CIDR rule with its `except` (which, in Cilium, matches nothing inside the cluster).
 */
export function ciliumPeer(peer: Peer, policyNamespace: string): CiliumPeer {
  if (isRecord(peer.ipBlock)) {
    const { cidr, except } = peer.ipBlock;
    return { cidr: { cidr: String(cidr), ...(Array.isArray(except) && except.length > 0 ? { except: except.map(String) } : {}) } };
  }
  const pods = selectorParts(peer.podSelector);
  const matchLabels: Record<string, string> = { ...pods.matchLabels };
  const matchExpressions: Requirement[] = [...pods.matchExpressions];
  if (peer.namespaceSelector === undefined) {
    matchLabels[NAMESPACE_KEY] = policyNamespace;
  } else {
    const namespaces = selectorParts(peer.namespaceSelector);
    let named = false;
    for (const [key, value] of Object.entries(namespaces.matchLabels)) {
      named ||= key === NAMESPACE_NAME_LABEL;
      matchLabels[key === NAMESPACE_NAME_LABEL ? NAMESPACE_KEY : NAMESPACE_LABELS + key] = value;
    }
    for (const requirement of namespaces.matchExpressions) {
      const byName = requirement.key === NAMESPACE_NAME_LABEL;
      named ||= byName && (requirement.operator === 'In' || requirement.operator === 'Exists');
      matchExpressions.push({ ...requirement, key: byName ? NAMESPACE_KEY : NAMESPACE_LABELS + requirement.key });
    }
    if (!named) matchExpressions.push({ key: NAMESPACE_KEY, operator: 'Exists' });
  }
  return {
    endpoints: {
      ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
      ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
    },
  };
}

function selectorParts(selector: unknown): { matchLabels: Record<string, string>; matchExpressions: Requirement[] } {
  if (!isRecord(selector)) return { matchLabels: {}, matchExpressions: [] };
  return {
    matchLabels: isRecord(selector.matchLabels) ? (selector.matchLabels as Record<string, string>) : {},
    matchExpressions: Array.isArray(selector.matchExpressions) ? (selector.matchExpressions as Requirement[]) : [],
  };
}

/**
 * NetworkPolicy ports as one Cilium `toPorts` entry: ports are strings, a port left out means every
 * port of the protocol (as Cilium's own conversion, parsePorts, leaves it out). No ports: no toPorts.
 */
export function ciliumToPorts(ports: readonly NeutralPort[]): Record<string, unknown>[] {
  if (ports.length === 0) return [];
  return [
    {
      ports: ports.map((p) => ({
        ...(p.port !== undefined ? { port: String(p.port) } : {}),
        ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
        protocol: p.protocol,
      })),
    },
  ];
}

/**
 * One NetworkPolicy rule as Cilium rules: one per kind of L3 selector (Cilium rejects two kinds in one
 * rule, pkg/policy/api/rule_validation.go), each with the rule's ports. Every peer: `toPorts` alone, the
 * L3 wildcard — or, with no ports either, the `all` entity, since an empty rule `{}` means "nothing" to
 * older Cilium and "everything" to newer (pkg/policy/utils/parserules.go).
 */
export function ciliumRules(direction: 'ingress' | 'egress', peers: readonly Peer[], ports: readonly NeutralPort[], policyNamespace: string): Record<string, unknown>[] {
  const toPorts = ciliumToPorts(ports);
  const withPorts = toPorts.length > 0 ? { toPorts } : {};
  const prefix = direction === 'ingress' ? 'from' : 'to';
  if (peers.length === 0) return [toPorts.length > 0 ? { toPorts } : { [`${prefix}Entities`]: ['all'] }];
  const translated = peers.map((peer) => ciliumPeer(peer, policyNamespace));
  const endpoints = translated.flatMap((p) => ('endpoints' in p ? [p.endpoints] : []));
  const cidrs = translated.flatMap((p) => ('cidr' in p ? [p.cidr] : []));
  const rules: Record<string, unknown>[] = [];
  if (endpoints.length > 0) rules.push({ [`${prefix}Endpoints`]: endpoints, ...withPorts });
  if (cidrs.length > 0) rules.push({ [`${prefix}CIDRSet`]: cidrs, ...withPorts });
  return rules;
}
