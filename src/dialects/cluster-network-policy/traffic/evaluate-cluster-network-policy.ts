import type { KubeObject } from '../../../k8s/kube-object.js';
import { ALLOWED_UNSUBJECTED, combine, isPod } from '../../../traffic/cluster.js';
import { readClusterNetworkPolicy, type ReadClusterNetworkPolicy } from './read.js';
import { subjectSelects } from './subject.js';
import { evaluateTier, type DirectionOutcome, type NextTier } from './tier.js';
import { networkPolicyVerdict, PERMISSIVE_READING, unsubjected, type Direction } from '../../../traffic/network-policy.js';
import type { Cluster, Evaluator, Flow, Verdict } from '../../../traffic/model.js';

/**
 * An engine enforcing `policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy` and `networking.k8s.io/v1
 * NetworkPolicy` (kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go,
 * site-src/api-overview.md). Per direction: "Policy tiers are evaluated in the following order: Admin
 * tier, NetworkPolicy tier, Baseline tier ... If a given connection wasn't allowed or denied by any of the
 * tiers, the default kubernetes policy is applied, which says that all pods can communicate with each
 * other" (types.go, Tier). Egress is judged at the source pod, ingress at the destination pod: an egress
 * Accept leaves "any ingress rules at the destination" in force (types.go, EgressRule.Action).
 */
export const evaluateClusterNetworkPolicy: Evaluator = (objects, cluster, flow) => {
  const subjectToCnp = verdictOf(objects, cluster, flow, true);
  if (!isHairpin(flow)) return subjectToCnp;
  // "A Pod connecting to its own Pod IP is not subject to CNP. A Pod connecting to a Service IP that the
  // service proxy load-balances back to the same Pod is subject to ClusterNetworkPolicy" (api-overview.md;
  // conformance CNPAdminTierHairpin). A flow is judged after Service translation and cannot say which;
  // the direct reading keeps the NetworkPolicy tier and drops both CNP tiers.
  const direct = verdictOf(objects, cluster, flow, false);
  if (direct.allowed === subjectToCnp.allowed) return subjectToCnp;
  const chosen = direct.allowed ? direct : subjectToCnp;
  const message =
    'the pod reaches itself: through its own Pod IP ClusterNetworkPolicy does not apply, through a Service that load-balances back to it it does (api-overview.md); ' +
    'the two readings differ: took the most permissive';
  return { ...chosen, ambiguities: [...chosen.ambiguities, message] };
};

function isHairpin(flow: Flow): boolean {
  return isPod(flow.from) && isPod(flow.to) && flow.from.namespace === flow.to.namespace && flow.from.name === flow.to.name;
}

function verdictOf(objects: readonly KubeObject[], cluster: Cluster, flow: Flow, withCnp: boolean): Verdict {
  const egress = directionOutcome(objects, cluster, flow, 'Egress', withCnp);
  const ingress = directionOutcome(objects, cluster, flow, 'Ingress', withCnp);
  return combine(egress.verdict, ingress.verdict, [...egress.ambiguities, ...ingress.ambiguities]);
}

function directionOutcome(objects: readonly KubeObject[], cluster: Cluster, flow: Flow, direction: Direction, withCnp: boolean): DirectionOutcome {
  const pod = direction === 'Ingress' ? flow.to : flow.from;
  const word = direction === 'Ingress' ? 'ingress' : 'egress';
  // Host-network pods, nodes, the apiserver and the internet are never subjects (types.go, Subject).
  if (!isPod(pod)) return { verdict: ALLOWED_UNSUBJECTED(`default allow: ${unsubjected(pod, word)}`), ambiguities: [] };
  const policies: ReadClusterNetworkPolicy[] = [];
  if (withCnp) {
    for (const object of objects) {
      const policy = readClusterNetworkPolicy(object);
      if (policy && subjectSelects(policy.subject, pod, cluster)) policies.push(policy);
    }
  }
  const defaultAllow: NextTier = (passes) => ({
    verdict: ALLOWED_UNSUBJECTED(
      `default allow: no ClusterNetworkPolicy or NetworkPolicy decided ${word} of ${pod.namespace}/${pod.name}${passes.length > 0 ? ` (after ${passes.join('; ')})` : ''}`,
    ),
    ambiguities: [],
  });
  const baselineTier: NextTier = (passes) => evaluateTier({ tier: 'Baseline', policies, direction, flow, cluster, passes, next: defaultAllow });
  // "v1.NetworkPolicy always makes a final decision for selected pods. Further evaluation only happens for
  // Pods not selected by a v1.NetworkPolicy" (types.go, Tier); its verdict is passed through unchanged.
  const networkPolicyTier: NextTier = (passes) => {
    const verdict = networkPolicyVerdict(objects, cluster, flow, direction, PERMISSIVE_READING);
    return verdict ? { verdict, ambiguities: [] } : baselineTier(passes);
  };
  return evaluateTier({ tier: 'Admin', policies, direction, flow, cluster, passes: [], next: networkPolicyTier });
}
