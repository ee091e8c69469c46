import { calicoDirectionVerdict, type CalicoDirectionOutcome } from './direction-verdict.js';
import { kubernetesPolicyInCalico } from './k8s-policy.js';
import type { CalicoPolicy } from './policy.js';
import { readCalicoTiers } from './tiers.js';
import { calicoV3Policy } from './v3-policy.js';
import { combine, isPod, nodeOf } from '../../../traffic/cluster.js';
import { unsubjected, type Direction } from '../../../traffic/network-policy.js';
import type { DirectionVerdict, Evaluator, Flow, PodEndpoint } from '../../../traffic/model.js';

/**
 * Calico: `projectcalico.org/v3` NetworkPolicy, GlobalNetworkPolicy and Tier objects, and
 * `networking.k8s.io/v1` NetworkPolicy converted into the default tier at order 1000; every other kind is
 * ignored. Egress is judged at the source pod, ingress at the destination pod; nodes, the apiserver and
 * external addresses are not policed (the model has no HostEndpoints).
 */

/**
 * Traffic from a node's own host (kubelet probes, host-network pods, an apiserver on that node) to its
 * workloads is never matched against their ingress policy: felix/rules/static.go filterOutputChain "We
 * don't currently police host -> endpoint according to the endpoint's ingress policy" (iptables and
 * nftables), felix/bpf-gpl/tc.c "Host to workload traffic always allowed" (eBPF). The iptables dataplane
 * with kube-proxy in IPVS mode still polices host traffic that reached the pod over an IPVS (Service)
 * connection, which a post-translation flow cannot tell apart: the verdict takes the unpoliced reading.
 */
function fromLocalHost(flow: Flow, pod: PodEndpoint): boolean {
  return !isPod(flow.from) && nodeOf(flow.from) === pod.node;
}

function policyIngress(flow: Flow, outcome: CalicoDirectionOutcome | undefined, pod: PodEndpoint, ambiguities: string[]): DirectionVerdict {
  if (fromLocalHost(flow, pod)) {
    if (outcome && !outcome.verdict.allowed) {
      ambiguities.push(
        `traffic from the local host to ${pod.namespace}/${pod.name} is not policed (felix filterOutputChain, eBPF tc.c), except by the iptables dataplane with kube-proxy in IPVS mode when it came through a Service, where policy would deny it (${outcome.verdict.reason})`,
      );
    }
    return { allowed: true, reason: `Calico does not police traffic from the local host (node ${pod.node}) to its workloads` };
  }
  if (outcome?.rule?.peerNets && (flow.from.kind === 'node' || (flow.from.kind === 'apiserver' && flow.from.node !== undefined))) {
    // projectcalico/calico#721: with IPIP (or VXLAN) a host's traffic to a remote pod leaves with the
    // host's tunnel address, not its node IP.
    ambiguities.push(
      `the ingress verdict for ${pod.namespace}/${pod.name} ("${outcome.verdict.reason}") rests on matching ${flow.from.ip} by address, but with an IPIP or VXLAN overlay traffic from another node's host carries that node's tunnel address`,
    );
  }
  return outcome?.verdict ?? noPolicy(pod, 'ingress');
}

/**
 * A pod's traffic to its own host passes its egress policy, then Felix's DefaultEndpointToHostAction
 * (api/pkg/apis/projectcalico/v3/felixconfig.go: "By default, Calico blocks traffic from workload endpoints
 * to the host itself with an iptables DROP action", [Default: Drop]), which "our manifests and operator"
 * set to ACCEPT (felix/fv tests). The verdict takes ACCEPT and records the Drop reading.
 */
function policyEgress(flow: Flow, outcome: CalicoDirectionOutcome | undefined, pod: PodEndpoint, ambiguities: string[]): DirectionVerdict {
  const verdict = outcome?.verdict ?? noPolicy(pod, 'egress');
  if (verdict.allowed && !isPod(flow.to) && nodeOf(flow.to) === pod.node) {
    ambiguities.push(
      `${pod.namespace}/${pod.name} → its own host (node ${pod.node}) is then subject to FelixConfiguration defaultEndpointToHostAction: allowed with ACCEPT (what the manifests and the operator set), dropped with Drop (the Felix default)`,
    );
  }
  return verdict;
}

function noPolicy(pod: PodEndpoint, direction: 'ingress' | 'egress'): DirectionVerdict {
  return { allowed: true, reason: `no Calico or Kubernetes policy applies to ${pod.namespace}/${pod.name} for ${direction}; the namespace profile kns.${pod.namespace} allows it` };
}

export const evaluateCalico: Evaluator = (objects, cluster, flow) => {
  const policies = objects.flatMap((o): CalicoPolicy[] => {
    const policy = calicoV3Policy(o) ?? kubernetesPolicyInCalico(o);
    return policy ? [policy] : [];
  });
  const tiers = readCalicoTiers(objects);
  const ambiguities: string[] = [];
  const outcome = (direction: Direction, pod: PodEndpoint): CalicoDirectionOutcome | undefined => {
    const result = calicoDirectionVerdict(policies, tiers, cluster, flow, direction, pod);
    ambiguities.push(...(result?.ambiguities ?? []));
    return result;
  };
  const egress = isPod(flow.from) ? policyEgress(flow, outcome('Egress', flow.from), flow.from, ambiguities) : { allowed: true, reason: unsubjected(flow.from, 'egress') };
  const ingress = isPod(flow.to) ? policyIngress(flow, outcome('Ingress', flow.to), flow.to, ambiguities) : { allowed: true, reason: unsubjected(flow.to, 'ingress') };
  return combine(egress, ingress, ambiguities);
};
