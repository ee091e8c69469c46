/**
 * One-off proof that the case folders hold exactly the old goldens (cases.ts + expected/): for every
 * old case, the folder's input is the old input byte for byte, input + diff.patch + results.yaml is
 * the old stdout byte for byte, and the exit code and the stderr derived from results.yaml are the
 * old .stderr file. Compares files only (no run of the function). Removed with cases.ts and expected/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_CASES } from './cases';
import { expectedStdout, inputOf, listCases, readExpected, stderrOf } from './case-folders';

const OLD = join(__dirname, 'expected');
const folders = new Map(listCases().map((c) => [c.name, c]));

test('the same 53 cases, by name', () => {
  expect([...folders.keys()].sort()).toEqual(GOLDEN_CASES.map((c) => c.name).sort());
  expect(folders.size).toBe(53);
});

describe.each(GOLDEN_CASES)('old golden $name', ({ name, input }) => {
  test('folder input, input + diff.patch + results.yaml, exit code and stderr are the old ones, byte for byte', () => {
    const c = folders.get(name)!;
    const expected = readExpected(c)!;
    expect(inputOf(c)).toBe(input);
    expect(expectedStdout(c, expected)).toBe(readFileSync(join(OLD, `${name}.yaml`), 'utf8'));
    expect(`exit code: ${expected.exitCode}\n${stderrOf(expected.results)}`).toBe(readFileSync(join(OLD, `${name}.stderr`), 'utf8'));
  });
});
