import { readItemHeader, type ItemHeader } from './item-header.js';
import { parseItem, type ParsedItem } from './parse-item.js';
import type { ResourceListText } from './resource-list-text.js';

/** One item of the list: its exact source text, a cheap header, and a parse when one was needed. */
export interface Entry {
  index: number;
  text: string;
  header: ItemHeader;
  parsed?: ParsedItem;
}

export function indexEntries(list: ResourceListText): Entry[] {
  return list.items.map((text, index) => ({ index, text, header: readItemHeader(text, list.seqIndent) }));
}

export function ensureParsed(entry: Entry, seqIndent: number): ParsedItem {
  entry.parsed ??= parseItem(entry.text, seqIndent);
  return entry.parsed;
}
