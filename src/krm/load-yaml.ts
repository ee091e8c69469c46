import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { parseDocument } from 'yaml';

export type Loaded = { value: unknown; error?: undefined } | { value?: undefined; error: string; line?: number };

// js-yaml reads plain YAML about ten times faster than yaml's Document API from a cold start, so it
// does every read-only parse. yaml takes the texts where the two differ: aliases (yaml bounds their
// expansion, so an alias bomb is an error) and binary integers (a string in YAML 1.2's core schema).
const NEEDS_DOCUMENT_PARSER = /(?:^|[\s,[{])[&*][^\s,[\]{}]|(?:^|[\s:,[{-])[-+]?0b[01_]/m;

/** YAML text → plain data with YAML 1.2 core-schema scalars; an error message instead of a throw. */
export function loadYaml(text: string): Loaded {
  if (NEEDS_DOCUMENT_PARSER.test(text)) return loadWithDocumentParser(text);
  try {
    return { value: load(text, { schema: CORE_SCHEMA }) };
  } catch (cause) {
    if (cause instanceof YAMLException) return { error: cause.reason || cause.message, line: cause.mark ? cause.mark.line + 1 : undefined };
    throw cause;
  }
}

function loadWithDocumentParser(text: string): Loaded {
  const doc = parseDocument(text, { uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) return { error: problem.message.split('\n')[0]!.replace(/:$/, ''), line: problem.linePos?.[0].line };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (cause) {
    return { error: cause instanceof Error ? cause.message : String(cause) };
  }
}
