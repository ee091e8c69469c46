import { isRecord } from '../../../k8s/kube-object.js';
import type { IdentityLabel } from './identity.js';

/**
 * Cilium EndpointSelectors (pkg/policy/api/selector.go) as requirements on identity labels. A key
 * names its label source: `k8s:app` matches only Kubernetes labels, `reserved:host` only reserved
 * ones, and a key without a source (`app`) is `any:app`, which matches a label of any source
 * (pkg/labels LabelArray.Has/Get: "[k8s.foo=bar].Has(any.foo) => true").
 */

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  source: string;
  key: string;
  operator: Operator;
  values: readonly string[];
  /** From `matchLabels` (which Cilium keeps as a map: AddMatch overwrites the same key). */
  fromMatchLabels: boolean;
}

export interface LabelKey {
  source: string;
  key: string;
}

/** pkg/labels ParseSource: `$key` is reserved, `src:key` splits at the first `:`, no `:` is `any`. */
export function parseLabelKey(text: string): LabelKey {
  if (text.startsWith('$')) return { source: 'reserved', key: text.slice(1) };
  const colon = text.indexOf(':');
  return colon < 0 ? { source: 'any', key: text } : { source: text.slice(0, colon), key: text.slice(colon + 1) };
}

/** NetworkPolicy selectors: every key is prefixed with `k8s:` (pkg/k8s/network_policy.go). */
export const k8sLabelKey = (text: string): LabelKey => ({ source: 'k8s', key: text });

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const isOperator = (value: unknown): value is Operator => typeof value === 'string' && OPERATORS.includes(value);
const labelValue = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/**
 * A `metav1.LabelSelector` as written (unvalidated data) as requirements, or undefined when it is
 * malformed: a broken selector selects nothing, so it never widens a verdict.
 */
export function selectorRequirements(selector: unknown, keyOf: (text: string) => LabelKey): Requirement[] | undefined {
  if (!isRecord(selector)) return undefined;
  const out: Requirement[] = [];
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return undefined;
    for (const [text, raw] of Object.entries(matchLabels)) {
      const value = labelValue(raw);
      if (value === undefined) return undefined;
      out.push({ ...keyOf(text), operator: 'In', values: [value], fromMatchLabels: true });
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return undefined;
    for (const expression of matchExpressions) {
      if (!isRecord(expression) || typeof expression.key !== 'string' || !isOperator(expression.operator)) return undefined;
      const values = Array.isArray(expression.values) ? expression.values.map(labelValue) : [];
      if (values.some((v) => v === undefined)) return undefined;
      out.push({ ...keyOf(expression.key), operator: expression.operator, values: values.filter((v): v is string => v !== undefined), fromMatchLabels: false });
    }
  }
  return out;
}

function valueOf(labels: readonly IdentityLabel[], wanted: LabelKey): string | undefined {
  const found = labels.find((l) => l.key === wanted.key && (wanted.source === 'any' || l.source === wanted.source));
  return found?.value;
}

/** Kubernetes label-selector semantics over identity labels (NotIn also matches a missing key). */
export function requirementsMatch(requirements: readonly Requirement[], labels: readonly IdentityLabel[]): boolean {
  return requirements.every((r) => {
    const value = valueOf(labels, r);
    switch (r.operator) {
      case 'In':
        return value !== undefined && r.values.includes(value);
      case 'NotIn':
        return value === undefined || !r.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
  });
}

/** Whether a requirement is on `key` of source `k8s` or `any` (the form pkg/k8s/apis/cilium.io/utils looks for). */
export const isK8sKey = (r: LabelKey, key: string): boolean => (r.source === 'k8s' || r.source === 'any') && r.key === key;
