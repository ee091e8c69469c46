import { readItemHeader, type ItemHeader } from './item-header.js';
import { parseInList } from './parse-in-list.js';
import { parseItem, type ParsedItem } from './parse-item.js';
import type { ResourceListText } from './resource-list-text.js';
import { errorResult, type Outcome, type Result } from './result.js';

/** One item of the list: its exact source text, a cheap header, and its parse once one was needed. */
export interface Item {
  readonly index: number;
  readonly text: string;
  readonly header: ItemHeader;
  parsed?: ParsedItem;
}

/**
 * A ResourceList as read: its items, the functionConfig, and what earlier functions of a pipeline
 * reported. `source` is the text it came from, the KRM layer's own business (writing, upserting).
 */
export interface ResourceList {
  readonly apiVersion: string;
  readonly functionConfig: unknown;
  readonly items: readonly Item[];
  readonly earlierResults: readonly unknown[];
  readonly source: ResourceListText;
}

export function resourceListOf(source: ResourceListText, header: { apiVersion: string; functionConfig: unknown; earlierResults: readonly unknown[] }): ResourceList {
  const items = source.items.map((text, index): Item => ({ index, text, header: readItemHeader(text, source.seqIndent) }));
  return { ...header, items, source };
}

/** Parses an item once: on its own, or — when an alias points outside it — within the list. */
export function parseItemOf(list: ResourceList, item: Item): ParsedItem {
  if (!item.parsed) {
    const alone = parseItem(item.text, list.source.seqIndent);
    item.parsed = alone.unresolvedAlias ? parseInList(list.source, item.index) : alone;
  }
  return item.parsed;
}

/**
 * Parses the items `which` picks; an item that is not YAML, or not a KRM object, is an error. No
 * resourceRef can name an item that does not parse, so the message carries its index.
 */
export function parseItems(list: ResourceList, which: (item: Item) => boolean): Outcome<readonly Item[]> {
  const results: Result[] = [];
  const parsed = list.items.filter(which);
  for (const item of parsed) {
    const { object, error } = parseItemOf(list, item);
    if (error) results.push(errorResult(`items[${item.index}] is not valid YAML: ${error}`));
    else if (!object) results.push(errorResult(`items[${item.index}] is not a KRM object: apiVersion, kind and metadata.name are required`));
  }
  return { value: parsed, results };
}
