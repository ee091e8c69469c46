import type { Config } from '../config/load-config.js';
import type { ResourceList } from '../krm/resource-list.js';
import { describeRef, isRecord, type KubeObject, type ObjectRef } from '../k8s/kube-object.js';
import { errorResult, warningResult, type Outcome } from '../krm/result.js';
import { discoverWorkloads, describeSelector } from './discover-workloads.js';
import { listWorkloadEntries } from './list-workload-entries.js';
import type { Workload } from './workload.js';

const SHOWN = 20;

export interface Targets {
  workloads: Workload[];
  /** Matched workloads without an allowlist of their own whose pods another allowlist selects. */
  covered: ObjectRef[];
}

/**
 * The workloads to protect: the explicit `target.pods`, or the workloads discovered in the items.
 * Nothing matched is an error that lists what was seen, since a silent no-op leaves ports open.
 */
export function discoverTargets(list: ResourceList, config: Config): Outcome<Targets> {
  const at = config.ref ? { resourceRef: config.ref } : {};
  if (!config.values.networkPolicy.enabled) return { value: { workloads: [], covered: [] }, results: [] };
  if (config.pods) {
    const { name, namespace, selector } = config.pods;
    return { value: { workloads: [{ ref: { apiVersion: 'v1', kind: 'Pod', name, namespace }, namespace, podSelector: selector }], covered: [] }, results: [] };
  }
  const entries = list.items;
  const objects = entries.map((e) => e.parsed?.object).filter((o): o is KubeObject => o !== undefined && !isSameObject(o, list.functionConfig));
  const found = discoverWorkloads(objects, config.selector, config.values.target.namespace);
  const results = [...found.problems.map((p) => errorResult(p.message, { resourceRef: p.ref })), ...found.skipped.map((s) => warningResult(s.message, { resourceRef: s.ref }))];
  if (found.workloads.length === 0 && found.problems.length === 0) {
    const seen = listWorkloadEntries(entries).map(describeRef);
    const list = seen.length === 0 ? 'the items hold no workload' : `workloads seen: ${seen.slice(0, SHOWN).join(', ')}${seen.length > SHOWN ? `, and ${seen.length - SHOWN} more` : ''}`;
    const scope = config.values.target.namespace ? ` in namespace ${config.values.target.namespace}` : '';
    results.push(
      errorResult(
        `networkPolicy.enabled is true but no workload's pod template matches target.selector ${describeSelector(config.selector)}${scope}; ${list}. Fix target.selector, or set target.pods when the list holds no workload (kustomize generators:)`,
        { ...at, field: { path: 'target.selector' } },
      ),
    );
  }
  return { value: { workloads: found.workloads, covered: found.covered }, results };
}

function isSameObject(object: KubeObject, functionConfig: unknown): boolean {
  if (!isRecord(functionConfig) || !isRecord(functionConfig.metadata)) return false;
  return object.apiVersion === functionConfig.apiVersion && object.kind === functionConfig.kind && object.metadata.name === functionConfig.metadata.name;
}

