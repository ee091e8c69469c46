// Byte-for-byte check of a function's output: every input item must appear, unchanged, as an item of
// the output's `items:` block. Items are cut at column-0 `- ` lines (the kpt/kustomize wire format);
// the block ends at the next column-0 key (`functionConfig:`, `results:`) or document marker.

/**
 * @param {string} text a ResourceList in block style
 * @returns {string[]|null} the exact text of each item (null when there is no column-0 `items:` key)
 */
export function splitItems(text) {
  const start = /^items:[ \t]*\r?\n/m.exec(text);
  if (!start) return null;
  const items = [];
  let itemStart = -1;
  let pos = start.index + start[0].length;
  while (pos < text.length) {
    const eol = text.indexOf('\n', pos);
    const next = eol === -1 ? text.length : eol + 1;
    const c = text[pos];
    if (c === '-' && (text[pos + 1] === ' ' || text[pos + 1] === '\n' || text[pos + 1] === '\r')) {
      if (text.startsWith('---', pos)) break;
      if (itemStart !== -1) items.push(text.slice(itemStart, pos));
      itemStart = pos;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '#' && c !== '\t') {
      break; // next column-0 key or `...`
    }
    pos = next;
  }
  if (itemStart !== -1) items.push(text.slice(itemStart, pos));
  return items;
}

/** @param {string} item */
function describe(item) {
  const kind = /\n {2}kind: (.*)/.exec(item)?.[1] ?? '?';
  const name = /\n {4}name: (.*)/.exec(item)?.[1] ?? '?';
  return `${kind} ${name}`;
}

/**
 * @typedef {{ total: number, identical: number, inOrder: boolean, outputItems: number,
 *             added: number, firstMissing: string|null }} LosslessResult
 */

/**
 * @param {string[]} inputItems the items as generated
 * @param {string} outputText what the tool wrote
 * @returns {LosslessResult}
 */
export function checkLossless(inputItems, outputText) {
  const outputItems = splitItems(outputText) ?? [];
  /** @type {Map<string, number>} input item -> how many of its copies are still to be found */
  const wanted = new Map();
  for (const item of inputItems) wanted.set(item, (wanted.get(item) ?? 0) + 1);
  let identical = 0;
  let cursor = 0; // input items found so far as a subsequence of the output
  for (const item of outputItems) {
    const left = wanted.get(item);
    if (left) {
      wanted.set(item, left - 1);
      identical++;
    }
    if (cursor < inputItems.length && item === inputItems[cursor]) cursor++;
  }
  const missing = identical < inputItems.length ? inputItems.find((i) => (wanted.get(i) ?? 0) > 0) : null;
  return {
    total: inputItems.length,
    identical,
    inOrder: cursor === inputItems.length,
    outputItems: outputItems.length,
    added: outputItems.length - identical,
    firstMissing: missing ? describe(missing) : null,
  };
}
