import type { Identity } from './identity.js';
import { matchIf, type Match } from './match.js';
import { isK8sKey, parseLabelKey, requirementsMatch, selectorRequirements, type Requirement } from './selector.js';

/**
 * Namespace scoping of the selectors of a CiliumNetworkPolicy (namespace set) or a
 * CiliumClusterwideNetworkPolicy (namespace undefined), after pkg/k8s/apis/cilium.io/utils/utils.go.
 */

const NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels';

const inNamespace = (namespace: string): Requirement => ({ source: 'k8s', key: NAMESPACE_KEY, operator: 'In', values: [namespace], fromMatchLabels: true });
const anyNamespace: Requirement = { source: 'k8s', key: NAMESPACE_KEY, operator: 'Exists', values: [], fromMatchLabels: false };

export const NAMESPACE_LABELS_NOTE =
  'a CiliumNetworkPolicy peer selects on io.cilium.k8s.namespace.labels.*: older Cilium (pkg/k8s/apis/cilium.io/utils/utils.go getEndpointSelector before the namespace-labels exception; ' +
  'Documentation/security/policy/kubernetes.rst: "io.cilium.k8s.namespace.labels will be ignored in CiliumNetworkPolicy") keeps it in the policy\'s namespace, newer Cilium selects other namespaces; the wider reading was taken';

/** A peer selector under the reading that adds the most requirements (`strict`) and the fewest (`loose`). */
export interface ScopedSelector {
  strict: readonly Requirement[];
  loose: readonly Requirement[];
}

const same = (requirements: readonly Requirement[]): ScopedSelector => ({ strict: requirements, loose: requirements });

/**
 * getEndpointSelector: `fromEndpoints`/`toEndpoints`/`fromRequires` entries are limited to the
 * policy's namespace unless they name `io.kubernetes.pod.namespace` (k8s: or any:); in a clusterwide
 * policy they are limited to pods (`k8s:io.kubernetes.pod.namespace` Exists) instead. A peer
 * selector naming a `reserved:` label is left alone ("The k8s prefix must not be added to reserved
 * labels"; not for fromRequires, `peerField` false). Undefined when the selector is malformed.
 */
export function scopedPeerSelector(selector: unknown, policyNamespace: string | undefined, peerField: boolean): ScopedSelector | undefined {
  const requirements = selectorRequirements(selector, parseLabelKey);
  if (!requirements) return undefined;
  if (peerField && requirements.some((r) => r.source === 'reserved')) return same(requirements);
  if (requirements.some((r) => isK8sKey(r, NAMESPACE_KEY))) return same(requirements);
  if (policyNamespace === undefined) return same([...requirements, anyNamespace]);
  const scoped = [...requirements, inNamespace(policyNamespace)];
  // Newer utils.go: `else if !es.HasKeyPrefix(podK8SNamespaceLabelsPrefix) && !es.HasKeyPrefix(podAnyNamespaceLabelsPrefix)`.
  const namesNamespaceLabels = requirements.some((r) => (r.source === 'k8s' || r.source === 'any') && r.key.startsWith(NAMESPACE_LABELS_PREFIX));
  return namesNamespaceLabels ? { strict: scoped, loose: requirements } : same(scoped);
}

export function scopedMatch(selector: ScopedSelector, identity: Identity): Match {
  const min = requirementsMatch(selector.strict, identity.labels);
  const max = requirementsMatch(selector.loose, identity.labels);
  return min === max ? matchIf(min) : { min, max, notes: [NAMESPACE_LABELS_NOTE] };
}

/**
 * ParseToCiliumRule: a CiliumNetworkPolicy's `endpointSelector` always applies in the policy's
 * namespace: `k8s:io.kubernetes.pod.namespace` is set to it, overwriting a user value ("removing
 * illegal namespace match"). A clusterwide policy's selector is used as written.
 */
export function subjectRequirements(selector: unknown, policyNamespace: string | undefined): Requirement[] | undefined {
  const requirements = selectorRequirements(selector, parseLabelKey);
  if (!requirements || policyNamespace === undefined) return requirements;
  return [...requirements.filter((r) => !(r.fromMatchLabels && r.source === 'k8s' && r.key === NAMESPACE_KEY)), inNamespace(policyNamespace)];
}
