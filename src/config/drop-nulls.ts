import { isRecord } from '../krm/kube-object.js';

/** Helm's rule: a key set to null is unset, so its default applies. Lists are kept as written. */
export function dropNulls(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue;
    out[key] = isRecord(value) ? dropNulls(value) : value;
  }
  return out;
}
