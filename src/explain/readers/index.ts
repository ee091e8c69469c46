import type { KubeObject } from '../../k8s/kube-object.js';
import type { Engine } from '../../dialects/index.js';
import { readCalicoPolicy } from './calico.js';
import { readCiliumPolicy } from './cilium.js';
import { readClusterNetworkPolicy } from './cluster-network-policy.js';
import { readNetworkPolicy } from './kubernetes.js';
import type { PolicyReader, ReadPolicy } from './reader.js';

/**
 * Each engine's own policy kinds; every engine also enforces Kubernetes NetworkPolicy. Keyed by the
 * registry's engines, so a new dialect does not compile until it says how `explain` reads its policies.
 */
const OWN_KINDS = {
  kubernetes: readNetworkPolicy,
  cilium: readCiliumPolicy,
  calico: readCalicoPolicy,
  clusterNetworkPolicy: readClusterNetworkPolicy,
} satisfies Record<Engine, PolicyReader>;

/** The policies among `objects` that `engine` enforces, as read for the matrix. */
export function readPolicies(objects: readonly KubeObject[], engine: Engine): ReadPolicy[] {
  const own: PolicyReader = OWN_KINDS[engine];
  return objects.flatMap((object) => {
    const read = own(object) ?? readNetworkPolicy(object);
    return read ? [read] : [];
  });
}
