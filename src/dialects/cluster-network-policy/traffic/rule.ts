import { isRecord } from '../../../k8s/kube-object.js';
import {
  CLUSTER_NETWORK_POLICY_ACTIONS,
  describePolicy,
  rulesOf,
  type ClusterNetworkPolicyAction,
  type ClusterNetworkPolicyMatch,
  type ReadClusterNetworkPolicy,
} from './read.js';
import { peerReading } from './peer.js';
import { protocolsMatch } from './protocols.js';
import type { Direction } from '../../../traffic/network-policy.js';
import type { Cluster, Flow } from '../../../traffic/model.js';

export interface RuleDecision {
  action: ClusterNetworkPolicyAction;
  /** `spec.ingress[3]` */
  path: string;
  /** The rule's `name`, for messages. */
  name?: string;
  /** The rule was read as "Deny all" because a peer or protocol entry was unreadable. */
  failedClosed: boolean;
}

export interface RuleScan {
  decision?: RuleDecision;
  ambiguities: string[];
}

function isAction(value: unknown): value is ClusterNetworkPolicyAction {
  return CLUSTER_NETWORK_POLICY_ACTIONS.some((action) => action === value);
}

function combined(readings: readonly ClusterNetworkPolicyMatch[]): ClusterNetworkPolicyMatch {
  if (readings.includes('unreadable')) return 'unreadable';
  return readings.includes('match') ? 'match' : 'miss';
}

/**
 * The first rule of `policy` for `direction` that matches the flow: "The relative precedence of ingress
 * rules within a single CNP object ... will be determined by the order in which the rule is written"
 * (types.go, Ingress/Egress). A rule matches when any of its peers does ("If any element matches ...
 * then the specified action is applied") and its protocols do.
 *
 * Fail closed (types.go, Ingress/EgressPeer): "For Accept rules, 'fail closed' means: treat the rule as
 * matching no traffic. For Deny and Pass rules, 'fail closed' means: treat the rule as a 'Deny all' rule."
 * Rules with an unknown action, or without peers (`from`/`to` need at least one item), match nothing.
 */
export function firstMatchingRule(policy: ReadClusterNetworkPolicy, direction: Direction, flow: Flow, cluster: Cluster): RuleScan {
  const section = direction === 'Ingress' ? 'ingress' : 'egress';
  const peer = direction === 'Ingress' ? flow.from : flow.to;
  const ambiguities: string[] = [];
  for (const [index, rule] of rulesOf(policy, direction).entries()) {
    if (!isRecord(rule) || !isAction(rule.action)) continue;
    const peers = direction === 'Ingress' ? rule.from : rule.to;
    if (!Array.isArray(peers) || peers.length === 0) continue;
    const action = rule.action;
    const path = `spec.${section}[${index}]`;
    const readings = peers.map((p) => peerReading(p, direction, action, peer, cluster));
    for (const reading of readings) if (reading.ambiguity) ambiguities.push(`${describePolicy(policy)} ${path}: ${reading.ambiguity}`);
    const peersMatch = combined(readings.map((reading) => reading.match));
    const portsMatch = protocolsMatch(rule.protocols, flow);
    const name = typeof rule.name === 'string' && rule.name !== '' ? rule.name : undefined;
    const decision = (decided: ClusterNetworkPolicyAction, failedClosed: boolean): RuleScan => ({
      decision: { action: decided, path, failedClosed, ...(name === undefined ? {} : { name }) },
      ambiguities,
    });
    if (peersMatch === 'unreadable' || portsMatch === 'unreadable') {
      if (action === 'Accept') continue;
      return decision('Deny', true);
    }
    if (peersMatch === 'match' && portsMatch === 'match') return decision(action, false);
  }
  return { ambiguities };
}
