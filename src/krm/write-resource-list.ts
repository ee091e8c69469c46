import type { Result } from './result.js';
import type { ResourceListText } from './resource-list-text.js';
import { stringifyBlock } from './stringify-block.js';

/**
 * Reassembles the list: every region and item slice as it came in, the items the function chose,
 * and `results` (earlier functions' results, then ours). Always one block document with `items:`.
 */
export function writeResourceList(text: ResourceListText, items: readonly string[], results: readonly unknown[]): string {
  let out = '';
  let wroteItems = false;
  let wroteResults = false;
  for (const region of text.regions) {
    if (region.key === 'items') {
      out += itemsBlock(region.text, items);
      wroteItems = true;
    } else if (region.key === 'results') {
      if (results.length > 0) out += stringifyBlock({ results });
      wroteResults = true;
    } else {
      out += region.text;
    }
    if (region.key === 'kind' && !text.regions.some((r) => r.key === 'items')) {
      out += itemsBlock('items:\n', items);
      wroteItems = true;
    }
  }
  if (!wroteItems) out += itemsBlock('items:\n', items);
  if (!wroteResults && results.length > 0) out += stringifyBlock({ results });
  return out;
}

function itemsBlock(header: string, items: readonly string[]): string {
  if (items.length === 0) return 'items: []\n';
  // `items: []` held no entries; now it does, so it becomes a block sequence
  const opened = header.replace(/^items:[ \t]*\[\s*\][ \t]*/, 'items:');
  return opened + items.join('');
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
export function resultsForOutput(results: readonly Result[]): unknown[] {
  return results.map((r) => JSON.parse(JSON.stringify(r)) as unknown);
}
