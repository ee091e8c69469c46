import { isRecord, type KubeObject } from '../../../k8s/kube-object.js';

export interface CalicoTier {
  name: string;
  /** Undefined: "infinite", applied last (api/pkg/apis/projectcalico/v3/tier.go TierSpec.Order). */
  order: number | undefined;
  /** What happens when the tier applies to the endpoint but no policy acts: Deny unless the Tier says Pass. */
  defaultAction: 'Deny' | 'Pass';
}

/**
 * The tiers Calico creates itself (libcalico-go clientv3 EnsureInitialized → ensureTierExists; orders and
 * actions pinned by the Tier CRD's CEL rules in tier.go): `default` at 1,000,000 with Deny, and the
 * ClusterNetworkPolicy tiers `kube-admin` at 1,000 and `kube-baseline` at 10,000,000 with Pass.
 */
const BUILT_IN: readonly CalicoTier[] = [
  { name: 'kube-admin', order: 1_000, defaultAction: 'Pass' },
  { name: 'default', order: 1_000_000, defaultAction: 'Deny' },
  { name: 'kube-baseline', order: 10_000_000, defaultAction: 'Pass' },
];

export function isCalicoTier(object: KubeObject): boolean {
  return object.apiVersion === 'projectcalico.org/v3' && object.kind === 'Tier';
}

/** The tiers that exist: the built-in ones, overlaid by the Tier objects given. */
export function readCalicoTiers(objects: readonly KubeObject[]): Map<string, CalicoTier> {
  const tiers = new Map(BUILT_IN.map((tier) => [tier.name, tier]));
  for (const object of objects.filter(isCalicoTier)) {
    const spec = isRecord(object.spec) ? object.spec : {};
    const builtIn = tiers.get(object.metadata.name);
    tiers.set(object.metadata.name, {
      name: object.metadata.name,
      order: typeof spec.order === 'number' ? spec.order : builtIn?.order,
      // tier.go: "DefaultAction ... [Default: Deny]", enum Pass|Deny.
      defaultAction: spec.defaultAction === 'Pass' ? 'Pass' : spec.defaultAction === 'Deny' ? 'Deny' : (builtIn?.defaultAction ?? 'Deny'),
    });
  }
  return tiers;
}

/** felix/calc/policy_sorter.go TierLess: by order, a tier without order last, ties by name. */
export function compareTiers(a: CalicoTier, b: CalicoTier): number {
  const orderA = a.order ?? Infinity;
  const orderB = b.order ?? Infinity;
  if (orderA !== orderB) return orderA - orderB;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
