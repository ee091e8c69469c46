import type { Region, ResourceListText } from './resource-list-text.js';

const TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?:[ \t]+(.*))?$/;
const EMPTY_OR_COMMENT = /^\s*(#.*)?$/;

/**
 * Splits a ResourceList into regions and item slices by scanning lines, without parsing YAML.
 * Returns undefined whenever the text is not in the plain shape kpt and kustomize emit (block
 * mapping at column 0, block `items:` sequence, one document); the caller then parses. Anchors and
 * aliases do not matter here: slices stay in order in one document, so an alias in an item still
 * finds its anchor, inside the item or in an earlier one (see parse-in-list.ts).
 */
export function splitFast(text: string): ResourceListText | undefined {
  const regions: Region[] = [];
  const items: string[] = [];
  let regionKey: string | undefined;
  let regionStart = 0;
  let inItems = false;
  let seqIndent = -1;
  let itemStart = -1;
  let sawKey = false;
  const seen = new Set<string>();

  const closeRegion = (end: number) => {
    if (inItems && itemStart >= 0) {
      items.push(text.slice(itemStart, end));
      itemStart = -1;
    } else if (end > regionStart || regionKey !== undefined) {
      regions.push({ key: regionKey, text: text.slice(regionStart, end) });
    }
  };

  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(pos);
    const line = text.slice(pos, end);

    if (first === 0x20 /* space */ || first === 0x23 /* # */ || end === pos) {
      if (inItems && first === 0x20 && !EMPTY_OR_COMMENT.test(line)) {
        let indent = 0;
        while (line.charCodeAt(indent) === 0x20) indent++;
        if (seqIndent < 0) {
          if (!isSeqEntry(line, indent)) return undefined;
          seqIndent = indent;
        }
        if (indent === seqIndent) {
          if (!isSeqEntry(line, indent)) return undefined;
          startItem(pos);
        } else if (indent < seqIndent) {
          return undefined;
        }
      }
    } else if (first === 0x2d /* - */) {
      if (line === '---' || line.startsWith('--- ')) {
        if (sawKey) return undefined;
      } else if (inItems && isSeqEntry(line, 0) && seqIndent <= 0) {
        seqIndent = 0;
        startItem(pos);
      } else {
        return undefined;
      }
    } else {
      const match = TOP_LEVEL_KEY.exec(line);
      if (!match) return undefined;
      const key = match[1]!;
      if (seen.has(key)) return undefined;
      seen.add(key);
      closeRegion(pos);
      regionKey = key;
      regionStart = pos;
      sawKey = true;
      inItems = false;
      if (key === 'items') {
        const rest = (match[2] ?? '').trim();
        if (rest === '[]') {
          // an empty flow sequence is still the empty list
        } else if (rest !== '' && !rest.startsWith('#')) {
          return undefined;
        } else {
          inItems = true;
        }
      }
    }
    pos = end + 1;
  }
  closeRegion(text.length);
  if (!sawKey) return undefined;
  return { regions, items, seqIndent: Math.max(seqIndent, 0), mode: 'fast' };

  function startItem(at: number) {
    if (itemStart >= 0) {
      items.push(text.slice(itemStart, at));
    } else {
      // the `items:` line and any comments before the first entry
      regions.push({ key: 'items', text: text.slice(regionStart, at) });
    }
    itemStart = at;
  }
}

function isSeqEntry(line: string, indent: number): boolean {
  if (line.charCodeAt(indent) !== 0x2d) return false;
  const next = line.charCodeAt(indent + 1);
  return Number.isNaN(next) || next === 0x20 || next === 0x09;
}
