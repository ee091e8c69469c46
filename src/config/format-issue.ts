import type { core } from 'zod/mini';
import { closestKey } from '../k8s/closest-name.js';
import { pathOf } from '../k8s/field-path.js';
import type { Problem } from '../krm/result.js';
import { schemaAt, stepOf } from './schema-walk.js';
import { valuesSchema } from './values-schema.js';

const fieldPath = (path: readonly PropertyKey[]): string => pathOf(path.map((key) => (typeof key === 'number' ? key : String(key))));

/** One message per zod issue, phrased for a person editing values; typos get the nearest valid key. */
export function formatIssue(issue: core.$ZodIssue): Problem[] {
  const path = fieldPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const schema = schemaAt(valuesSchema, issue.path);
      const step = schema ? stepOf(schema) : undefined;
      const known = step?.kind === 'object' ? step.keys : [];
      return issue.keys.map((key) => {
        const suggestion = closestKey(key, known);
        return {
          path: fieldPath([...issue.path, key]),
          message: `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : known.length ? ` (valid keys: ${known.join(', ')})` : ''}`,
        };
      });
    }
    case 'invalid_type':
      return [{ path, message: `must be ${article(issue.expected)}, not ${describeValue(issue.input)}`, currentValue: issue.input }];
    case 'too_big':
      // zod's own safe-integer bound comes next to the schema's: only the schema's is worth saying
      if (issue.maximum === Number.MAX_SAFE_INTEGER) return [];
      return [{ path, message: `must be at most ${String(issue.maximum)}${inexact(issue.input)}`, currentValue: issue.input }];
    case 'too_small':
      if (issue.minimum === Number.MIN_SAFE_INTEGER) return [];
      return [{ path, message: `must be at least ${String(issue.minimum)}${inexact(issue.input)}`, currentValue: issue.input }];
    case 'invalid_value': {
      const suggestion = typeof issue.input === 'string' ? closestKey(issue.input, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
      const hint = suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : '';
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(issue.input)}${hint}`, currentValue: issue.input }];
    }
    case 'invalid_union':
      return [{ path, message: `must be a label selector: a string like "app=x,tier in (a,b)" or {matchLabels, matchExpressions}`, currentValue: issue.input }];
    case 'invalid_format':
      return [{ path, message: issue.message && issue.message !== 'Invalid input' ? issue.message : `has an invalid format`, currentValue: issue.input }];
    default:
      return [{ path, message: issue.message || 'is invalid' }];
  }
}

function article(expected: string): string {
  const noun = expected === 'record' ? 'object' : expected === 'int' ? 'integer' : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : `${value > 0 ? '' : '-'}.inf (infinity)`;
  // `1e309` and the like: YAML readers disagree on exponent forms, and this one read it as text
  if (typeof value === 'string' && /^[-+]?(\d[\d_]*)?\.?\d*[eE][-+]?\d+$/.test(value)) return `${JSON.stringify(value)}, an exponent form read as text: write a plain number`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A number beyond 2^53 has lost digits: the value the user wrote is not the value checked. */
function inexact(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isSafeInteger(value) && Number.isInteger(value) ? ` (${value.toExponential(3)} is too large to be read exactly)` : '';
}
