import { isRecord } from '../../../k8s/kube-object.js';
import { namespaceLabels } from '../../../traffic/cluster.js';
import { matchesLabelSelector } from '../../../k8s/label-selector.js';
import type { Cluster, Endpoint, PodEndpoint } from '../../../traffic/model.js';

/**
 * A `namespaces` selector (subject or peer): every pod of the selected namespaces. "Note that
 * host-networked pods are not included in this type of peer" (types.go), so only pod endpoints match.
 */
export function namespacesSelect(selector: unknown, endpoint: Endpoint, cluster: Cluster): boolean {
  return endpoint.kind === 'pod' && matchesLabelSelector(selector, namespaceLabels(cluster, endpoint.namespace));
}

/**
 * A `pods` selector (NamespacedPod): namespaceSelector AND podSelector. Both are non-pointer structs;
 * "if empty, it selects all Namespaces" / "all Pods" (types.go), so an omitted one is the empty one.
 */
export function namespacedPodsSelect(value: unknown, endpoint: Endpoint, cluster: Cluster): boolean {
  if (!isRecord(value) || endpoint.kind !== 'pod') return false;
  return matchesLabelSelector(value.namespaceSelector ?? {}, namespaceLabels(cluster, endpoint.namespace)) && matchesLabelSelector(value.podSelector ?? {}, endpoint.labels);
}

/**
 * ClusterNetworkPolicySubject: "Exactly one field must be set. Note that host-networked pods are not
 * included in subject selection" (types.go). A subject with zero or two fields (the CRD rejects it) selects nothing.
 */
export function subjectSelects(subject: unknown, pod: PodEndpoint, cluster: Cluster): boolean {
  if (!isRecord(subject)) return false;
  const { namespaces, pods } = subject;
  if ((namespaces === undefined) === (pods === undefined)) return false;
  return namespaces !== undefined ? namespacesSelect(namespaces, pod, cluster) : namespacedPodsSelect(pods, pod, cluster);
}
