import { isRecord } from './kube-object.js';

/** A Kubernetes `metav1.LabelSelector`. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: SelectorRequirement[];
}

export interface SelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** Whether a set of labels satisfies a selector; an empty selector selects everything. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const ok =
      operator === 'In' ? has && values.includes(labels[key]!)
      : operator === 'NotIn' ? !has || !values.includes(labels[key]!)
      : operator === 'Exists' ? has
      : !has;
    if (!ok) return false;
  }
  return true;
}

const REQUIREMENT = /^\s*(!?)\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(?:(==|=|!=)\s*([-A-Za-z0-9_.]*)|\s(in|notin)\s*\(([^)]*)\))?\s*$/;

/**
 * Parses kubectl's selector syntax (`a=b,c!=d,e in (x,y),f notin (z),g,!h`) so ConfigMap users can
 * write a selector as one string. Returns an error message instead of throwing.
 */
export function parseSelectorString(text: string): LabelSelector | string {
  const selector: LabelSelector = {};
  for (const part of splitTopLevel(text)) {
    if (part.trim() === '') return `empty requirement in selector ${JSON.stringify(text)}`;
    const m = REQUIREMENT.exec(part);
    if (!m) return `cannot parse selector requirement ${JSON.stringify(part.trim())} (expected key=value, key!=value, key in (a,b), key notin (a,b), key or !key)`;
    const [, not, key, op, value, setOp, list] = m;
    if (not && (op || setOp)) return `cannot negate ${JSON.stringify(part.trim())}: use != or notin`;
    if (op === '=' || op === '==') (selector.matchLabels ??= {})[key!] = value!;
    else if (op === '!=') (selector.matchExpressions ??= []).push({ key: key!, operator: 'NotIn', values: [value!] });
    else if (setOp) {
      const values = list!.split(',').map((v) => v.trim()).filter(Boolean);
      (selector.matchExpressions ??= []).push({ key: key!, operator: setOp === 'in' ? 'In' : 'NotIn', values });
    } else (selector.matchExpressions ??= []).push({ key: key!, operator: not ? 'DoesNotExist' : 'Exists' });
  }
  return selector;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Stable text of a selector, used in messages. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    parts.push(
      operator === 'Exists' ? key
      : operator === 'DoesNotExist' ? `!${key}`
      : `${key} ${operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`,
    );
  }
  return parts.length ? parts.join(',') : '(everything)';
}

/**
 * Whether labels satisfy a `metav1.LabelSelector` as written in a policy (unvalidated data). `{}`
 * selects everything; a malformed selector selects nothing, so a broken rule never widens a verdict
 * (validation reports it separately).
 */
export function matchesLabelSelector(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isRecord(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined) {
    if (!isRecord(matchLabels)) return false;
    for (const [key, value] of Object.entries(matchLabels)) if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  if (matchExpressions !== undefined) {
    if (!Array.isArray(matchExpressions)) return false;
    for (const expression of matchExpressions) if (!matchesExpression(expression, labels)) return false;
  }
  return true;
}

function matchesExpression(expression: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isRecord(expression) || typeof expression.key !== 'string') return false;
  const has = Object.hasOwn(labels, expression.key);
  const values = Array.isArray(expression.values) ? expression.values : [];
  const value = labels[expression.key];
  switch (expression.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
