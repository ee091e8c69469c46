import { isRecord, type KubeObject } from '../../../k8s/kube-object.js';
import type { CalicoPolicy, PolicyRule } from './policy.js';
import { matchesLabelSelector } from '../../../k8s/label-selector.js';
import { isNetworkPolicy, networkPolicyPeerMatches, networkPolicyPortsMatch, policyTypesOf, type Direction, type NetworkPolicyReading } from '../../../traffic/network-policy.js';

/**
 * How Calico's conversion reads a peer: an ipBlock becomes `nets`/`notNets` with no selector, so it
 * matches any address, pods and nodes included; Calico has no "local node" rule of its own (traffic from
 * the local host is simply not policed, see calico.ts).
 */
const CALICO_READING: NetworkPolicyReading = { ipBlockMatches: () => true, localNodeAllowed: false };

/**
 * A `networking.k8s.io/v1` NetworkPolicy as Calico enforces it (libcalico-go/lib/backend/k8s/conversion/
 * conversion.go K8sNetworkPolicyToCalico): in the `default` tier, "We insert all the NetworkPolicy Policies
 * at order 1000.0", named `knp.default.<name>`, selecting `projectcalico.org/orchestrator == 'k8s'` pods
 * of its namespace that match podSelector; every rule an Allow. The conversion splits a rule per protocol
 * and peer, which changes nothing to whether some part of it matches, so each Kubernetes rule stays one
 * rule here and keeps its path. The peer and port readings are the Kubernetes ones (kubernetes.ts), which
 * the conversion reproduces: podSelector alone = the policy's namespace, `namespaceSelector: {}` = all(),
 * ports default to TCP, endPort makes a "port:endPort" range.
 */
export function kubernetesPolicyInCalico(object: KubeObject): CalicoPolicy | undefined {
  if (!isNetworkPolicy(object)) return undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  const namespace = object.metadata.namespace ?? 'default';
  const name = `knp.default.${object.metadata.name}`;
  const rules = (direction: Direction): PolicyRule[] => {
    const section = direction === 'Ingress' ? 'ingress' : 'egress';
    const peersKey = direction === 'Ingress' ? 'from' : 'to';
    const list = Array.isArray(spec[section]) ? spec[section] : [];
    return list.flatMap((rule, i) => {
      if (!isRecord(rule)) return [];
      const peers = rule[peersKey];
      return [
        {
          action: 'Allow',
          path: `spec.${section}[${i}]`,
          peerNets: Array.isArray(peers) && peers.some((p) => isRecord(p) && p.ipBlock !== undefined),
          matches: (flow, cluster) => {
            const peer = direction === 'Ingress' ? flow.from : flow.to;
            const peerOk = peers === undefined || (Array.isArray(peers) && (peers.length === 0 || peers.some((p) => networkPolicyPeerMatches(p, namespace, peer, cluster, CALICO_READING))));
            return peerOk && networkPolicyPortsMatch(rule.ports, flow);
          },
        },
      ];
    });
  };
  return {
    object,
    tier: 'default',
    order: 1000,
    tieBreak: `${name}/${namespace}/KubernetesNetworkPolicy`,
    // The conversion keeps policyTypes, which the API server defaulted before Calico reads the object.
    types: policyTypesOf(object),
    appliesTo: (pod) => pod.namespace === namespace && matchesLabelSelector(spec.podSelector, pod.labels),
    rules: { Ingress: rules('Ingress'), Egress: rules('Egress') },
  };
}
