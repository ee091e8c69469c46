import { isDeepStrictEqual } from 'node:util';

/**
 * Just enough of helm-unittest to run the chart's own suites against this function's output:
 * the assertion kinds those suites use, with helm-unittest's meaning.
 */
/** One assertion kind with its arguments (`equal: {path, value}`), and `not: true` to invert it. */
export type Assertion = { not?: boolean; [kind: string]: Record<string, unknown> | boolean | undefined };
export type Doc = Record<string, unknown>;

export function checkAssertion(assertion: Assertion, docs: readonly Doc[]): string | undefined {
  const [kind, raw] = Object.entries(assertion).find(([k]) => k !== 'not') ?? [];
  const args = (raw ?? {}) as Record<string, unknown>;
  // `not: true` inverts the assertion, as in helm-unittest: for each document, the check must fail
  const negated = assertion.not === true;
  switch (kind) {
    case 'hasDocuments': {
      const holds = docs.length === args.count;
      if (holds === negated) return negated ? `expected other than ${String(args.count)} documents` : `expected ${String(args.count)} documents, got ${docs.length}`;
      return undefined;
    }
    default:
      if (docs.length === 0) return `${kind}: no document to check`;
      for (const doc of docs) {
        const failure = checkOne(kind ?? '', args, doc);
        if (negated && !failure) return `not ${kind} ${JSON.stringify(args)} failed: it holds in ${JSON.stringify(doc)}`;
        if (!negated && failure) return `${failure} in ${JSON.stringify(doc)}`;
      }
      return undefined;
  }
}

function checkOne(kind: string, args: Record<string, unknown>, doc: Doc): string | undefined {
  const path = String(args.path ?? '');
  const value = path ? valueAt(doc, path) : undefined;
  switch (kind) {
    case 'isKind':
      return doc.kind === args.of ? undefined : `kind is ${String(doc.kind)}, expected ${String(args.of)}`;
    case 'equal':
      return isDeepStrictEqual(value, args.value) ? undefined : `${path} is ${JSON.stringify(value)}, expected ${JSON.stringify(args.value)}`;
    case 'contains':
      return Array.isArray(value) && value.some((v) => isDeepStrictEqual(v, args.content)) ? undefined : `${path} does not contain ${JSON.stringify(args.content)}`;
    case 'notContains':
      return Array.isArray(value) && value.some((v) => isDeepStrictEqual(v, args.content)) ? `${path} contains ${JSON.stringify(args.content)}` : undefined;
    case 'exists':
      return value !== undefined ? undefined : `${path} does not exist`;
    case 'notExists':
      return value === undefined ? undefined : `${path} exists: ${JSON.stringify(value)}`;
    case 'matchRegex':
      return typeof value === 'string' && new RegExp(String(args.pattern)).test(value) ? undefined : `${path} (${JSON.stringify(value)}) does not match ${String(args.pattern)}`;
    default:
      throw new Error(`assertion ${kind} is not implemented`);
  }
}

/** `spec.ingress[0].ports[0].port`, `spec.subject.namespaces.matchLabels["kubernetes.io/metadata.name"]`. */
export function valueAt(doc: unknown, path: string): unknown {
  const keys: (string | number)[] = [];
  const token = /([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]/g;
  for (let m = token.exec(path); m; m = token.exec(path)) keys.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
  let current: unknown = doc;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
