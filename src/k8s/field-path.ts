/**
 * Field paths as printed in results (KRM `field.path`): `spec.ingress[0].toPorts[0].ports[0].port`.
 * Map keys that are not plain identifiers are quoted, `metadata.labels["app.kubernetes.io/name"]`, so a
 * path always names exactly one field.
 */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!parent) return segment.startsWith('[') ? segment : key;
  return segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`;
}

export function pathOf(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, key) => childPath(path, key), '');
}
