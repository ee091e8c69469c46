import type { core } from 'zod/mini';
import { closestKey } from './closest-key.js';
import { pathOf } from '../krm/field-path.js';

const fieldPath = (path: readonly PropertyKey[]): string => pathOf(path.map((key) => (typeof key === 'number' ? key : String(key))));
import { schemaAt, stepOf } from './schema-walk.js';
import { valuesSchema } from './values-schema.js';

export interface ConfigProblem {
  path: string;
  message: string;
  currentValue?: unknown;
}

/** One message per zod issue, phrased for a person editing values; typos get the nearest valid key. */
export function formatIssue(issue: core.$ZodIssue): ConfigProblem[] {
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
      return [{ path, message: `must be at most ${String(issue.maximum)}`, currentValue: issue.input }];
    case 'too_small':
      return [{ path, message: `must be at least ${String(issue.minimum)}`, currentValue: issue.input }];
    case 'invalid_value':
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(issue.input)}`, currentValue: issue.input }];
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
  return `${typeof value} ${JSON.stringify(value)}`;
}
