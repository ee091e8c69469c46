import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { OWNER_ANNOTATION } from '../../src/constants';
import { run } from '../../src/run';
import { validateObject } from '../support/validate-object';
import { GOLDEN_CASES } from './cases';

const EXPECTED = join(__dirname, 'expected');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * The whole function on fixed inputs. Expected files are regenerated on purpose with
 * `npm run test:update` and reviewed in the diff.
 */
describe.each(GOLDEN_CASES)('golden $name', ({ name, input }) => {
  const output = run(input);
  const stdoutFile = join(EXPECTED, `${name}.yaml`);
  const stderrFile = join(EXPECTED, `${name}.stderr`);
  const stderr = `exit code: ${output.exitCode}\n${output.stderr}`;

  test('matches the expected output', () => {
    if (update) {
      mkdirSync(dirname(stdoutFile), { recursive: true });
      writeFileSync(stdoutFile, output.stdout);
      writeFileSync(stderrFile, stderr);
    }
    expect(existsSync(stdoutFile)).toBe(true);
    expect(output.stdout).toBe(readFileSync(stdoutFile, 'utf8'));
    expect(stderr).toBe(readFileSync(stderrFile, 'utf8'));
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
    if (name.startsWith('errors/malformed')) expect([full.exitCode, output.exitCode]).toEqual([1, 1]);
    else expect(full).toEqual(output);
  });

  test('a second run on its own output changes nothing', () => {
    if (output.exitCode !== 0) {
      // on an error the input items come out unchanged
      expect(output.stdout.startsWith(input.slice(0, input.indexOf('functionConfig:')))).toBe(true);
      return;
    }
    const again = run(output.stdout.replace(/\nresults:\n[\s\S]*$/, '\n'));
    expect(again.exitCode).toBe(0);
    expect(again.stdout.replace(/\nresults:\n[\s\S]*$/, '\n')).toBe(output.stdout.replace(/\nresults:\n[\s\S]*$/, '\n'));
  });
});
