import { ALLOWED_UNSUBJECTED, combine } from '../../traffic/cluster.js';
import type { Evaluator } from '../../traffic/model.js';
import { networkPolicyVerdict, PERMISSIVE_READING, unsubjected } from '../../traffic/network-policy.js';

/** Kubernetes NetworkPolicy alone (any conformant CNI), with the upstream API's most permissive reading. */
export const evaluateKubernetes: Evaluator = (objects, cluster, flow) => {
  const egress = networkPolicyVerdict(objects, cluster, flow, 'Egress', PERMISSIVE_READING) ?? ALLOWED_UNSUBJECTED(unsubjected(flow.from, 'egress'));
  const ingress = networkPolicyVerdict(objects, cluster, flow, 'Ingress', PERMISSIVE_READING) ?? ALLOWED_UNSUBJECTED(unsubjected(flow.to, 'ingress'));
  return combine(egress, ingress);
};
