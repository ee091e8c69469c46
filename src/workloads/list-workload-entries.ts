import type { Item } from '../krm/resource-list.js';
import type { ObjectRef } from '../k8s/kube-object.js';
import { isWorkloadKind } from './workload-kinds.js';

/**
 * Every workload item's identity, from its parse when there was one and from its cheap header
 * otherwise: enough to name workloads in messages without parsing thousands of items.
 */
export function listWorkloadEntries(entries: readonly Item[]): ObjectRef[] {
  const refs: ObjectRef[] = [];
  for (const entry of entries) {
    const object = entry.parsed?.object;
    const source = object ? { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace } : entry.header;
    if (!isWorkloadKind(source.kind) || source.name === undefined || source.apiVersion === undefined) continue;
    refs.push({ apiVersion: source.apiVersion, kind: source.kind, name: source.name, ...(source.namespace ? { namespace: source.namespace } : {}) });
  }
  return refs;
}
