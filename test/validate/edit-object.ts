import type { RenderedObject } from './engine-examples.js';

/** Segments of a field path as printed in violations: `spec.ingress[0].from`, `metadata.labels["a/b"]`. */
function segmentsOf(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const token = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./gy;
  let m: RegExpExecArray | null;
  while (token.lastIndex < path.length && (m = token.exec(path))) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(m[3]) as string);
  }
  if (token.lastIndex !== path.length) throw new Error(`bad path ${path}`);
  return segments;
}

type Container = Record<string | number, unknown>;

/**
 * A deep copy of `base` with each `[path, value]` edit applied; `undefined` deletes the field.
 * Missing intermediate objects are created, so an edit can add a whole branch.
 */
export function withEdits(base: RenderedObject, edits: readonly (readonly [string, unknown])[]): RenderedObject {
  const copy = structuredClone(base);
  for (const [path, value] of edits) {
    const segments = segmentsOf(path);
    let node = copy as Container;
    for (const [i, segment] of segments.slice(0, -1).entries()) {
      const next = node[segment];
      if (typeof next !== 'object' || next === null) node[segment] = typeof segments[i + 1] === 'number' ? [] : {};
      node = node[segment] as Container;
    }
    const last = segments[segments.length - 1] as string | number;
    if (value === undefined) {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else delete node[last];
    } else {
      node[last] = value;
    }
  }
  return copy;
}
