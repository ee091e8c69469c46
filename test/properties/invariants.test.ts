import fc from 'fast-check';
import { allDialects } from '../../src/dialects/index';
import { run } from '../../src/run';
import { resourceList } from './arbitraries';

const engines = allDialects().map((d) => d.engine);
const stripResults = (text: string) => text.replace(/\nresults:\n[\s\S]*$/, '\n');
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

describe('invariants over random lists and values', () => {
  test('input items survive byte-for-byte, in order, on success and on failure', () => {
    fc.assert(
      fc.property(resourceList(engines), ({ text, inputItems }) => {
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
    fc.assert(fc.property(resourceList(engines), ({ text }) => expect(run(text)).toEqual(run(text))), RUNS);
  });

  test('the fast path and the full parse give identical output', () => {
    fc.assert(fc.property(resourceList(engines), ({ text }) => expect(run(text, { parseEverything: true })).toEqual(run(text))), RUNS);
  });

  test('a second run on its own output is a no-op', () => {
    fc.assert(
      fc.property(resourceList(engines), ({ text }) => {
        const first = run(text);
        fc.pre(first.exitCode === 0);
        const second = run(stripResults(first.stdout));
        expect(second.exitCode).toBe(0);
        expect(stripResults(second.stdout)).toBe(stripResults(first.stdout));
      }),
      RUNS,
    );
  });
});
