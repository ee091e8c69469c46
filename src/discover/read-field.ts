import { isRecord } from '../k8s/kube-object.js';

/**
 * Typed reads of the fields of API objects, which come from a cluster or a dump as plain data: a field
 * that is missing or of another type reads as undefined (or empty), never as an exception.
 */
export function fieldAt(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined;
    else current = isRecord(current) ? current[key] : undefined;
  }
  return current;
}

export function stringAt(value: unknown, ...path: readonly (string | number)[]): string | undefined {
  const found = fieldAt(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function numberAt(value: unknown, ...path: readonly (string | number)[]): number | undefined {
  const found = fieldAt(value, ...path);
  return typeof found === 'number' ? found : undefined;
}

export function listAt(value: unknown, ...path: readonly (string | number)[]): readonly unknown[] {
  const found = fieldAt(value, ...path);
  return Array.isArray(found) ? found : [];
}

/** A string map (labels, a selector, ConfigMap data); entries that are not strings are left out. */
export function stringMapAt(value: unknown, ...path: readonly (string | number)[]): Record<string, string> {
  const found = fieldAt(value, ...path);
  if (!isRecord(found)) return {};
  return Object.fromEntries(Object.entries(found).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
