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
