import { isRecord } from '../krm/kube-object.js';

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
