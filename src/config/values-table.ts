import { valuesJsonSchema } from './values-json-schema.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
}

/** The docs' values table (README and function README), derived from the values schema. */
export function valuesTable(): string {
  const rows: string[] = ['| key | type | default | meaning |', '|---|---|---|---|'];
  const schema = valuesJsonSchema() as JsonSchema;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (['apiVersion', 'kind', 'metadata'].includes(key)) continue;
    walk(key, child, rows);
  }
  return `${rows.join('\n')}\n`;
}

function walk(path: string, schema: JsonSchema, rows: string[]): void {
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length > 0 && !schema.anyOf) {
    for (const [key, child] of Object.entries(schema.properties)) walk(`${path}.${key}`, child, rows);
    return;
  }
  const fallback = schema.default === undefined ? '' : `\`${JSON.stringify(schema.default)}\``;
  rows.push(`| \`${path}\` | ${typeOf(schema)} | ${fallback} | ${(schema.description ?? '').replace(/\|/g, '\\|')} |`);
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return 'list';
  if (schema.type === 'integer' && schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER) return `integer ${schema.minimum}..${schema.maximum ?? ''}`;
  if (schema.type === 'object') return 'object';
  return String(schema.type ?? 'any');
}
