import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { valuesJsonSchema } from '../../src/config/values-json-schema';
import { valuesTable } from '../../src/config/values-table';
import { ROOT } from '../support/paths';
import { updatingGoldens } from '../support/update-golden';

const update = updatingGoldens();
const START = '<!-- values-table:start (generated from src/config/values-schema.ts: npm run docs) -->';
const END = '<!-- values-table:end -->';

/**
 * Where each generated section lives: `npm run docs` rewrites exactly these files (this test and
 * test/chart/parity.test.ts), so a marker anywhere else would never be regenerated and go stale.
 */
const GENERATED_SECTIONS: Record<string, string[]> = {
  'values-table': ['README.md', join('functions', 'controller-network-policy', 'README.md')],
  'chart-parity': [join('docs', 'differences.md')],
};

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return ['node_modules', 'dist', '.git'].includes(entry.name) ? [] : markdownFiles(join(dir, entry.name));
    return entry.name.endsWith('.md') ? [join(dir, entry.name)] : [];
  });
}

/** The docs are derived from the one zod schema: a test fails when they drift (npm run docs rewrites them). */
describe('docs derived from the values schema', () => {
  test('functions/controller-network-policy/schema.json is the generated JSON schema', () => {
    const file = join(ROOT, 'functions', 'controller-network-policy', 'schema.json');
    const expected = `${JSON.stringify(valuesJsonSchema(), null, 2)}\n`;
    if (update) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  test.each(GENERATED_SECTIONS['values-table']!)('%s holds the generated values table', (name) => {
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

  test('each generated section has its markers once, in its own files only', () => {
    const found: Record<string, string[]> = {};
    for (const file of markdownFiles(ROOT)) {
      const text = readFileSync(file, 'utf8');
      for (const id of Object.keys(GENERATED_SECTIONS)) {
        for (const marker of [`<!-- ${id}:start`, `<!-- ${id}:end -->`]) {
          const count = text.split(marker).length - 1;
          if (count > 0) (found[`${id} ${marker.includes(':end') ? 'end' : 'start'}`] ??= []).push(...Array<string>(count).fill(relative(ROOT, file)));
        }
      }
    }
    const expected = Object.fromEntries(Object.entries(GENERATED_SECTIONS).flatMap(([id, files]) => [[`${id} start`, [...files].sort()], [`${id} end`, [...files].sort()]]));
    expect(Object.fromEntries(Object.entries(found).map(([key, files]) => [key, files.sort()]))).toEqual(expected);
  });

  test('every key of the values schema is described', () => {
    const missing = valuesTable().split('\n').filter((row) => /^\| `[^`]+` \|[^|]*\|[^|]*\| +\|$/.test(row));
    expect(missing).toEqual([]);
  });
});
