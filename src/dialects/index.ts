import { groupOf, type KubeObject } from '../k8s/kube-object.js';
import { calico } from './calico/calico.js';
import { cilium } from './cilium/cilium.js';
import { clusterNetworkPolicy } from './cluster-network-policy/cluster-network-policy.js';
import type { Dialect } from './dialect.js';
import { kubernetes } from './kubernetes/kubernetes.js';

/**
 * The only place dialects are listed: every other list of engines (the values' `engine` enum and
 * sections, the kinds the function owns, the validators the build compiles, the code cache's training
 * runs) is derived from this one.
 */
export const DIALECTS = { kubernetes, cilium, calico, clusterNetworkPolicy } satisfies Record<string, Dialect>;

export type Engine = keyof typeof DIALECTS;

export const ENGINES = Object.keys(DIALECTS) as [Engine, ...Engine[]];

export function allDialects(): Dialect[] {
  return Object.values(DIALECTS);
}

/** The dialect whose kind an object is (any version of its API group), if any. */
export function dialectOf(object: Pick<KubeObject, 'apiVersion' | 'kind'>): Dialect | undefined {
  return allDialects().find((d) => d.kind === object.kind && groupOf(d.apiVersion) === groupOf(object.apiVersion));
}
