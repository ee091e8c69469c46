import { isScalar, isSeq, visit, type Document, type YAMLMap } from 'yaml';
import { stringifyBlock } from './stringify-block.js';
import { lineStart, type Region, type ResourceListText } from './resource-list-text.js';

/**
 * Splits a ResourceList that the line scanner declined, from a full parse. Slices come from the
 * parser's own source offsets, so they are the same bytes the fast path would cut. When items
 * cannot stand alone (flow style, JSON, aliases), the list is rebuilt in block style instead.
 */
export function splitParsed(text: string, doc: Document.Parsed): ResourceListText {
  const root = doc.contents as YAMLMap;
  const itemsNode = root.get('items', true);
  const sliceable =
    !root.flow &&
    root.items.every((pair) => isScalar(pair.key) && pair.key.range && pair.key.range[0] === lineStart(text, pair.key.range[0])) &&
    (itemsNode === undefined || itemsNode === null || (isSeq(itemsNode) && (!itemsNode.flow || itemsNode.items.length === 0))) &&
    !containsAlias(itemsNode);
  return sliceable ? slice(text, root) : rebuild(doc, root);
}

function slice(text: string, root: YAMLMap): ResourceListText {
  const regions: Region[] = [];
  const items: string[] = [];
  let seqIndent = 0;
  const starts = root.items.map((pair) => (pair.key as { range: [number, number, number] }).range[0]);
  if (starts[0]! > 0) regions.push({ key: undefined, text: text.slice(0, starts[0]) });
  root.items.forEach((pair, i) => {
    const start = starts[i]!;
    // trailing document markers are already gone (readResourceList), so the last region runs to the end
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const key = String((pair.key as { value: unknown }).value);
    const value = pair.value;
    if (key !== 'items' || !isSeq(value) || value.items.length === 0) {
      regions.push({ key, text: text.slice(start, end) });
      return;
    }
    const entryStarts = value.items.map((item) => {
      const offset = entryIndicatorOffset(text, (item as { range?: [number, number, number] }).range?.[0] ?? start);
      return lineStart(text, offset);
    });
    seqIndent = entryIndicatorOffset(text, (value.items[0] as { range: [number, number, number] }).range[0]) - entryStarts[0]!;
    regions.push({ key, text: text.slice(start, entryStarts[0]) });
    entryStarts.forEach((s, j) => items.push(text.slice(s, j + 1 < entryStarts.length ? entryStarts[j + 1] : end)));
  });
  return { regions, items, seqIndent, mode: 'parsed' };
}

/** The `-` that introduces the entry whose node starts at `nodeStart` (the last one before it). */
function entryIndicatorOffset(text: string, nodeStart: number): number {
  let i = nodeStart - 1;
  for (;;) {
    const dash = text.lastIndexOf('-', i);
    if (dash < 0) return nodeStart;
    const next = text.charCodeAt(dash + 1);
    const prevLine = lineStart(text, dash);
    const onlySpacesBefore = /^ *$/.test(text.slice(prevLine, dash));
    if (onlySpacesBefore && (next === 0x20 || next === 0x0a || next === 0x09)) return dash;
    i = dash - 1;
  }
}

function containsAlias(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  let found = false;
  visit(node as never, { Alias: () => ((found = true), visit.BREAK) });
  return found;
}

function rebuild(doc: Document.Parsed, root: YAMLMap): ResourceListText {
  const value = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  const regions: Region[] = [];
  const items: string[] = [];
  for (const pair of root.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (key === 'items') {
      regions.push({ key, text: 'items:\n' });
      const list = value.items;
      if (Array.isArray(list)) for (const item of list) items.push(asEntry(stringifyBlock(item)));
    } else {
      regions.push({ key, text: stringifyBlock({ [key]: value[key] }) });
    }
  }
  return { regions, items, seqIndent: 0, mode: 'rebuilt' };
}

function asEntry(block: string): string {
  return block
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 ? `- ${line}` : line === '' ? '' : `  ${line}`))
    .join('\n')
    .concat('\n');
}
