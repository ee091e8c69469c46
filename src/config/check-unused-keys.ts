import { isRecord } from '../k8s/kube-object.js';
import { UNUSED_CHART_KEYS } from './chart-keys.js';
import { closestKey } from '../k8s/closest-name.js';
import { schemaAt, stepOf } from './schema-walk.js';
import { valuesSchema } from './values-schema.js';
import type { Problem } from '../krm/result.js';

export interface UnusedKeys {
  /** Chart keys accepted and ignored: reported once, as information. */
  unused: string[];
  /** Keys close to one the function uses: almost certainly typos. */
  errors: Problem[];
  /** Keys neither used nor known from the chart. */
  warnings: Problem[];
}

/**
 * The loosely typed sections (the values' top level, `webhook`, `gate`, `mcp`) accept the chart's other
 * keys; this sorts what they hold into ignored chart keys, typos of used keys, and unknown keys.
 */
export function checkUnusedKeys(values: Record<string, unknown>): UnusedKeys {
  const found: UnusedKeys = { unused: [], errors: [], warnings: [] };
  for (const [section, chartKeys] of Object.entries(UNUSED_CHART_KEYS)) {
    const keys = section === '' ? [] : section.split('.');
    const node = keys.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), values);
    if (!isRecord(node)) continue;
    const schema = schemaAt(valuesSchema, keys);
    const step = schema ? stepOf(schema) : undefined;
    const used = step?.kind === 'object' ? step.keys : [];
    for (const key of Object.keys(node)) {
      if (used.includes(key)) continue;
      const path = section === '' ? key : `${section}.${key}`;
      const typo = closestKey(key, used);
      if (typo && !chartKeys.includes(key)) found.errors.push({ path, message: `unknown key "${key}" (did you mean "${typo}"?)` });
      else if (chartKeys.includes(key)) found.unused.push(path);
      else found.warnings.push({ path, message: `unknown key "${key}" is ignored (neither a value this function uses nor a key of the stageset-controller chart)` });
    }
  }
  return found;
}
