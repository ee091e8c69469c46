import { hasForeignAlias } from './anchors.js';

/** What a cheap look at an item's text tells about it, without parsing YAML. */
export interface ItemHeader {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** Something looked unusual (flow style, tags, escapes, an alias to another item): only a parse can tell. */
  uncertain: boolean;
}

const SIMPLE_VALUE = /^(?:"([^"\\]*)"|'([^']*)'|([^\s'"&*!|>{[#%@`,][^#]*?))\s*(?:#.*)?$/;

/**
 * Reads apiVersion, kind, metadata.name and metadata.namespace of a sequence entry by scanning its
 * lines at the entry's own indentation. Costs one pass over the entry's lines; never parses.
 */
export function readItemHeader(entry: string, seqIndent: number): ItemHeader {
  const header: ItemHeader = { uncertain: false };
  let base = -1;
  let metaIndent = -1;
  let inMetadata = false;
  let pos = 0;
  let first = true;
  while (pos < entry.length) {
    let end = entry.indexOf('\n', pos);
    if (end < 0) end = entry.length;
    // the first line starts after the entry's `-`
    let start = first ? pos + seqIndent + 1 : pos;
    first = false;
    while (entry.charCodeAt(start) === 0x20) start++;
    const indent = start - pos;
    const c = entry.charCodeAt(start);
    if (start >= end || c === 0x23 /* # */) {
      pos = end + 1;
      continue;
    }
    if (base < 0) base = indent;
    if (indent === base) {
      inMetadata = false;
      const line = entry.slice(start, end);
      if (line.startsWith('metadata:')) {
        if (line.slice(9).trim() !== '' && !line.slice(9).trim().startsWith('#')) header.uncertain = true;
        inMetadata = true;
      } else if (line.startsWith('apiVersion:')) {
        header.apiVersion = valueOf(line.slice(11), header);
      } else if (line.startsWith('kind:')) {
        header.kind = valueOf(line.slice(5), header);
        // A belt-and-braces check: a quoted or complex key that spells apiVersion, kind or metadata leaves
        // that field unread, which makes the header uncertain anyway, and one that repeats a field is a
        // duplicate key, which the item's parse reports; so no test can tell these mutants apart.
        // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement,BooleanLiteral: see above
      } else if (c === 0x22 || c === 0x27 || c === 0x3f || c === 0x7b) {
        // Stryker disable next-line BooleanLiteral: see above
        header.uncertain = true; // quoted or complex key, or a flow mapping
      }
    } else if (indent < base) {
      header.uncertain = true;
    } else if (inMetadata) {
      if (metaIndent < 0) metaIndent = indent;
      if (indent === metaIndent) {
        const line = entry.slice(start, end);
        if (line.startsWith('name:')) header.name = valueOf(line.slice(5), header);
        else if (line.startsWith('namespace:')) header.namespace = valueOf(line.slice(10), header);
      }
    }
    pos = end + 1;
  }
  if (header.kind === undefined || header.apiVersion === undefined || header.name === undefined) header.uncertain = true;
  // content reached through an alias to another item is not in this text, so no text check can rule it out
  if (!header.uncertain && hasForeignAlias(entry)) header.uncertain = true;
  return header;
}

function valueOf(rest: string, header: ItemHeader): string | undefined {
  const match = SIMPLE_VALUE.exec(rest.trim());
  if (!match) {
    header.uncertain = true;
    return undefined;
  }
  return match[1] ?? match[2] ?? match[3];
}
