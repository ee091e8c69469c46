import { parseDocument, type Document } from 'yaml';
import { asKubeObject, type KubeObject } from './kube-object.js';

export interface ParsedItem {
  doc: Document.Parsed;
  /** Undefined when the entry is not a KRM object (no apiVersion, kind or metadata.name). */
  object: KubeObject | undefined;
  /** A YAML error in the entry, with its line inside the ResourceList when known. */
  error?: string;
}

/**
 * Parses one sequence entry on its own: the `-` indicator becomes a space, which leaves an
 * indented block mapping that is valid YAML by itself and keeps every column as it was.
 */
export function parseItem(entry: string, seqIndent: number, firstLine = 1): ParsedItem {
  const text = `${entry.slice(0, seqIndent)} ${entry.slice(seqIndent + 1)}`;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0];
    const where = line ? ` at line ${line.line + firstLine - 1}, column ${line.col}` : '';
    return { doc, object: undefined, error: `${problem.message.split('\n')[0]}${where}` };
  }
  try {
    return { doc, object: asKubeObject(doc.toJS({ maxAliasCount: 100 })) };
  } catch (cause) {
    return { doc, object: undefined, error: cause instanceof Error ? cause.message : String(cause) };
  }
}
