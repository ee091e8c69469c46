import { readResourceList } from '../../src/krm/read-resource-list';
import { writeResourceList } from '../../src/krm/write-resource-list';
import { run } from '../../src/run';
import { ANCHORED_CONTROLLER, APP, list } from './lossless-fixtures';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

function roundTrip(text: string, forceParse = false) {
  const read = readResourceList(text, { forceParse });
  if (!read.value) throw new Error(read.results[0]!.message);
  return writeResourceList(read.value, undefined, []);
}

describe('line ends', () => {
  test('a CRLF list comes back byte-for-byte, on both paths', () => {
    const text = crlf(list([APP, ANCHORED_CONTROLLER]));
    expect(roundTrip(text)).toBe(text);
    expect(roundTrip(text, true)).toBe(text);
  });

  test('a CRLF list through the function: every line it writes ends in CRLF too', () => {
    const lf = run(list([APP, ANCHORED_CONTROLLER]));
    const out = run(crlf(list([APP, ANCHORED_CONTROLLER])));
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(crlf(lf.stdout));
    expect(out.stdout).not.toMatch(/[^\r]\n/);
  });

  test('mixed line ends: each item keeps its own; lines the function writes take the first line’s ending', () => {
    const text = list([crlf(APP), ANCHORED_CONTROLLER]).replace(/^kind: ResourceList\n/m, 'kind: ResourceList\r\n');
    const lf = run(list([APP, ANCHORED_CONTROLLER]));
    const out = run(text);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(crlf(APP));
    expect(out.stdout).toContain(`\n${ANCHORED_CONTROLLER}`); // LF, and not preceded by CR either
    expect(out.stdout.startsWith('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\r\nitems:\n')).toBe(true);
    // the generated policy and the results: LF, the first line's ending
    const generated = lf.stdout.slice(lf.stdout.indexOf(ANCHORED_CONTROLLER) + ANCHORED_CONTROLLER.length);
    expect(out.stdout.endsWith(generated)).toBe(true);
    expect(run(text, { parseEverything: true })).toEqual(out);
  });

  test('a list without a final line break gets one, in its own ending', () => {
    const text = crlf(list([APP])).replace(/\r\n$/, '');
    expect(roundTrip(text)).toBe(`${text}\r\n`);
  });

  test('a lone CR (classic Mac OS) is a line break for YAML and is kept as it came', () => {
    const text = list([APP]).replace('kind: ResourceList\n', 'kind: ResourceList\r');
    expect(roundTrip(text)).toBe(text);
  });
});
