import { isRecord } from '../k8s/kube-object.js';
import { PROTOTYPE_KEY } from './normalize-values.js';
import { loadYaml } from '../krm/load-yaml.js';
import { childOf, stepOf, type Step, type ValueKind } from './schema-walk.js';
import { valuesSchema } from './values-schema.js';
import type { Problem } from '../krm/result.js';

/**
 * Values from a ConfigMap's `data` (`kpt fn eval -- key=value`, Kptfile `configMap:`): a `values` key
 * holding a whole YAML document, then dotted keys on top of it. Strings become what the schema expects
 * at that key; a free-form map (`matchLabels`) takes the rest of the dotted key as one label key.
 */
export function valuesFromConfigMap(data: Record<string, unknown>): { values: Record<string, unknown>; problems: Problem[] } {
  const problems: Problem[] = [];
  let values: Record<string, unknown> = {};
  if (data.values !== undefined) {
    const doc = typeof data.values === 'string' ? safeParse(data.values) : data.values;
    if (isRecord(doc)) values = doc;
    else if (doc !== null && doc !== undefined) problems.push({ path: 'data.values', message: 'must hold a YAML mapping of chart values' });
  }
  for (const [key, raw] of Object.entries(data)) {
    if (key === 'values') continue;
    const problem = setDotted(values, key, raw);
    if (problem) problems.push({ path: `data.${key}`, message: problem });
  }
  return { values, problems };
}

function setDotted(values: Record<string, unknown>, key: string, raw: unknown): string | undefined {
  const segments = key.split('.');
  let node: Record<string, unknown> = values;
  let schema: ReturnType<typeof childOf> = valuesSchema;
  for (let i = 0; i < segments.length; i++) {
    const step: Step | undefined = schema ? stepOf(schema) : undefined;
    const rest: string = step?.kind === 'record' ? segments.slice(i).join('.') : segments[i]!;
    const last = step?.kind === 'record' || i === segments.length - 1;
    const child: ReturnType<typeof childOf> = schema ? childOf(schema, rest) : undefined;
    // Never walk into a prototype: `__proto__.x` would write into every object of the process.
    if (rest === PROTOTYPE_KEY) return `cannot set "${key}": "${PROTOTYPE_KEY}" names an object's prototype, never a value`;
    if (last) {
      node[rest] = coerce(raw, child ? leafKind(child) : 'any');
      return undefined;
    }
    const existing = Object.hasOwn(node, rest) ? node[rest] : undefined;
    if (existing !== undefined && !isRecord(existing)) return `cannot set "${key}": "${segments.slice(0, i + 1).join('.')}" is not an object`;
    node = (node[rest] = existing ?? {}) as Record<string, unknown>;
    schema = child;
  }
  return undefined;
}

function leafKind(schema: NonNullable<ReturnType<typeof childOf>>): ValueKind {
  const step = stepOf(schema);
  return step.kind === 'leaf' ? step.value : 'structured';
}

function coerce(raw: unknown, kind: ValueKind): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  switch (kind) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : raw;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : raw;
    case 'structured':
    case 'any': {
      const parsed = safeParse(raw);
      return parsed === undefined ? raw : parsed;
    }
    default:
      return raw;
  }
}

function safeParse(text: string): unknown {
  return loadYaml(text).value;
}
