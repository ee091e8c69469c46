import type * as z from 'zod/mini';

/** The parts of a zod schema definition this module reads (zod's internals are typed loosely). */
interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  valueType?: Schema;
  element?: Schema;
  options?: Schema[];
  in?: Schema;
}
export type Schema = z.ZodMiniType;

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch']);

function defOf(schema: Schema): Def {
  let def = schema._zod.def as Def;
  while (WRAPPERS.has(def.type) && def.innerType) def = def.innerType._zod.def as Def;
  if (def.type === 'pipe' && def.in) return defOf(def.in);
  return def;
}

/** The leaf kinds the ConfigMap adapter coerces strings into. */
export type ValueKind = 'boolean' | 'number' | 'string' | 'structured' | 'any';

export type Step =
  | { kind: 'object'; keys: string[]; strict: boolean }
  | { kind: 'record' }
  | { kind: 'leaf'; value: ValueKind };

/** How the schema looks at one node: an object with known keys, a free-form record, or a leaf. */
export function stepOf(schema: Schema): Step {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return { kind: 'object', keys: Object.keys(def.shape ?? {}), strict: def.catchall !== undefined && defOf(def.catchall).type === 'never' };
    case 'record':
      return { kind: 'record' };
    case 'boolean':
      return { kind: 'leaf', value: 'boolean' };
    case 'number':
    case 'int':
      return { kind: 'leaf', value: 'number' };
    case 'string':
    case 'enum':
    case 'literal':
      return { kind: 'leaf', value: 'string' };
    case 'union':
      return { kind: 'leaf', value: (def.options ?? []).some((o) => stepOf(o).kind === 'object' || defOf(o).type === 'array') && !(def.options ?? []).some((o) => defOf(o).type === 'string') ? 'structured' : 'string' };
    case 'array':
      return { kind: 'leaf', value: 'structured' };
    default:
      return { kind: 'leaf', value: 'any' };
  }
}

/** The schema of a child key, or undefined when the schema does not know it. */
export function childOf(schema: Schema, key: string): Schema | undefined {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape?.[key] ?? (def.catchall && defOf(def.catchall).type !== 'never' ? def.catchall : undefined);
  if (def.type === 'record') return def.valueType;
  // a value that may be a string or an object (a label selector) is walked through its object form
  if (def.type === 'union') for (const option of def.options ?? []) {
    const child = childOf(option, key);
    if (child) return child;
  }
  return undefined;
}

/** Walks a path of keys; undefined as soon as one is unknown. */
export function schemaAt(schema: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    if (typeof key === 'number') {
      const def = defOf(current);
      current = def.type === 'array' ? def.element : undefined;
    } else {
      current = childOf(current, String(key));
    }
  }
  return current;
}
