import { parseDocument, type Document } from 'yaml';
import { asKubeObject, type KubeObject } from '../k8s/kube-object.js';
import { loadYaml } from './load-yaml.js';

export interface ParsedItem {
  /** Undefined when the entry is not a KRM object (no apiVersion, kind or metadata.name). */
  object: KubeObject | undefined;
  /** A YAML error in the entry. */
  error?: string;
  /** The error is an alias to an anchor outside the entry: the list it is in can resolve it. */
  unresolvedAlias?: boolean;
}

/**
 * The `-` indicator becomes a space: what is left is an indented block mapping, valid YAML by itself,
 * with every column as it was.
 */
function asDocumentText(entry: string, seqIndent: number): string {
  return `${entry.slice(0, seqIndent)} ${entry.slice(seqIndent + 1)}`;
}

/** Parses one sequence entry on its own, to plain data. */
export function parseItem(entry: string, seqIndent: number): ParsedItem {
  const loaded = loadYaml(asDocumentText(entry, seqIndent));
  if (loaded.error !== undefined) {
    const parsed: ParsedItem = { object: undefined, error: `${loaded.error}${loaded.line ? ` (line ${loaded.line} of the item)` : ''}` };
    if (loaded.unresolvedAlias) parsed.unresolvedAlias = true;
    return parsed;
  }
  return { object: asKubeObject(loaded.value) };
}

/** The entry as a yaml Document, for editing it in place with its comments and scalar styles. */
export function itemDocument(entry: string, seqIndent: number): Document.Parsed {
  return parseDocument(asDocumentText(entry, seqIndent));
}
