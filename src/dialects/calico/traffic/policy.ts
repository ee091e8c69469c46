import type { KubeObject } from '../../../k8s/kube-object.js';
import type { Direction } from '../../../traffic/network-policy.js';
import type { Cluster, Flow, PodEndpoint } from '../../../traffic/model.js';

/** Rule actions (api/pkg/apis/projectcalico/v3/policy_common.go Action). */
export type RuleAction = 'Allow' | 'Deny' | 'Pass' | 'Log';

/** Whether a rule matches the flow; `unknown` when the model lacks what the rule tests (a source port). */
export type RuleMatch = boolean | { unknown: string };

export interface PolicyRule {
  action: RuleAction;
  /** The rule's field path in its object: `spec.ingress[1]`. */
  path: string;
  /** Whether the rule tests the peer's address (Calico nets/notNets, Kubernetes ipBlock). */
  peerNets: boolean;
  matches: (flow: Flow, cluster: Cluster) => RuleMatch;
}

/** One enforced policy as felix orders and applies it: Calico NetworkPolicy, GlobalNetworkPolicy or a converted Kubernetes one. */
export interface CalicoPolicy {
  object: KubeObject;
  tier: string;
  /** +Infinity when omitted: "applied last" (felix/calc/policy_sorter.go polMetaDefaultOrder). */
  order: number;
  /** The name felix breaks order ties with. */
  tieBreak: string;
  types: ReadonlySet<Direction>;
  /** Whether the policy selects the pod (`labels`: its Calico labels, see calicoPodLabels). */
  appliesTo: (pod: PodEndpoint, labels: Readonly<Record<string, string>>) => boolean;
  rules: Readonly<Record<Direction, readonly PolicyRule[]>>;
}

/**
 * felix/calc/policy_sorter.go PolKVLess: by order, ties by "<name>/<namespace>/<kind>" (the newest
 * releases; older ones compared the name alone, with namespace or tier prefixes).
 */
export function comparePolicies(a: CalicoPolicy, b: CalicoPolicy): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.tieBreak < b.tieBreak ? -1 : a.tieBreak > b.tieBreak ? 1 : 0;
}
