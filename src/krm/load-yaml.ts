import { CORE_SCHEMA, load, YAMLException, type LoadOptions } from 'js-yaml';
import { parseDocument } from 'yaml';
import { aliasProblem } from './alias-expansion.js';
import { MAX_NESTING, rethrowStackExhaustion } from './nesting.js';

export type Loaded = { value: unknown; error?: undefined } | { value?: undefined; error: string; line?: number; unresolvedAlias?: boolean };

/** For yaml's Document API: most alias expansions in one parse (yaml's own measure). */
export const MAX_ALIASES = 100;

// js-yaml reads plain YAML about ten times faster than yaml's Document API from a cold start, so it
// does every read-only parse, aliases included (linear: aliases share their anchor's value, and
// alias-expansion.ts bounds what they expand to). yaml takes binary integers, a string in YAML 1.2's
// core schema but a number for js-yaml.
const BINARY_INT = /(?:^|[\s:,[{-])[-+]?0b[01_]/m;
// js-yaml 4.3 stops at 100 levels by default (@types/js-yaml predates the option)
const JS_YAML_OPTIONS: LoadOptions & { maxDepth: number } = { schema: CORE_SCHEMA, maxDepth: MAX_NESTING };

/**
 * YAML text → plain data with YAML 1.2 core-schema scalars; an error message instead of a throw. A
 * stack overflow (deep nesting) is thrown as a RangeError: it is not a YAML error.
 */
export function loadYaml(text: string): Loaded {
  if (BINARY_INT.test(text)) return loadWithDocumentParser(text);
  let value: unknown;
  try {
    value = load(text, JS_YAML_OPTIONS);
  } catch (cause) {
    if (!(cause instanceof YAMLException)) throw cause;
    const line = cause.mark ? cause.mark.line + 1 : undefined;
    if (/^unidentified alias/.test(cause.reason)) return { error: cause.reason, line, unresolvedAlias: true };
    return { error: /maxDepth/.test(cause.reason) ? `nested deeper than ${MAX_NESTING} levels` : cause.reason || cause.message, line };
  }
  const problem = text.includes('*') ? aliasProblem(value) : undefined;
  return problem === undefined ? { value } : { error: problem };
}

function loadWithDocumentParser(text: string): Loaded {
  const doc = parseDocument(text, { uniqueKeys: true });
  rethrowStackExhaustion(doc.errors);
  const problem = doc.errors[0];
  if (problem) return { error: problem.message.split('\n')[0]!.replace(/:$/, ''), line: problem.linePos?.[0].line };
  try {
    // Stryker disable next-line ObjectLiteral: yaml's own default maxAliasCount is 100 too; stated so the limit stays if that default moves
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause;
    // yaml throws a ReferenceError for an alias bomb and for an alias whose anchor is not in the text
    return { error: cause.message, unresolvedAlias: cause.message.startsWith('Unresolved alias') };
  }
}
