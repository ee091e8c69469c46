import { namespaceLabels } from '../../../traffic/cluster.js';
import type { Cluster, PodEndpoint } from '../../../traffic/model.js';

/** Labels Calico adds to every pod's WorkloadEndpoint (api/pkg/apis/projectcalico/v3/constants.go). */
export const CALICO_NAMESPACE_LABEL = 'projectcalico.org/namespace';
export const CALICO_ORCHESTRATOR_LABEL = 'projectcalico.org/orchestrator';
export const CALICO_SERVICE_ACCOUNT_LABEL = 'projectcalico.org/serviceaccount';
/** Added to the labels a namespace or service account profile hands down (conversion/constants.go NameLabel). */
export const CALICO_NAME_LABEL = 'projectcalico.org/name';
/** Prefixes of the labels inherited from the kns.<ns> and ksa.<ns>.<sa> profiles (conversion/constants.go). */
export const NAMESPACE_LABEL_PREFIX = 'pcns.';
export const SERVICE_ACCOUNT_LABEL_PREFIX = 'pcsa.';

/**
 * The service account Calico sees: the pod's, or `default`, which the ServiceAccount admission plugin
 * sets on every pod that names none.
 */
export function serviceAccountOf(pod: PodEndpoint): string {
  return pod.serviceAccount ?? 'default';
}

/**
 * Every label Calico's selectors see on a pod, as felix indexes them:
 * - the labels the namespace profile kns.<ns> hands down: the namespace's labels (with
 *   kubernetes.io/metadata.name) and projectcalico.org/name, prefixed `pcns.` (conversion.go
 *   NamespaceToProfile); a rule's namespaceSelector is rewritten onto them (updateprocessors/selectors.go
 *   parseSelectorAttachPrefix);
 * - those of the service account profile ksa.<ns>.<sa>: projectcalico.org/name prefixed `pcsa.`
 *   (ServiceAccountToProfile; the model has no service account labels);
 * - the pod's own labels, which win over inherited ones;
 * - projectcalico.org/namespace, projectcalico.org/orchestrator=k8s and projectcalico.org/serviceaccount
 *   (conversion/workload_endpoint_default.go).
 */
export function calicoPodLabels(pod: PodEndpoint, cluster: Cluster): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(namespaceLabels(cluster, pod.namespace))) labels[NAMESPACE_LABEL_PREFIX + key] = value;
  labels[NAMESPACE_LABEL_PREFIX + CALICO_NAME_LABEL] = pod.namespace;
  labels[SERVICE_ACCOUNT_LABEL_PREFIX + CALICO_NAME_LABEL] = serviceAccountOf(pod);
  Object.assign(labels, pod.labels);
  labels[CALICO_NAMESPACE_LABEL] = pod.namespace;
  labels[CALICO_ORCHESTRATOR_LABEL] = 'k8s';
  labels[CALICO_SERVICE_ACCOUNT_LABEL] = serviceAccountOf(pod);
  return labels;
}

/** A lookup that reads `key` as `prefix + key`: how a namespace or service account selector sees a pod. */
export function prefixedLookup(labels: Readonly<Record<string, string>>, prefix: string): (key: string) => string | undefined {
  return (key) => (Object.hasOwn(labels, prefix + key) ? labels[prefix + key] : undefined);
}
