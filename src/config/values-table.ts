import * as z from 'zod/mini';
import { childOf, stepOf, type Schema } from './schema-walk.js';
import { EXTENSION, valuesSchema } from './values-schema.js';

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
 * The docs' values table (README and function README), derived from the values schema; ⁺ marks the
 * function's extensions (keys the chart does not have). The keys are
 * walked by the same walker the ConfigMap adapter and the error messages use; each leaf is shown
 * through its own JSON schema, so the table says what an editor's completion says.
 */
export function valuesTable(): string {
  const rows: string[] = ['| key | type | default | meaning |', '|---|---|---|---|'];
  walk([], valuesSchema, false, rows);
  return `${rows.join('\n')}\n`;
}

/** Keys under a node described as a function extension are marked so, row by row. */
function walk(path: string[], schema: Schema, extension: boolean, rows: string[]): void {
  const description = z.globalRegistry.get(schema)?.description ?? '';
  const isExtension = extension || description.startsWith(EXTENSION);
  const step = stepOf(schema);
  if (step.kind === 'object' && step.keys.length > 0) {
    for (const key of step.keys) {
      const child = childOf(schema, key);
      if (child) walk([...path, key], child, isExtension, rows);
    }
    return;
  }
  const leaf = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as JsonSchema;
  const fallback = leaf.default === undefined ? '' : `\`${JSON.stringify(leaf.default)}\``;
  const meaning = (leaf.description ?? '').replace(EXTENSION, '').replace(/\|/g, '\\|');
  rows.push(`| \`${path.join('.')}\`${isExtension ? ' ⁺' : ''} | ${typeOf(leaf)} | ${fallback} | ${meaning} |`);
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return 'list';
  if (schema.type === 'integer' && schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER) return `integer ${schema.minimum}..${schema.maximum ?? ''}`;
  if (schema.type === 'object') return 'object';
  return String(schema.type ?? 'any');
}
