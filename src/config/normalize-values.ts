import { childPath } from '../k8s/field-path.js';
import { isRecord } from '../k8s/kube-object.js';
import type { Problem } from '../krm/result.js';

/** The one key that, assigned to an ordinary object, replaces its prototype instead of adding a field. */
export const PROTOTYPE_KEY = '__proto__';

/**
 * The values as they will be checked: Helm's rule that a key set to null is unset (its default applies;
 * lists are kept as written), copied into records without a prototype, so no key can reach one. A
 * `__proto__` key is an error: it is never a value, and applied it would set defaults through the back door.
 */
export function normalizeValues(values: Record<string, unknown>, path = ''): { values: Record<string, unknown>; problems: Problem[] } {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const at = childPath(path, key);
    if (key === PROTOTYPE_KEY) {
      problems.push({ path: at, message: `is not a valid key: "${PROTOTYPE_KEY}" names an object's prototype, never a value` });
      continue;
    }
    if (value === null) continue;
    if (!isRecord(value)) {
      out[key] = value;
      continue;
    }
    const inner = normalizeValues(value, at);
    out[key] = inner.values;
    problems.push(...inner.problems);
  }
  return { values: out, problems };
}
