import fc from 'fast-check';
import { parse } from 'yaml';
import { allDialects } from '../../src/dialects/index';
import { run } from '../../src/run';
import { anyResourceList, resourceList } from './arbitraries';

const engines = allDialects().map((d) => d.engine);
const stripResults = (text: string) => text.replace(/\nresults:\n[\s\S]*$/, '\n');
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

describe('invariants over random lists and values', () => {
  test('input items survive byte-for-byte, in order, on success and on failure', () => {
    fc.assert(
      fc.property(anyResourceList(engines), ({ text, inputItems }) => {
        const { stdout } = run(text);
        let at = 0;
        for (const item of inputItems) {
          const found = stdout.indexOf(item, at);
          expect(found).toBeGreaterThanOrEqual(at);
          at = found + item.length;
        }
      }),
      RUNS,
    );
  });

  test('the output is deterministic', () => {
    fc.assert(fc.property(anyResourceList(engines), ({ text }) => expect(run(text)).toEqual(run(text))), RUNS);
  });

  test('the fast path and the full parse give identical output', () => {
    fc.assert(fc.property(anyResourceList(engines), ({ text }) => expect(run(text, { parseEverything: true })).toEqual(run(text))), RUNS);
  });

  test('a second run on its own output is a no-op', () => {
    fc.assert(
      fc.property(anyResourceList(engines), ({ text }) => {
        const first = run(text);
        fc.pre(first.exitCode === 0);
        const second = run(stripResults(first.stdout));
        expect(second.exitCode).toBe(0);
        expect(stripResults(second.stdout)).toBe(stripResults(first.stdout));
      }),
      RUNS,
    );
  });

  test('re-running with other values converges to what those values give on the original list', () => {
    fc.assert(
      fc.property(resourceList(engines), resourceList(engines), ({ text }, { text: other }) => {
        const config = (t: string) => t.slice(t.indexOf('functionConfig:'), t.indexOf('\n', t.indexOf('    egress: {enabled:')) + 1);
        const withOther = (t: string) => t.replace(config(t), config(other));
        const first = run(text);
        fc.pre(first.exitCode === 0);
        const direct = run(withOther(text));
        const rerun = run(withOther(stripResults(first.stdout)));
        expect(rerun.exitCode).toBe(direct.exitCode);
        if (direct.exitCode !== 0) return;
        const objects = (t: string) => (parse(stripResults(t)) as { items: unknown[] }).items.map((o) => JSON.stringify(o)).sort();
        expect(objects(rerun.stdout)).toEqual(objects(direct.stdout));
      }),
      RUNS,
    );
  });
});
