import { isScalar, isSeq, type CST, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { lineStart, type Region, type ResourceListText } from './resource-list-text.js';

/**
 * Splits a ResourceList that the line scanner declined, from a full parse (with source tokens). Slices
 * come from the parser's own source offsets, so a block list gives the same bytes the fast path would
 * cut. Flow-style `items` (JSON included) cannot be cut into block entries: each item becomes a block
 * entry holding its own flow text instead (see `flowEntries`). Nothing is rebuilt from parsed values.
 */
export function splitParsed(text: string, doc: Document.Parsed): ResourceListText {
  const root = doc.contents as YAMLMap;
  return root.flow ? reflowRoot(text, root) : slice(text, root);
}

function slice(text: string, root: YAMLMap): ResourceListText {
  const regions: Region[] = [];
  let items: string[] = [];
  let seqIndent = 0;
  let mode: ResourceListText['mode'] = 'parsed';
  // a block mapping holds one key per line: each region runs from its key's line to the next key's
  // (a key's line may start with its anchor or tag, or the document's `---`)
  const starts = root.items.map((pair) => lineStart(text, (pair.key as Node).range![0]));
  if (starts[0]! > 0) regions.push({ key: undefined, text: text.slice(0, starts[0]) });
  root.items.forEach((pair, i) => {
    // trailing document markers are already gone (readResourceList), so the last region runs to the end
    const [start, end] = [starts[i]!, i + 1 < starts.length ? starts[i + 1]! : text.length];
    const key = keyOf(pair);
    const value = pair.value;
    if (key !== 'items' || !isSeq(value) || value.items.length === 0) {
      regions.push({ key, text: text.slice(start, end) });
    } else if (value.flow) {
      regions.push({ key, text: 'items:\n' });
      items = flowEntries(text, value);
      mode = 'flow';
    } else {
      const entryStarts = value.items.map((item) => lineStart(text, entryIndicatorOffset(text, (item as Node).range?.[0] ?? start)));
      seqIndent = entryIndicatorOffset(text, (value.items[0] as Node).range![0]) - entryStarts[0]!;
      regions.push({ key, text: text.slice(start, entryStarts[0]) });
      items = entryStarts.map((s, j) => text.slice(s, j + 1 < entryStarts.length ? entryStarts[j + 1] : end));
    }
  });
  return { regions, items, seqIndent, mode };
}

/**
 * A flow-style root (JSON) as a block mapping: each key on its own line with its value's own text, and
 * the items as block entries. In flow text a line's leading spaces are never content (multi-line
 * scalars fold them away), so moving continuation lines two columns in changes no value.
 */
function reflowRoot(text: string, root: YAMLMap): ResourceListText {
  const regions: Region[] = [];
  let items: string[] = [];
  const rootStart = root.range![0];
  // comments, directives and `---` before the root, on lines of their own
  if (rootStart > 0) regions.push({ key: undefined, text: text.slice(0, rootStart).replace(/[ \t]*$/, '').replace(/([^\n])$/, '$1\n') });
  const tokens = (root.srcToken as CST.FlowCollection | undefined)?.items ?? [];
  root.items.forEach((pair, i) => {
    const key = keyOf(pair);
    if (key !== 'items') {
      regions.push({ key, text: `${keyText(text, pair)}:${valueText(text, pair.value as Node | null, tokens[i]?.sep ?? [])}\n` });
      return;
    }
    regions.push({ key, text: 'items:\n' });
    if (isSeq(pair.value)) items = flowEntries(text, pair.value);
  });
  return { regions, items, seqIndent: 0, mode: 'flow' };
}

function keyOf(pair: Pair): string {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}

/**
 * Each item of a flow sequence as a `- ` entry holding its own flow text (with its anchor and tag), its
 * other lines moved two columns in. The items keep their order, so an alias to an anchor in an earlier
 * item still resolves. Only what lies between items (commas, comments) is not kept. (An implicit
 * `k: v` pair is a one-pair map in a flow sequence, with a range like any node.)
 */
function flowEntries(text: string, seq: YAMLSeq): string[] {
  const tokens = (seq.srcToken as CST.FlowCollection | undefined)?.items ?? [];
  return seq.items.map((item, i) => {
    const [start, end] = (item as Node).range!;
    return `- ${indentLines(text.slice(propsOffset(tokens[i]?.start ?? []) ?? start, end), 2)}\n`;
  });
}

function keyText(text: string, pair: Pair): string {
  const key = pair.key as Node;
  return text.slice(key.range![0], key.range![1]);
}

/** ` value` as the source writes it, props included; empty for a missing value. */
function valueText(text: string, value: Node | null, sep: readonly CST.SourceToken[]): string {
  if (!value?.range || value.range[1] === value.range[0]) return '';
  const start = propsOffset(sep) ?? value.range[0];
  return ` ${indentLines(text.slice(start, value.range[1]), 2)}`;
}

/** Where a node's anchor or tag starts, when it has one. */
function propsOffset(tokens: readonly CST.Token[]): number | undefined {
  return tokens.find((t) => t.type === 'anchor' || t.type === 'tag')?.offset;
}

function indentLines(flow: string, columns: number): string {
  return flow.replace(/\n(?=[^\n])/g, `\n${' '.repeat(columns)}`);
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
