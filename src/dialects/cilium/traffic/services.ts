import { isRecord } from '../../../k8s/kube-object.js';
import type { Identity } from './identity.js';
import { ambiguous, matchIf, NO_MATCH, type Match } from './match.js';
import { matchesLabelSelector } from '../../../k8s/label-selector.js';
import type { Cluster, Service } from '../../../traffic/model.js';

/**
 * `toServices` (Documentation/security/policy/language.rst, "Services based"): `k8sService`
 * (serviceName + namespace) or `k8sServiceSelector` (a label selector on Services, optionally one
 * namespace) allows the Service's endpoints. The docs: "will only take effect on Kubernetes services
 * without a selector", whose endpoints are translated to CIDRs (so, like any CIDR peer, they match
 * only CIDR identities); newer parsers normalise toServices to endpoint selectors
 * (pkg/k8s/apis/cilium.io/utils ParseCiliumEgressCommonRule: "ToServices are normalized to …
 * ToEndpointSelector"), which can reach pod backends. A Service the model does not list matches nothing.
 */

export const SERVICE_POD_NOTE =
  'toServices reaches a pod backend only in newer Cilium (toServices normalised to endpoint selectors); language.rst: "Services based rules will only take effect on Kubernetes services without a selector"; the wider reading was taken';

function selects(entry: Record<string, unknown>, service: Service): boolean {
  const byName = entry.k8sService;
  if (isRecord(byName)) return byName.serviceName === service.name && byName.namespace === service.namespace;
  const bySelector = entry.k8sServiceSelector;
  if (!isRecord(bySelector)) return false;
  const namespaceOk = bySelector.namespace === undefined || bySelector.namespace === '' || bySelector.namespace === service.namespace;
  return namespaceOk && matchesLabelSelector(bySelector.selector, service.labels ?? {});
}

export function toServicesMatches(entry: unknown, peer: Identity, cluster: Cluster): Match {
  if (!isRecord(entry)) return NO_MATCH;
  const { endpoint } = peer;
  const backed = (cluster.services ?? []).some((s) => selects(entry, s) && s.endpoints.some((e) => e.kind === endpoint.kind && e.ip === endpoint.ip));
  if (!backed) return NO_MATCH;
  return endpoint.kind === 'pod' ? ambiguous(SERVICE_POD_NOTE) : matchIf(peer.cidr);
}
