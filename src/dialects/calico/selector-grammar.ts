/**
 * The Calico selector grammar (libcalico-go lib/selector: tokenizer/tokenizer.go, parser/parser.go), e.g.
 * `app.kubernetes.io/name == 'web' && has(tier) && env in {"prod", "stage"}`: one tokenizer and one
 * recursive-descent parser, shared by the syntax check below and the traffic evaluator
 * (src/traffic/calico-selector-match.ts), which evaluates the tree it builds.
 */
type Token =
  | { kind: 'label' | 'string'; text: string; at: number }
  | { kind: 'op'; text: '==' | '!=' | 'in' | 'not in' | 'contains' | 'starts with' | 'ends with'; at: number }
  | { kind: 'punct'; text: '(' | ')' | '{' | '}' | ',' | '!' | '&&' | '||'; at: number }
  | { kind: 'fn'; text: 'all()' | 'global()'; at: number }
  | { kind: 'has'; text: string; at: number };

/** A parsed selector: the node kinds of parser/ast.go. */
export type SelectorNode =
  | { kind: 'all' }
  | { kind: 'global' }
  | { kind: 'has'; label: string }
  | { kind: 'compare'; op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; label: string; value: string }
  | { kind: 'set'; op: 'in' | 'not in'; label: string; values: readonly string[] }
  | { kind: 'not'; operand: SelectorNode }
  | { kind: 'and' | 'or'; operands: readonly SelectorNode[] };

/** A parse failure: a message naming the position. */
interface Problem {
  problem: string;
}

const LABEL = /^[A-Za-z0-9_./-]+/;
const LEXEMES: [RegExp, (m: RegExpExecArray, at: number) => Token][] = [
  [/^has\(\s*([A-Za-z0-9_./-]+)\s*\)/, (m, at) => ({ kind: 'has', text: m[1] ?? '', at })],
  [/^all\(\s*\)/, (_, at) => ({ kind: 'fn', text: 'all()', at })],
  [/^global\(\s*\)/, (_, at) => ({ kind: 'fn', text: 'global()', at })],
  [/^(==|!=)/, (m, at) => ({ kind: 'op', text: m[1] === '==' ? '==' : '!=', at })],
  // Keywords end where a label could not continue, so `in-cluster` stays a label.
  [/^not\s*in(?![\w./-])/, (_, at) => ({ kind: 'op', text: 'not in', at })],
  [/^in(?![\w./-])/, (_, at) => ({ kind: 'op', text: 'in', at })],
  [/^contains(?![\w./-])/, (_, at) => ({ kind: 'op', text: 'contains', at })],
  [/^starts\s*with(?![\w./-])/, (_, at) => ({ kind: 'op', text: 'starts with', at })],
  [/^ends\s*with(?![\w./-])/, (_, at) => ({ kind: 'op', text: 'ends with', at })],
  [/^(&&|\|\||[(){},!])/, (m, at) => ({ kind: 'punct', text: m[1] as '(' | ')' | '{' | '}' | ',' | '!' | '&&' | '||', at })],
  // Single or double quotes, no escape sequences (tokenizer.go).
  [/^"([^"]*)"|^'([^']*)'/, (m, at) => ({ kind: 'string', text: m[1] ?? m[2] ?? '', at })],
];

function tokenize(text: string): Token[] | Problem {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    let matched = false;
    for (const [regexp, make] of LEXEMES) {
      const m = regexp.exec(rest);
      if (!m) continue;
      tokens.push(make(m, at));
      at += m[0].length;
      matched = true;
      break;
    }
    if (matched) continue;
    const label = LABEL.exec(rest);
    if (label) {
      tokens.push({ kind: 'label', text: label[0], at });
      at += label[0].length;
      continue;
    }
    if (rest.startsWith('"') || rest.startsWith("'")) return { problem: `unterminated string at position ${at}` };
    return { problem: `unexpected ${JSON.stringify(rest[0])} at position ${at}` };
  }
  return tokens;
}

function failed<T>(result: T | Problem): result is Problem {
  return typeof result === 'object' && result !== null && 'problem' in result;
}

/**
 * Recursive descent over: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | '(' or ')' | term
 * (parser.go: `||` binds loosest, leading `!`s negate the operation that follows).
 */
class Parser {
  private next = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): SelectorNode | Problem {
    const node = this.or();
    if (failed(node)) return node;
    const extra = this.tokens[this.next];
    return extra ? { problem: `unexpected ${JSON.stringify(extra.text)} at position ${extra.at}` } : node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.next];
  }

  private where(): string {
    const token = this.peek();
    return token ? `${JSON.stringify(token.text)} at position ${token.at}` : `end of selector (position ${this.length})`;
  }

  private or(): SelectorNode | Problem {
    const operands: SelectorNode[] = [];
    for (;;) {
      const node = this.and();
      if (failed(node)) return node;
      operands.push(node);
      if (this.peek()?.text !== '||') return operands.length === 1 ? node : { kind: 'or', operands };
      this.next++;
    }
  }

  private and(): SelectorNode | Problem {
    const operands: SelectorNode[] = [];
    for (;;) {
      const node = this.unary();
      if (failed(node)) return node;
      operands.push(node);
      if (this.peek()?.text !== '&&') return operands.length === 1 ? node : { kind: 'and', operands };
      this.next++;
    }
  }

  private unary(): SelectorNode | Problem {
    const token = this.peek();
    if (!token) return { problem: `expected an expression at ${this.where()}` };
    this.next++;
    if (token.kind === 'punct' && token.text === '!') {
      const operand = this.unary();
      return failed(operand) ? operand : { kind: 'not', operand };
    }
    if (token.kind === 'punct' && token.text === '(') {
      const node = this.or();
      if (failed(node)) return node;
      if (this.peek()?.text !== ')') return { problem: `expected ")" to close "(" at position ${token.at}, found ${this.where()}` };
      this.next++;
      return node;
    }
    if (token.kind === 'fn') return { kind: token.text === 'all()' ? 'all' : 'global' };
    if (token.kind === 'has') return { kind: 'has', label: token.text };
    if (token.kind !== 'label') return { problem: `expected a label, has(), all() or "(" but found ${JSON.stringify(token.text)} at position ${token.at}` };
    return this.comparison(token);
  }

  private comparison(label: Token): SelectorNode | Problem {
    const op = this.peek();
    if (op?.kind !== 'op') return { problem: `expected ==, !=, in, not in, contains, starts with or ends with after label ${JSON.stringify(label.text)}, found ${this.where()}` };
    this.next++;
    if (op.text === 'in' || op.text === 'not in') {
      const values = this.set();
      return failed(values) ? values : { kind: 'set', op: op.text, label: label.text, values };
    }
    const value = this.peek();
    if (value?.kind !== 'string') return { problem: `expected a quoted value after ${JSON.stringify(op.text)}, found ${this.where()} (values must be quoted: ${label.text} ${op.text} 'value')` };
    this.next++;
    return { kind: 'compare', op: op.text, label: label.text, value: value.text };
  }

  private set(): string[] | Problem {
    if (this.peek()?.text !== '{') return { problem: `expected a set like {"a", "b"}, found ${this.where()}` };
    this.next++;
    const values: string[] = [];
    if (this.peek()?.text === '}') {
      this.next++;
      return values;
    }
    for (;;) {
      const value = this.peek();
      if (value?.kind !== 'string') return { problem: `expected a quoted value in the set, found ${this.where()}` };
      values.push(value.text);
      this.next++;
      const separator = this.peek()?.text;
      this.next++;
      if (separator === '}') return values;
      if (separator !== ',') return { problem: `expected "," or "}" in the set, found ${this.tokens[this.next - 1] ? JSON.stringify(this.tokens[this.next - 1]?.text) : 'end of selector'}` };
    }
  }
}

/** The selector's tree, or the parse problem. An empty selector is all() (parser.go parseRoot). */
export function parseCalicoSelector(selector: string): { node: SelectorNode } | { problem: string } {
  const tokens = tokenize(selector);
  if (failed(tokens)) return tokens;
  if (tokens.length === 0) return { node: { kind: 'all' } };
  const node = new Parser(tokens, selector.length).parse();
  return failed(node) ? node : { node };
}

/**
 * Syntax check of a Calico selector expression. Calico rejects a policy with an unparsable selector; an
 * unquoted value or an unbalanced parenthesis is the usual mistake. Returns undefined when the selector
 * parses, else a message naming the position.
 */
export function checkCalicoSelector(selector: string): string | undefined {
  const parsed = parseCalicoSelector(selector);
  return 'problem' in parsed ? parsed.problem : undefined;
}
