/**
 * The whole function on fixed inputs, one data folder per case under cases/ (README.md: how to add,
 * regenerate and review one). `UPDATE_GOLDEN=1` rewrites the cases' .expected/ on purpose; review
 * the change in `git diff`.
 */
import { parse } from 'yaml';
import { OWNER_ANNOTATION } from '../../src/constants';
import { run } from '../../src/run';
import { validateObject } from '../support/validate-object';
import { expectedStdout, inputOf, listCases, readExpected, splitOutput, stderrOf, strayFiles, writeExpected } from './case-folders';
import { unifiedLineDiff } from './line-diff';
import { updatingGoldens } from '../support/update-golden';

const update = updatingGoldens();

const REGENERATE = 'UPDATE_GOLDEN=1 npx jest test/golden';
const cases = listCases();
const rewritten: string[] = [];

afterAll(() => {
  if (!update) return;
  const what = rewritten.length ? `rewrote ${rewritten.length} of ${cases.length} cases:\n${rewritten.map((n) => `  ${n}\n`).join('')}` : `no case changed (${cases.length} cases)\n`;
  process.stderr.write(`UPDATE_GOLDEN: ${what}`); // plain, not console.log: the list is the point, not where it was logged from
});

test('cases/ holds case folders and nothing else', () => {
  expect(cases.length).toBeGreaterThan(0);
  expect(strayFiles()).toEqual([]);
});

describe.each(cases)('golden $name', (c) => {
  const input = inputOf(c);
  const output = run(input);

  test('matches the expected output', () => {
    if (update && writeExpected(c, output.stdout, output.exitCode)) rewritten.push(c.name);
    const expected = readExpected(c);
    if (!expected) throw new Error(`${c.name} has no .expected/diff.patch and results.yaml: create them with ${REGENERATE}, then review them`);
    let stdout: string;
    try {
      stdout = expectedStdout(c, expected);
    } catch (error) {
      throw new Error(`${c.name}: .expected/diff.patch does not fit the input (resources.yaml or _fnconfig.yaml changed since it was written?): ${(error as Error).message}. If the change is intended: ${REGENERATE}`);
    }
    if (output.stdout !== stdout) {
      throw new Error(`${c.name}: the output differs from input + diff.patch + results.yaml (- expected, + actual). If the change is intended: ${REGENERATE}\n${unifiedLineDiff(stdout, output.stdout, ['expected', 'actual'])}`);
    }
    expect({ exitCode: output.exitCode, stderr: output.stderr }).toEqual({ exitCode: expected.exitCode, stderr: stderrOf(expected.results) });
    // the same output, written another way (a hand-edited hunk), would be rewritten at the next update
    expect(expected.diff).toBe(unifiedLineDiff(input, splitOutput(output.stdout).list, ['input', 'output']));
  });

  test('every generated object passes its API\'s schema and semantic checks', () => {
    if (output.exitCode !== 0) return; // nothing generated; the input (maybe malformed) comes back as it was
    const items = (parse(output.stdout) as { items: { apiVersion: string; kind: string; metadata: { annotations?: Record<string, string> } }[] }).items;
    const generated = items.filter((o) => o.metadata.annotations?.[OWNER_ANNOTATION] !== undefined);
    if (/message: "\d+ network polic/.test(output.stdout)) expect(generated.length).toBeGreaterThan(0);
    for (const object of generated) expect({ object, violations: validateObject(object) }).toEqual({ object, violations: [] });
  });

  test('parsing every item gives the same bytes as the fast path', () => {
    const full = run(input, { parseEverything: true });
    // Malformed YAML is an error on both paths; only the full parse sees the whole document's syntax.
    if (c.name.startsWith('errors/malformed')) expect([full.exitCode, output.exitCode]).toEqual([1, 1]);
    else expect(full).toEqual(output);
  });

  test('a second run on its own output changes nothing', () => {
    if (output.exitCode !== 0) {
      // on an error the input items come out unchanged
      expect(output.stdout.startsWith(c.resources)).toBe(true);
      return;
    }
    const first = splitOutput(output.stdout).list;
    const again = run(first);
    expect(again.exitCode).toBe(0);
    expect(splitOutput(again.stdout).list).toBe(first);
  });
});
