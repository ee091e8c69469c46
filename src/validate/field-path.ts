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

/**
 * Segments of a JSON pointer such as Ajv's `instancePath` (`/spec/ingress/0`) into `data`: a segment is
 * an index (number) where the value at that point is an array, so a map key "80" stays a string.
 */
export function pointerSegments(pointer: string, data: unknown): (string | number)[] {
  if (!pointer) return [];
  let value = data;
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const segment = Array.isArray(value) ? Number(key) : key;
      value = Array.isArray(value) ? value[Number(key)] : typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      return segment;
    });
}

export function pathOf(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, key) => childPath(path, key), '');
}
