import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { valuesJsonSchema } from '../../src/config/values-json-schema';
import { valuesTable } from '../../src/config/values-table';
import { ROOT } from '../support/paths';
import { updatingGoldens } from '../support/update-golden';

const update = updatingGoldens();
const START = '<!-- values-table:start (generated from src/config/values-schema.ts: npm run docs) -->';
const END = '<!-- values-table:end -->';

/** The docs are derived from the one zod schema: a test fails when they drift (npm run docs rewrites them). */
describe('docs derived from the values schema', () => {
  test('functions/controller-network-policy/schema.json is the generated JSON schema', () => {
    const file = join(ROOT, 'functions', 'controller-network-policy', 'schema.json');
    const expected = `${JSON.stringify(valuesJsonSchema(), null, 2)}\n`;
    if (update) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  test.each(['README.md', 'functions/controller-network-policy/README.md'])('%s holds the generated values table', (name) => {
    const file = join(ROOT, name);
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const table = `${START}\n${valuesTable()}${END}`;
    if (update) writeFileSync(file, text.slice(0, start) + table + text.slice(end + END.length));
    expect(readFileSync(file, 'utf8').slice(start, start + table.length)).toBe(table);
  });

  test('every key of the values schema is described', () => {
    const missing = valuesTable().split('\n').filter((row) => /^\| `[^`]+` \|[^|]*\|[^|]*\| +\|$/.test(row));
    expect(missing).toEqual([]);
  });
});
