import type { LabelSelector } from '../../k8s/label-selector.js';

/**
 * A Kubernetes label selector as a Calico selector expression: `k == 'v'` per matchLabels entry
 * (sorted by key), then each expression in order (`in {…}`, `not in {…}`, `has(k)`, `!has(k)`),
 * joined with ` && `. The empty selector is `all()`. Output is stable: equal selectors give equal text.
 */
export function calicoSelector(selector: LabelSelector): string {
  const terms = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((key) => `${key} == ${quote(selector.matchLabels![key]!)}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const set = `{${values.map(quote).join(', ')}}`;
    terms.push(
      operator === 'In' ? `${key} in ${set}`
      : operator === 'NotIn' ? `${key} not in ${set}`
      : operator === 'Exists' ? `has(${key})`
      : `!has(${key})`,
    );
  }
  return terms.length > 0 ? terms.join(' && ') : 'all()';
}

/**
 * Calico string literals have no escape sequences: single quotes, or double quotes when the value
 * holds a single quote. Valid label values hold neither (validation of the workload rejects others).
 */
function quote(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
