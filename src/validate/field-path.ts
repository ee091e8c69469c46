/**
 * Field paths as printed in results: `spec.ingress[0].toPorts[0].ports[0].port`. Map keys that are
 * not plain identifiers are quoted, `metadata.labels["app.kubernetes.io/name"]`, so a path always
 * names exactly one field.
 */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!parent) return segment.startsWith('[') ? segment : key;
  return segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`;
}

/** Segments of a JSON pointer such as Ajv's `instancePath` (`/spec/ingress/0`); array indexes become numbers. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

export function pathOf(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, key) => childPath(path, key), '');
}
