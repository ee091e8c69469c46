/**
 * Syntax check of a Calico selector expression (libcalico-go lib/selector: tokenizer + parser), e.g.
 * `app.kubernetes.io/name == 'web' && has(tier) && env in {"prod", "stage"}`. Calico rejects a policy
 * with an unparsable selector; an unquoted value or an unbalanced parenthesis is the usual mistake.
 * Returns undefined when the selector parses, else a message naming the position.
 */
type Token =
  | { kind: 'label' | 'string'; text: string; at: number }
  | { kind: 'op'; text: '==' | '!=' | 'in' | 'not in' | 'contains' | 'starts with' | 'ends with'; at: number }
  | { kind: 'punct'; text: '(' | ')' | '{' | '}' | ',' | '!' | '&&' | '||'; at: number }
  | { kind: 'fn'; text: 'all()' | 'global()'; at: number }
  | { kind: 'has'; text: string; at: number };

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
  [/^"([^"]*)"|^'([^']*)'/, (m, at) => ({ kind: 'string', text: m[1] ?? m[2] ?? '', at })],
];

function tokenize(text: string): Token[] | string {
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
    if (rest.startsWith('"') || rest.startsWith("'")) return `unterminated string at position ${at}`;
    return `unexpected ${JSON.stringify(rest[0])} at position ${at}`;
  }
  return tokens;
}

/** Recursive descent over: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | '(' or ')' | term. */
class Parser {
  private next = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): string | undefined {
    const problem = this.or();
    if (problem) return problem;
    const extra = this.tokens[this.next];
    return extra ? `unexpected ${JSON.stringify(extra.text)} at position ${extra.at}` : undefined;
  }

  private peek(): Token | undefined {
    return this.tokens[this.next];
  }

  private where(): string {
    const token = this.peek();
    return token ? `${JSON.stringify(token.text)} at position ${token.at}` : `end of selector (position ${this.length})`;
  }

  private or(): string | undefined {
    for (;;) {
      const problem = this.and();
      if (problem) return problem;
      if (this.peek()?.text !== '||') return undefined;
      this.next++;
    }
  }

  private and(): string | undefined {
    for (;;) {
      const problem = this.unary();
      if (problem) return problem;
      if (this.peek()?.text !== '&&') return undefined;
      this.next++;
    }
  }

  private unary(): string | undefined {
    const token = this.peek();
    if (!token) return `expected an expression at ${this.where()}`;
    this.next++;
    if (token.kind === 'punct' && token.text === '!') return this.unary();
    if (token.kind === 'punct' && token.text === '(') {
      const problem = this.or();
      if (problem) return problem;
      if (this.peek()?.text !== ')') return `expected ")" to close "(" at position ${token.at}, found ${this.where()}`;
      this.next++;
      return undefined;
    }
    if (token.kind === 'fn' || token.kind === 'has') return undefined;
    if (token.kind !== 'label') return `expected a label, has(), all() or "(" but found ${JSON.stringify(token.text)} at position ${token.at}`;
    return this.comparison(token);
  }

  private comparison(label: Token): string | undefined {
    const op = this.peek();
    if (op?.kind !== 'op') return `expected ==, !=, in, not in, contains, starts with or ends with after label ${JSON.stringify(label.text)}, found ${this.where()}`;
    this.next++;
    if (op.text === 'in' || op.text === 'not in') return this.set();
    const value = this.peek();
    if (value?.kind !== 'string') return `expected a quoted value after ${JSON.stringify(op.text)}, found ${this.where()} (values must be quoted: ${label.text} ${op.text} 'value')`;
    this.next++;
    return undefined;
  }

  private set(): string | undefined {
    if (this.peek()?.text !== '{') return `expected a set like {"a", "b"}, found ${this.where()}`;
    this.next++;
    if (this.peek()?.text === '}') {
      this.next++;
      return undefined;
    }
    for (;;) {
      if (this.peek()?.kind !== 'string') return `expected a quoted value in the set, found ${this.where()}`;
      this.next++;
      const separator = this.peek()?.text;
      this.next++;
      if (separator === '}') return undefined;
      if (separator !== ',') return `expected "," or "}" in the set, found ${this.tokens[this.next - 1] ? JSON.stringify(this.tokens[this.next - 1]?.text) : 'end of selector'}`;
    }
  }
}

export function checkCalicoSelector(selector: string): string | undefined {
  const tokens = tokenize(selector);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return undefined; // empty selects everything, like all()
  return new Parser(tokens, selector.length).parse();
}
