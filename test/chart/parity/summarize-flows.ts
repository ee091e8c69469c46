import type { FlowKey } from './compare';

const target = (f: FlowKey) => `${f.to}:${f.port}/${f.protocol}`;
const id = (f: FlowKey) => `${f.from} → ${target(f)}`;
const set = (items: readonly string[]) => (items.length === 1 ? items[0]! : `{${items.join(', ')}}`);

/** `*` for all of a group, `* but x` for all but a few, or the members themselves. */
function members(hit: readonly string[], all: readonly string[]): string {
  const missing = all.filter((m) => !hit.includes(m));
  if (hit.length < 2 || missing.length > 3 || hit.length <= 2 * missing.length) return set(hit);
  return missing.length === 0 ? '*' : `* but ${set(missing)}`;
}

/**
 * Some of the parity flows (`some`, out of `all`), in few words: first the sources most of whose flows
 * are among them (`neighbour → * but {…}`), then the rest grouped by target port, with `*` for (nearly)
 * every source of that target, and targets with the same sources merged. Order follows `all`.
 */
export function summarizeFlows(some: readonly FlowKey[], all: readonly FlowKey[]): string {
  const left = new Set(some.map(id));
  const parts: string[] = [];
  const bySource = new Set<string>();
  for (const source of new Set(all.map((f) => f.from))) {
    const from = all.filter((f) => f.from === source);
    const hit = from.filter((f) => left.has(id(f)));
    const targets = members(hit.map(target), from.map(target));
    if (!targets.startsWith('*')) continue;
    parts.push(`${source} → ${targets}`);
    bySource.add(source);
    for (const f of hit) left.delete(id(f));
  }
  const groups = new Map<string, string[]>();
  for (const key of new Set(all.map(target))) {
    const to = all.filter((f) => target(f) === key && !bySource.has(f.from));
    const hit = to.filter((f) => left.has(id(f)));
    if (hit.length === 0) continue;
    const froms = members(hit.map((f) => f.from), to.map((f) => f.from));
    groups.set(froms, [...(groups.get(froms) ?? []), key]);
  }
  for (const [froms, targets] of groups) parts.push(`${froms} → ${set(targets)}`);
  return parts.map((p) => `\`${p}\``).join(', ');
}
