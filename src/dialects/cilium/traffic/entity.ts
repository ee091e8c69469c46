import { CLUSTER_NAME, hasReservedLabel, type Identity } from './identity.js';
import { ambiguous, matchIf, NO_MATCH, type Match } from './match.js';

/**
 * `fromEntities`/`toEntities` (pkg/policy/api/entity.go EntitySelectorMapping): each entity is a
 * selector on a reserved label; `all` is the wildcard selector; `cluster` is host, remote-node, init,
 * ingress, health, unmanaged, kube-apiserver and every pod of the cluster
 * (`k8s:io.cilium.k8s.policy.cluster=<name>`, InitEntities); `none` "can be selected but never
 * exist". An unknown name maps to no selector.
 */

const RESERVED_ENTITIES = ['host', 'remote-node', 'kube-apiserver', 'init', 'ingress', 'unmanaged', 'health', 'none'];
const CLUSTER_RESERVED = ['host', 'remote-node', 'init', 'ingress', 'health', 'unmanaged'];

export const CLUSTER_APISERVER_NOTE =
  'the `cluster` entity selects a kube-apiserver outside the cluster only through its reserved:kube-apiserver label, which pkg/policy/api/entity.go InitEntities adds to `cluster` in newer Cilium only; the wider reading was taken';

export function entityMatches(entity: unknown, identity: Identity): Match {
  if (entity === 'all') return matchIf(true);
  if (entity === 'world') return matchIf(hasReservedLabel(identity, 'world'));
  if (entity === 'cluster') {
    const pod = identity.labels.some((l) => l.source === 'k8s' && l.key === 'io.cilium.k8s.policy.cluster' && l.value === CLUSTER_NAME);
    if (pod || CLUSTER_RESERVED.some((key) => hasReservedLabel(identity, key))) return matchIf(true);
    if (!hasReservedLabel(identity, 'kube-apiserver')) return NO_MATCH;
    return hasReservedLabel(identity, 'world') ? ambiguous(CLUSTER_APISERVER_NOTE) : matchIf(true);
  }
  if (typeof entity === 'string' && RESERVED_ENTITIES.includes(entity)) return matchIf(hasReservedLabel(identity, entity));
  return NO_MATCH;
}
