import { childPath } from '../k8s/field-path.js';
import { arrayAt, isRecord, recordAt } from './json-value.js';
import { checkLabelValue, checkQualifiedName } from '../k8s/names.js';
import type { Violation } from './violation.js';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface LabelSelectorOptions {
  /**
   * Cilium keys may carry a label source, `k8s:io.kubernetes.pod.namespace`, `any:app`; the key after
   * it follows the Kubernetes rules.
   */
  allowSourcePrefix?: boolean;
}

/**
 * metav1.ValidateLabelSelector: label keys and values, and the operator/values pairing of each
 * matchExpression. CRD-based APIs (Cilium, ClusterNetworkPolicy) leave this to the controller that
 * converts the selector, which then fails at enforcement time instead of at apply time.
 */
export function checkLabelSelector(selector: unknown, path: string, out: Violation[], options: LabelSelectorOptions = {}): void {
  if (!isRecord(selector)) return;
  const checkKey = (key: string): string | undefined =>
    checkQualifiedName(options.allowSourcePrefix ? key.replace(/^[A-Za-z0-9_-]+:/, '') : key);

  const matchLabels = recordAt(selector, 'matchLabels');
  for (const [key, value] of Object.entries(matchLabels ?? {})) {
    const labelPath = childPath(childPath(path, 'matchLabels'), key);
    const keyProblem = checkKey(key);
    if (keyProblem) out.push({ path: labelPath, message: keyProblem });
    if (typeof value === 'string') {
      const valueProblem = checkLabelValue(value);
      if (valueProblem) out.push({ path: labelPath, message: valueProblem });
    }
  }

  arrayAt(selector, 'matchExpressions').forEach((expression, i) => {
    if (!isRecord(expression)) return;
    const expressionPath = childPath(childPath(path, 'matchExpressions'), i);
    const { key, operator } = expression;
    const values = arrayAt(expression, 'values');
    if (typeof key === 'string') {
      const keyProblem = checkKey(key);
      if (keyProblem) out.push({ path: childPath(expressionPath, 'key'), message: keyProblem });
    }
    if (typeof operator !== 'string') return;
    if (!OPERATORS.includes(operator)) {
      out.push({ path: childPath(expressionPath, 'operator'), message: `must be one of ${OPERATORS.join(', ')} (got ${JSON.stringify(operator)})` });
    } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      out.push({ path: childPath(expressionPath, 'values'), message: `must not be empty when operator is ${operator}` });
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      out.push({ path: childPath(expressionPath, 'values'), message: `must be empty when operator is ${operator}` });
    }
    values.forEach((value, j) => {
      if (typeof value !== 'string') return;
      const valueProblem = checkLabelValue(value);
      if (valueProblem) out.push({ path: childPath(childPath(expressionPath, 'values'), j), message: valueProblem });
    });
  });
}
