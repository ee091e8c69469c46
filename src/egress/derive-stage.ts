import type { Config } from '../config/load-config.js';
import type { KubeObject } from '../k8s/kube-object.js';
import type { Item, ResourceList } from '../krm/resource-list.js';
import { infoResult, warningResult, type Outcome, type Result } from '../krm/result.js';
import type { Targets } from '../workloads/discover-targets.js';
import { deriveEgress } from './derive-egress.js';
import { describeTargets } from './describe-targets.js';
import type { EgressTarget } from './egress-target.js';
import { mayImplyEgress } from './item-targets.js';

/** Whether the items are read for egress at all: only when derivation from them is asked for. */
function readsItems(config: Config): boolean {
  const { networkPolicy } = config.values;
  return networkPolicy.enabled && networkPolicy.egress.enabled && networkPolicy.egress.derived.enabled && networkPolicy.egress.derived.items;
}

/** The items the derive stage reads (StageSets, ConfigMaps), by their header, to be parsed with the rest. */
export function itemsForEgress(config: Config): (item: Item) => boolean {
  if (!readsItems(config)) return () => false;
  return ({ header }) => mayImplyEgress(header.apiVersion, header.kind);
}

/**
 * The derive stage: the destinations the configuration implies (src/egress/derive-egress.ts). With
 * `networkPolicy.egress.derived.enabled` off, nothing is derived, and one info result says what would
 * be; with it on, the targets go to the plan and the results say what was derived, from which key.
 */
export function deriveStage(list: ResourceList, config: Config, targets: Targets): Outcome<EgressTarget[]> {
  const { values } = config;
  if (!values.networkPolicy.enabled || !values.networkPolicy.egress.enabled) return { value: [], results: [] };
  const at = (path: string) => ({ ...(config.ref ? { resourceRef: config.ref } : {}), field: { path } });
  const items = readsItems(config) ? list.items.map((item) => item.parsed?.object).filter((o): o is KubeObject => o !== undefined) : [];
  const found = deriveEgress(values, items, targets.workloads[0] ? { namespace: targets.workloads[0].namespace } : {});
  if (!values.networkPolicy.egress.derived.enabled) {
    if (found.targets.length === 0) return { value: [], results: [] };
    const message = `nothing is derived (networkPolicy.egress.derived.enabled is false); the configuration implies: ${describeTargets(found.targets)}. Set it to true to allow these (the items are read too), or allow them in networkPolicy.egress.to`;
    return { value: [], results: [infoResult(message, at('networkPolicy.egress.derived.enabled'))] };
  }
  const located = (p: { path: string; message: string; resourceRef?: Result['resourceRef'] }) => (p.resourceRef ? { resourceRef: p.resourceRef, field: { path: p.path } } : at(p.path));
  const results: Result[] = [...found.problems.map((p) => warningResult(p.message, located(p))), ...found.notes.map((n) => infoResult(n.message, located(n)))];
  results.push(infoResult(`egress derived from the configuration: ${describeTargets(found.targets)}`, at('networkPolicy.egress.derived')));
  return { value: found.targets, results };
}
