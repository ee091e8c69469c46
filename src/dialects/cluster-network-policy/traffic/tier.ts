import { describePolicy, rulesOf, type ClusterNetworkPolicyTier, type ReadClusterNetworkPolicy } from './read.js';
import { firstMatchingRule, type RuleDecision } from './rule.js';
import type { Direction } from '../../../traffic/network-policy.js';
import type { Cluster, DirectionVerdict, Flow } from '../../../traffic/model.js';

export interface DirectionOutcome {
  verdict: DirectionVerdict;
  ambiguities: string[];
}

/** What comes after a tier; `passes` names the Pass rules that led there. */
export type NextTier = (passes: readonly string[]) => DirectionOutcome;

export interface TierInput {
  tier: ClusterNetworkPolicyTier;
  /** The ClusterNetworkPolicies whose subject selects the pod this direction is judged at. */
  policies: readonly ReadClusterNetworkPolicy[];
  direction: Direction;
  flow: Flow;
  cluster: Cluster;
  passes: readonly string[];
  next: NextTier;
}

/**
 * One tier for one direction. Policies run by priority: "Policies with lower priority values have higher
 * precedence, and are checked before policies with higher priority values in the same tier" (types.go,
 * Priority). The first matching rule decides: Accept and Deny are final ("If Admin tier has made a final
 * decision (Accept or Deny) on a connection, then no further evaluation is done", types.go, Tier); Pass
 * "Skips all further ClusterNetworkPolicy rules in the current tier ... and passes evaluation to the next
 * tier" (types.go, Action). When no rule matches, evaluation goes on to the next tier as well: "there
 * will not be any implicit isolation effects" (site-src/api-overview.md).
 *
 * Equal priority: "If two (or more) policies in the same tier with the same priority could match a
 * connection, then the implementation can apply any of the matching policies" (types.go, Priority).
 * Every matching policy's first matching rule is a possible outcome (any interleaving keeps each
 * policy's own rule order); when they disagree on the verdict, the most permissive one is taken and
 * reported as an ambiguity.
 */
export function evaluateTier(input: TierInput): DirectionOutcome {
  const { tier, direction, flow, cluster, passes, next } = input;
  const policies = input.policies
    .filter((policy) => policy.tier === tier && rulesOf(policy, direction).length > 0)
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  const ambiguities: string[] = [];
  for (const priority of [...new Set(policies.map((policy) => policy.priority))]) {
    const decided: { policy: ReadClusterNetworkPolicy; decision: RuleDecision }[] = [];
    for (const policy of policies.filter((p) => p.priority === priority)) {
      const scan = firstMatchingRule(policy, direction, flow, cluster);
      ambiguities.push(...scan.ambiguities);
      if (scan.decision) decided.push({ policy, decision: scan.decision });
    }
    if (decided.length === 0) continue;
    const outcomes = decided.map(({ policy, decision }) => outcomeOf(policy, decision, input));
    const chosen = outcomes.find((outcome) => outcome.verdict.allowed) ?? outcomes[0];
    if (chosen === undefined) continue;
    if (outcomes.some((outcome) => outcome.verdict.allowed !== chosen.verdict.allowed)) {
      const names = decided.map(({ policy, decision }) => `${policy.name} ${decision.path} (${decision.action})`).join(', ');
      ambiguities.push(
        `${tier} tier, ${direction}: ClusterNetworkPolicies with the same priority ${priority} match this flow with different outcomes (${names}); ` +
          'the implementation may apply any of them (types.go, Priority): took the most permissive',
      );
    }
    return { verdict: chosen.verdict, ambiguities: [...ambiguities, ...chosen.ambiguities] };
  }
  const after = next(passes);
  return { verdict: after.verdict, ambiguities: [...ambiguities, ...after.ambiguities] };
}

function outcomeOf(policy: ReadClusterNetworkPolicy, decision: RuleDecision, input: TierInput): DirectionOutcome {
  const where = `${describePolicy(policy)} ${decision.path}${decision.name === undefined ? '' : ` "${decision.name}"`}`;
  const rule = { object: policy.ref, path: decision.path };
  switch (decision.action) {
    case 'Accept':
      return { verdict: { allowed: true, rule, reason: `accepted by ${where}` }, ambiguities: [] };
    case 'Deny':
      return {
        verdict: {
          allowed: false,
          rule,
          reason: decision.failedClosed ? `denied: ${where} has a peer or protocol this API version does not know and fails closed ("Deny all")` : `denied by ${where}`,
        },
        ambiguities: [],
      };
    case 'Pass':
      return input.next([...input.passes, `Pass by ${where}`]);
  }
}
