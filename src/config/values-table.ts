import * as z from 'zod/mini';
import { childOf, stepOf, type Schema } from './schema-walk.js';
import { valuesSchema } from './values-schema.js';

/** The parts of a leaf's JSON schema the table shows. */
interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

/**
 * The docs' values table (README and function README), derived from the values schema. The keys are
 * walked by the same walker the ConfigMap adapter and the error messages use; each leaf is shown
 * through its own JSON schema, so the table says what an editor's completion says.
 */
export function valuesTable(): string {
  const rows: string[] = ['| key | type | default | meaning |', '|---|---|---|---|'];
  walk([], valuesSchema, rows);
  return `${rows.join('\n')}\n`;
}

function walk(path: string[], schema: Schema, rows: string[]): void {
  const step = stepOf(schema);
  if (step.kind === 'object' && step.keys.length > 0) {
    for (const key of step.keys) {
      const child = childOf(schema, key);
      if (child) walk([...path, key], child, rows);
    }
    return;
  }
  const leaf = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as JsonSchema;
  const fallback = leaf.default === undefined ? '' : `\`${JSON.stringify(leaf.default)}\``;
  rows.push(`| \`${path.join('.')}\` | ${typeOf(leaf)} | ${fallback} | ${(leaf.description ?? '').replace(/\|/g, '\\|')} |`);
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return 'list';
  if (schema.type === 'integer' && schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER) return `integer ${schema.minimum}..${schema.maximum ?? ''}`;
  if (schema.type === 'object') return 'object';
  return String(schema.type ?? 'any');
}
