import { readItemHeader, type ItemHeader } from './item-header.js';
import { parseInList } from './parse-in-list.js';
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

/** Parses the item on its own; one whose alias points outside it, within the list. */
export function ensureParsed(entry: Entry, list: ResourceListText): ParsedItem {
  if (!entry.parsed) {
    const alone = parseItem(entry.text, list.seqIndent);
    entry.parsed = alone.unresolvedAlias ? parseInList(list, entry.index) : alone;
  }
  return entry.parsed;
}
