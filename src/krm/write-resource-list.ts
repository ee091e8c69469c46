import { withLineEnds } from './line-ends.js';
import type { ResourceList } from './resource-list.js';
import type { Result } from './result.js';
import type { ResourceListText } from './resource-list-text.js';
import { stringifyBlock } from './stringify-block.js';

/** What is written when the input could not be read at all: an empty list carrying the results. */
const EMPTY_LIST: ResourceListText = {
  regions: [
    { key: 'apiVersion', text: 'apiVersion: config.kubernetes.io/v1\n' },
    { key: 'kind', text: 'kind: ResourceList\n' },
  ],
  items: [],
  seqIndent: 0,
  mode: 'rebuilt',
};

/**
 * Writes the list: `items` (the input's own, unchanged, when not given), earlier functions' results,
 * then `results`. Without a list (the input could not be read), an empty list carrying the results.
 */
export function writeResourceList(list: ResourceList | undefined, items: readonly string[] | undefined, results: readonly Result[]): string {
  const all = [...(list?.earlierResults ?? []), ...resultsForOutput(results)];
  return writeRegions(list?.source ?? EMPTY_LIST, items ?? list?.source.items ?? [], all);
}

/**
 * Reassembles the list: every region and item slice as it came in, the items the function chose,
 * and the results. Always one block document with `items:`. Input with CR line ends gets its own
 * bytes back for what the function kept, and its first line's ending on every line the function wrote.
 */
function writeRegions(text: ResourceListText, items: readonly string[], results: readonly unknown[]): string {
  const ends = text.ends ?? { eol: '\n' };
  const fresh = (s: string) => withLineEnds(s, ends);
  const kept = keptBytes(text);
  const written = items.map((item) => kept?.get(item)?.shift() ?? fresh(item));
  let out = '';
  let wroteItems = false;
  let wroteResults = false;
  text.regions.forEach((region, i) => {
    if (region.key === 'items') {
      out += itemsBlock(text.source?.regions[i] ?? fresh(region.text), written, fresh);
      wroteItems = true;
    } else if (region.key === 'results') {
      if (results.length > 0) out += fresh(stringifyBlock({ results }));
      wroteResults = true;
    } else {
      out += text.source?.regions[i] ?? fresh(region.text);
    }
    if (region.key === 'kind' && !text.regions.some((r) => r.key === 'items')) {
      out += itemsBlock(fresh('items:\n'), written, fresh);
      wroteItems = true;
    }
  });
  if (!wroteItems) out += itemsBlock(fresh('items:\n'), written, fresh);
  if (!wroteResults && results.length > 0) out += fresh(stringifyBlock({ results }));
  return out;
}

function itemsBlock(header: string, items: readonly string[], fresh: (s: string) => string): string {
  if (items.length === 0) return fresh('items: []\n');
  // `items: []` held no entries; now it does, so it becomes a block sequence (what follows `[]`, a
  // comment's separating blank included, stays: `items:# …` would not be YAML)
  const opened = header.replace(/^items:[ \t]*\[\s*\]/, 'items:');
  return opened + items.join('');
}

/** An input item's LF text → its own bytes, in input order (duplicates queue up), when those differ. */
function keptBytes(text: ResourceListText): Map<string, string[]> | undefined {
  if (!text.source) return undefined;
  const kept = new Map<string, string[]>();
  text.items.forEach((item, i) => {
    const queue = kept.get(item);
    if (queue) queue.push(text.source!.items[i]!);
    else kept.set(item, [text.source!.items[i]!]);
  });
  return kept;
}

/** Formats a new object as a sequence entry at the list's indentation. */
export function toEntry(object: unknown, seqIndent: number): string {
  return indentEntry(stringifyBlock(object), seqIndent);
}

/** Turns a block document into a `- ` entry whose lines sit at the list's indentation. */
export function indentEntry(block: string, seqIndent: number): string {
  const pad = ' '.repeat(seqIndent);
  const lines = block.replace(/\n$/, '').split('\n');
  return lines.map((line, i) => (i === 0 ? `${pad}- ${line}` : line === '' ? '' : `${pad}  ${line}`)).join('\n') + '\n';
}

/** Results as KRM wants them: drop undefined fields so the YAML carries only what is set. */
function resultsForOutput(results: readonly Result[]): unknown[] {
  return results.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}
