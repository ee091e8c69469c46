import { parseCalicoSelector, type SelectorNode } from '../selector-grammar.js';

/** Looks a label up: its value, or undefined when the endpoint does not have it. */
export type LabelLookup = (key: string) => string | undefined;

/**
 * What `all()` and `global()` evaluate to. Both are true in libcalico-go (parser/ast.go AllNode, GlobalNode);
 * a rule's namespaceSelector rewrites them to `has(projectcalico.org/namespace)` and its negation
 * (updateprocessors/rules.go getEndpointSelector), so for a pod there they are true and false.
 */
export interface SelectorScope {
  all: boolean;
  global: boolean;
}

const PLAIN: SelectorScope = { all: true, global: true };

/** parser/ast.go Evaluate: `!=` and `not in` are true when the label is absent; the others need it present. */
function evaluate(node: SelectorNode, get: LabelLookup, scope: SelectorScope): boolean {
  switch (node.kind) {
    case 'all':
      return scope.all;
    case 'global':
      return scope.global;
    case 'has':
      return get(node.label) !== undefined;
    case 'not':
      return !evaluate(node.operand, get, scope);
    case 'and':
      return node.operands.every((operand) => evaluate(operand, get, scope));
    case 'or':
      return node.operands.some((operand) => evaluate(operand, get, scope));
    case 'set': {
      const value = get(node.label);
      if (value === undefined) return node.op === 'not in';
      return node.values.includes(value) === (node.op === 'in');
    }
    case 'compare': {
      const value = get(node.label);
      if (value === undefined) return node.op === '!=';
      switch (node.op) {
        case '==':
          return value === node.value;
        case '!=':
          return value !== node.value;
        case 'contains':
          return value.includes(node.value);
        case 'starts with':
          return value.startsWith(node.value);
        case 'ends with':
          return value.endsWith(node.value);
      }
    }
  }
}

const cache = new Map<string, SelectorNode | undefined>();

/** The parsed selector, or undefined when it does not parse (Calico rejects such a policy). */
export function compiledCalicoSelector(selector: string): SelectorNode | undefined {
  if (!cache.has(selector)) {
    const parsed = parseCalicoSelector(selector);
    cache.set(selector, 'node' in parsed ? parsed.node : undefined);
  }
  return cache.get(selector);
}

/** Whether labels satisfy a Calico selector; an unparsable selector matches nothing. */
export function calicoSelectorMatches(selector: string, labels: Readonly<Record<string, string>> | LabelLookup, scope: SelectorScope = PLAIN): boolean {
  const node = compiledCalicoSelector(selector);
  if (!node) return false;
  const get: LabelLookup = typeof labels === 'function' ? labels : (key) => (Object.hasOwn(labels, key) ? labels[key] : undefined);
  return evaluate(node, get, scope);
}
