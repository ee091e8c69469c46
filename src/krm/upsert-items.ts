import { isDeepStrictEqual } from 'node:util';
import type { ResourceList } from './resource-list.js';
import { itemDocument } from './parse-item.js';
import { identityOf, refOf, type KubeObject } from '../k8s/kube-object.js';
import { STRINGIFY_OPTIONS } from './stringify-block.js';
import { syncNode } from './sync-node.js';
import { indentEntry, toEntry } from './write-resource-list.js';

/**
 * Whose an item is: this generator's (`mine`: updated or removed), another instance's of the same
 * generator (`sibling`: left alone, but taken over when this one renders the same object), or
 * nobody's we know (`foreign`: never touched).
 */
export type Ownership = 'mine' | 'sibling' | 'foreign';

export interface UpsertOutcome {
  items: string[];
  added: KubeObject[];
  updated: KubeObject[];
  removed: KubeObject[];
  /** Sibling objects this generator rendered too, and so took over (updated, with its own marker). */
  adopted: { object: KubeObject; previous: KubeObject }[];
  /** Sibling objects it does not render: left as they are. */
  siblings: KubeObject[];
  /** Wanted objects whose identity a foreign item already has: never overwritten. */
  clashes: { wanted: KubeObject; existing: KubeObject }[];
  /** Owned items found twice: the later copies are dropped. */
  duplicates: KubeObject[];
}

/**
 * Puts the wanted objects into the list by group/kind/namespace/name. Owned items are updated in
 * place (same position, annotations, comments) or kept byte-for-byte when already right; owned items
 * no longer wanted are removed; everything else is copied as it came; new objects are appended.
 */
export function upsertItems(list: ResourceList, wanted: readonly KubeObject[], ownership: (object: KubeObject) => Ownership): UpsertOutcome {
  const { seqIndent } = list.source;
  const outcome: UpsertOutcome = { items: [], added: [], updated: [], removed: [], adopted: [], siblings: [], clashes: [], duplicates: [] };
  const byId = new Map(wanted.map((object) => [identityOf(refOf(object)), object]));
  const placed = new Set<string>();
  const clashed = new Set<string>();
  for (const entry of list.items) {
    // only parsed items can be ours: the caller parsed every item of a kind it may own
    const existing = entry.parsed?.object;
    if (!existing) {
      outcome.items.push(entry.text);
      continue;
    }
    const id = identityOf(refOf(existing));
    const desired = byId.get(id);
    const owner = ownership(existing);
    if (owner === 'foreign' || (owner === 'sibling' && !desired)) {
      if (desired && owner === 'foreign' && !clashed.has(id)) {
        clashed.add(id);
        outcome.clashes.push({ wanted: desired, existing });
      }
      if (owner === 'sibling') outcome.siblings.push(existing);
      outcome.items.push(entry.text);
    } else if (!desired) {
      outcome.removed.push(existing);
    } else if (placed.has(id)) {
      outcome.duplicates.push(existing);
    } else {
      placed.add(id);
      const merged = mergeOwned(existing, desired);
      if (isDeepStrictEqual(merged, existing)) {
        outcome.items.push(entry.text);
      } else {
        const doc = itemDocument(entry.text, seqIndent);
        doc.contents = syncNode(doc, doc.contents, merged) as typeof doc.contents;
        outcome.items.push(indentEntry(doc.toString(STRINGIFY_OPTIONS), seqIndent));
        if (owner === 'sibling') outcome.adopted.push({ object: desired, previous: existing });
        else outcome.updated.push(desired);
      }
    }
  }
  for (const [id, object] of byId) {
    if (placed.has(id) || clashed.has(id)) continue;
    outcome.items.push(toEntry(object, seqIndent));
    outcome.added.push(object);
  }
  return outcome;
}

/**
 * The existing object with the generator's fields taken from the desired one. Annotations merge (the
 * desired ones win: they carry the owner); labels merge with the existing ones winning, since labels
 * belong to the user and to later steps, and a generator that put its own back on every run would
 * fight them forever.
 */
function mergeOwned(existing: KubeObject, desired: KubeObject): KubeObject {
  const { namespace: _drop, ...existingMeta } = existing.metadata;
  const metadata = { ...existingMeta, name: desired.metadata.name };
  if (desired.metadata.namespace) Object.assign(metadata, { namespace: desired.metadata.namespace });
  if (desired.metadata.labels) metadata.labels = { ...desired.metadata.labels, ...existing.metadata.labels };
  if (desired.metadata.annotations) metadata.annotations = { ...existing.metadata.annotations, ...desired.metadata.annotations };
  // keep key order of the existing metadata where keys exist
  const ordered = Object.fromEntries(Object.keys({ ...existing.metadata, ...metadata }).filter((k) => k in metadata).map((k) => [k, metadata[k as keyof typeof metadata]]));
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = desired;
  const merged: KubeObject = { ...existing, apiVersion: desired.apiVersion, kind: desired.kind, metadata: ordered as KubeObject['metadata'] };
  for (const key of Object.keys(existing)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key) && !(key in rest)) delete merged[key];
  Object.assign(merged, rest);
  return merged;
}
