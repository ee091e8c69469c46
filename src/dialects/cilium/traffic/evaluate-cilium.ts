import { ALLOWED_UNSUBJECTED, combine, isPod } from '../../../traffic/cluster.js';
import { ciliumDirectionVerdict, type DirectionOutcome } from './direction-verdict.js';
import { apiserversOf } from './identity.js';
import { networkPolicyEntries } from './network-policy.js';
import { ciliumPolicyEntries } from './policy-entries.js';
import { unsubjected } from '../../../traffic/network-policy.js';
import type { Evaluator } from '../../../traffic/model.js';

/**
 * Cilium: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and Kubernetes NetworkPolicy (as
 * Cilium converts it) in one repository of rule entries; everything else in `objects` is ignored.
 * Egress is enforced at the source pod, ingress at the destination pod; nodes, the apiserver and
 * external endpoints are not policed (host policies are not modelled). Behaviours and their upstream
 * sources are cited where they are modelled (the other files of this folder).
 */
export const evaluateCilium: Evaluator = (objects, cluster, flow) => {
  const entries = [...ciliumPolicyEntries(objects), ...networkPolicyEntries(objects)];
  const apiservers = apiserversOf(cluster, flow);
  const unpoliced = (direction: 'ingress' | 'egress'): DirectionOutcome => ({
    verdict: ALLOWED_UNSUBJECTED(unsubjected(direction === 'egress' ? flow.from : flow.to, direction)),
    ambiguities: [],
  });
  const egress = isPod(flow.from)
    ? ciliumDirectionVerdict(entries, { direction: 'egress', pod: flow.from, peer: flow.to, flow, cluster, objects, apiservers })
    : unpoliced('egress');
  const ingress = isPod(flow.to)
    ? ciliumDirectionVerdict(entries, { direction: 'ingress', pod: flow.to, peer: flow.from, flow, cluster, objects, apiservers })
    : unpoliced('ingress');
  return combine(egress.verdict, ingress.verdict, [...egress.ambiguities, ...ingress.ambiguities]);
};
