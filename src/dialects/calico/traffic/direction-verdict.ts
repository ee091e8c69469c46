import { describeRef, refOf } from '../../../k8s/kube-object.js';
import { calicoPodLabels } from './labels.js';
import { comparePolicies, type CalicoPolicy, type PolicyRule } from './policy.js';
import { compareTiers, type CalicoTier } from './tiers.js';
import type { Direction } from '../../../traffic/network-policy.js';
import type { Cluster, DirectionVerdict, Flow, PodEndpoint } from '../../../traffic/model.js';

export interface CalicoDirectionOutcome {
  verdict: DirectionVerdict;
  /** The rule that allowed or denied, if one did. */
  rule?: PolicyRule;
  ambiguities: string[];
}

/** Tiers whose Pass the Tier CRD pins (tier.go CEL rules), so no release reads them otherwise. */
const BUILT_IN_PASS: ReadonlySet<string> = new Set(['kube-admin', 'kube-baseline']);

function describe(policy: CalicoPolicy): string {
  return describeRef(refOf(policy.object));
}

/**
 * Calico's verdict for one direction at `pod` (ingress: the destination; egress: the source), or
 * undefined when no policy applies to it that way, leaving the namespace profile kns.<ns> to allow
 * (conversion.go NamespaceToProfile: `Ingress: [{Action: Allow}]`, `Egress: [{Action: Allow}]`).
 *
 * felix/rules/endpoints.go endpointIptablesChain and reference/resources/tier.mdx "How policy is evaluated":
 * - only tiers with a policy that applies to the endpoint in this direction take part, smallest order first;
 * - inside a tier, policies by order then name, rules top to bottom: the first Allow or Deny is final,
 *   Pass skips to the next tier, Log records and goes on;
 * - a tier that applies but takes no action ends with its defaultAction: Deny ("If the Tier applies to the
 *   endpoint, but takes no action on the packet the packet is dropped") or Pass;
 * - past the last tier, the endpoint's profiles decide: kns.<ns> allows.
 */
export function calicoDirectionVerdict(
  policies: readonly CalicoPolicy[],
  tiers: ReadonlyMap<string, CalicoTier>,
  cluster: Cluster,
  flow: Flow,
  direction: Direction,
  pod: PodEndpoint,
): CalicoDirectionOutcome | undefined {
  const labels = calicoPodLabels(pod, cluster);
  const applying = policies.filter((p) => p.types.has(direction) && p.appliesTo(pod, labels));
  const active = [...tiers.values()].filter((tier) => applying.some((p) => p.tier === tier.name)).sort(compareTiers);
  if (active.length === 0) return undefined;
  const who = `${pod.namespace}/${pod.name}`;
  const ambiguities: string[] = [];
  const passedTiers: string[] = [];
  for (const tier of active) {
    const inTier = applying.filter((p) => p.tier === tier.name).sort(comparePolicies);
    let passed = false;
    policyLoop: for (const policy of inTier) {
      for (const rule of policy.rules[direction]) {
        const where = `${describe(policy)} ${rule.path}`;
        let matched = rule.matches(flow, cluster);
        if (typeof matched === 'object') {
          // Most permissive reading: an Allow counts as matching, any other action as not.
          ambiguities.push(`${where}: ${matched.unknown}; read as ${rule.action === 'Allow' ? 'matching' : 'not matching'}`);
          matched = rule.action === 'Allow';
        }
        if (!matched) continue;
        const ref = { object: refOf(policy.object), path: rule.path };
        switch (rule.action) {
          case 'Allow':
            return { verdict: { allowed: true, rule: ref, reason: `allowed by ${where} in tier "${tier.name}"` }, rule, ambiguities };
          case 'Deny':
            return { verdict: { allowed: false, rule: ref, reason: `denied by ${where} in tier "${tier.name}"` }, rule, ambiguities };
          case 'Pass':
            passed = true;
            passedTiers.push(`tier "${tier.name}" passed by ${where}`);
            break policyLoop;
          case 'Log':
            continue;
        }
      }
    }
    if (passed) continue;
    const names = inTier.map(describe).join(', ');
    if (tier.defaultAction === 'Pass') {
      passedTiers.push(`tier "${tier.name}" ended with its defaultAction Pass`);
      if (!BUILT_IN_PASS.has(tier.name)) {
        // felix/rules/endpoints.go before calico PR #9232 ended every tier but adminnetworkpolicy with a drop.
        ambiguities.push(`tier "${tier.name}" passed ${who} for ${direction} by its defaultAction Pass, which Calico releases without the Tier defaultAction field (calico PR #9232) ignore: they drop`);
      }
      continue;
    }
    return {
      verdict: {
        allowed: false,
        reason: `end of tier "${tier.name}": ${names} appl${inTier.length === 1 ? 'ies' : 'y'} to ${who} for ${direction} but no rule allowed, denied or passed the flow; the tier's default action is Deny`,
      },
      ambiguities,
    };
  }
  return {
    verdict: { allowed: true, reason: `${passedTiers.join('; ')}; past the last tier the namespace profile kns.${pod.namespace} allows it` },
    ambiguities,
  };
}
