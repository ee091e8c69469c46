/** Narrowing helpers for rendered objects: rule checks must not trust a shape the schema may reject. */
import { isRecord } from '../k8s/kube-object.js';

export type JsonRecord = Record<string, unknown>;
export { isRecord };

/** The array at `record[key]`, or [] when absent or not an array (the schema reports the latter). */
export function arrayAt(record: JsonRecord, key: string): readonly unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

export function recordAt(record: JsonRecord, key: string): JsonRecord | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

/** Present and not null: how Go's omitempty pointers see a field. */
export function isSet(record: JsonRecord, key: string): boolean {
  return record[key] !== undefined && record[key] !== null;
}

/** Non-empty list: Cilium and Calico test `len(x) > 0`, so an empty list counts as absent. */
export function hasItems(record: JsonRecord, key: string): boolean {
  return arrayAt(record, key).length > 0;
}

/** A short rendering of a value for messages: `"abc"`, `9443`, `{…}`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return '[…]';
  if (isRecord(value)) return '{…}';
  return String(value);
}
