/**
 * js-yaml shares the value of an anchor among its aliases, so parsing is linear; everything after it
 * walks values as trees, where aliases expand. An alias bomb (a few lines that expand to millions of
 * values) or an alias inside its own anchor (a cycle) must stop here, as an error.
 */

/** Values aliases may expand a parse to: ten times what was written, and never less than this. */
const MIN_BUDGET = 10_000;
const MAX_RATIO = 10;

/** Why the parsed value cannot be walked as a tree, or undefined when it can. */
export function aliasProblem(value: unknown): string | undefined {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let written = 1; // each shared collection and its scalars once: what the text spelled out
  let cycle = false;
  const expanded = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) {
      cycle = true;
      return 1;
    }
    open.add(node);
    let size = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      written++;
      size += expanded(child);
    }
    open.delete(node);
    sizes.set(node, size);
    return size;
  };
  const total = expanded(value);
  if (cycle) return 'an alias refers to a node that contains it (a cycle)';
  if (total > Math.max(MIN_BUDGET, MAX_RATIO * written)) return `its aliases expand ${written} values to ${total}: refused as an alias bomb`;
  return undefined;
}
