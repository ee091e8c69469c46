/**
 * Anchors (`&a`) and aliases (`*a`) as a scan of the text sees them, without parsing. It over-matches
 * (a `*` in a quoted string, `&&` in a block scalar), which only costs a parse, and never misses one:
 * a property starts a node, so it follows a line start, white space, a flow indicator or a `:`.
 */
export const ANCHOR_OR_ALIAS = /(?:^|[\s,[{:])[&*][^\s,[\]{}]/m;
const PROPERTY = /(?:^|[\s,[{:])([&*])([^\s,[\]{}]+)/gm;

export function mayHoldAnchors(text: string): boolean {
  return (text.includes('&') || text.includes('*')) && ANCHOR_OR_ALIAS.test(text);
}

/**
 * Whether the text may use an alias whose anchor it does not hold itself (before it): then what the
 * alias stands for is in another item, and nothing about this item's content can be told from its text.
 */
export function hasForeignAlias(text: string): boolean {
  if (!text.includes('*')) return false;
  const anchors = new Set<string>();
  for (const [, sigil, name] of text.matchAll(PROPERTY)) {
    if (sigil === '&') anchors.add(name!);
    else if (!anchors.has(name!)) return true;
  }
  return false;
}
