import { closestName } from '../k8s/closest-name.js';
import { childPath, pathOf } from '../k8s/field-path.js';
import { pointerSegments } from './json-pointer.js';
import { describeValue, isRecord } from './json-value.js';
import { schemaNodeAt, type SchemaNode } from './schema-node.js';
import type { Violation } from './violation.js';

/** An error of an Ajv standalone validator compiled with `messages: false`. */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/**
 * A dialect's wording for a known trap, e.g. Cilium's integer port. `path` is matched against the
 * violation's path; `message` gets the offending value and returns undefined to keep the generic text.
 */
export interface MessageOverride {
  keyword: string;
  path: RegExp;
  message: (value: unknown, path: string) => string | undefined;
}

/** Regexps of the schemas, in words (a raw regexp is not actionable). */
const PATTERN_WORDS: Record<string, string> = {
  '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$': "must be a label value: alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric",
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$': "must be a DNS subdomain: lower-case alphanumerics, '-' and '.'",
  '^\\P{C}*$': 'must not contain control characters',
  '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$': "must be a DNS name: letters, digits, '-' and '_', labels separated by single dots",
  '^[-a-zA-Z0-9_*]+(\\.[-a-zA-Z0-9_*]+)*\\.?$': "must be a DNS name pattern: letters, digits, '-', '_' and '*', labels separated by single dots",
  '^(\\*?\\*\\.)?[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$': "must be a server name, optionally starting with '*.' or '**.'",
};

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object (a map)',
  array: 'an array (a list)',
  'integer,string': 'an integer or a string',
};

const plural = (n: unknown, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

function valueAt(object: unknown, segments: readonly (string | number)[]): unknown {
  let value = object;
  for (const segment of segments) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && typeof segment === 'string') value = value[segment];
    else return undefined;
  }
  return value;
}

/** Field names of a oneOf/anyOf whose branches each require one field (see scripts/validators/normalize-schema.mjs). */
function junctionNames(node: SchemaNode | undefined, keyword: 'oneOf' | 'anyOf'): string[] {
  return (node?.[keyword] ?? []).map((branch) => branch.required[0] ?? '?');
}

function genericMessage(error: AjvError, value: unknown, node: SchemaNode | undefined, parent: SchemaNode | undefined): string {
  const p = error.params;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const suggestion = closestName(field, Object.keys(parent?.properties ?? {}));
      // The API server would prune it without an error, so the object would silently mean something else.
      return `unknown field ${JSON.stringify(field)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`;
    }
    case 'required':
      return 'is required';
    case 'type': {
      // An enum field of the wrong type gets the enum's message (Ajv reports both; one is enough).
      if (node?.enum) return genericMessage({ ...error, keyword: 'enum', params: {} }, value, node, parent);
      const expected = Array.isArray(p.type) ? p.type.join(',') : String(p.type);
      const hint = expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ` (quote it: "${String(value)}")` : '';
      return `must be ${TYPE_WORDS[expected] ?? expected}, not ${describeValue(value)}${hint}`;
    }
    case 'enum': {
      const allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : (node?.enum ?? [])).map(String);
      const suggestion = typeof value === 'string' ? closestName(value, allowed) : undefined;
      const hint = suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : '';
      return `must be one of ${allowed.join(', ')} (got ${describeValue(value)}${hint})`;
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return `must be ${error.keyword === 'minimum' ? 'at least' : 'greater than'} ${String(p.limit)} (got ${describeValue(value)})`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `must be ${error.keyword === 'maximum' ? 'at most' : 'less than'} ${String(p.limit)} (got ${describeValue(value)})`;
    case 'minLength':
      return `must be at least ${plural(p.limit, 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(p.limit, 'character')} long (got ${typeof value === 'string' ? value.length : '?'})`;
    case 'minItems':
      return `must have at least ${plural(p.limit, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(p.limit, 'item')} (got ${Array.isArray(value) ? value.length : '?'})`;
    case 'uniqueItems': {
      const items = Array.isArray(value) ? value : [];
      return `must not contain duplicates: items ${String(p.j)} and ${String(p.i)} are both ${describeValue(items[Number(p.i)])}`;
    }
    case 'pattern': {
      const words = PATTERN_WORDS[String(p.pattern)] ?? `must match /${String(p.pattern)}/`;
      return `${words} (got ${describeValue(value)})`;
    }
    case 'minProperties':
    case 'maxProperties': {
      const names = Object.keys(node?.properties ?? {});
      if (error.keyword === 'maxProperties') {
        const present = isRecord(value) ? Object.keys(value) : [];
        return `must set only one of ${names.join(', ')} (found ${present.join(' and ')})`;
      }
      if (names.length === 1) return `must not be empty: set ${names[0] ?? '?'}`;
      return `must set ${node?.maxProperties === 1 ? 'exactly' : 'at least'} one of ${names.join(', ')}`;
    }
    case 'oneOf': {
      const names = junctionNames(node, 'oneOf');
      const passing = Array.isArray(p.passingSchemas) ? p.passingSchemas.map((i) => names[Number(i)] ?? '?') : [];
      return passing.length > 1
        ? `must set only one of ${names.join(', ')} (found ${passing.join(' and ')})`
        : `must set exactly one of ${names.join(', ')}`;
    }
    case 'anyOf':
      return `must set at least one of ${junctionNames(node, 'anyOf').join(', ')}`;
    default:
      return `fails schema rule ${error.keyword} ${JSON.stringify(p)}`;
  }
}

/** Turns Ajv errors into violations with field paths and messages a user can act on. */
export function schemaViolations(
  errors: readonly AjvError[],
  object: unknown,
  schema: SchemaNode,
  overrides: readonly MessageOverride[],
): Violation[] {
  const out: Violation[] = [];
  for (const error of errors) {
    // Branch details of "exactly one of" junctions: the junction's own error says it better.
    if (/\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath)) continue;
    const segments = pointerSegments(error.instancePath, object);
    const parent = schemaNodeAt(schema, segments);
    const field = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty)
      : error.keyword === 'required' ? String(error.params.missingProperty)
      : undefined;
    const target = field === undefined ? segments : [...segments, field];
    const path = field === undefined ? pathOf(segments) : childPath(pathOf(segments), field);
    const value = valueAt(object, target);
    const override = overrides.find((o) => o.keyword === error.keyword && o.path.test(path))?.message(value, path);
    out.push({ path, message: override ?? genericMessage(error, value, schemaNodeAt(schema, target), parent) });
  }
  return out;
}
