import { decodeInput } from '../../src/krm/decode-input';
import { readResourceList } from '../../src/krm/read-resource-list';
import { run } from '../../src/run';
import { ANCHORED_CONTROLLER, APP, list } from './lossless-fixtures';

const REPLACEMENT_ITEM = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: glyphs\n  data:\n    broken: "\uFFFD is U+FFFD, valid UTF-8 (EF BF BD)"\n';

describe('decoding stdin', () => {
  test('valid UTF-8 holding U+FFFD is read like any other text, and the item is kept', () => {
    const bytes = Buffer.from(list([APP, REPLACEMENT_ITEM, ANCHORED_CONTROLLER]), 'utf8');
    const read = readResourceList(bytes);
    expect(read.value).toBeDefined();
    const out = run(bytes);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(REPLACEMENT_ITEM);
    expect(out.stdout).toContain(APP);
  });

  const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n# caf';
  test.each([
    ['a lone continuation byte', [0xa9, 0x0a]],
    ['Latin-1 text', [0xe9, 0x0a]],
    ['a truncated sequence at the end', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('%s is an error result naming the byte offset', (_name, bad) => {
    const read = readResourceList(Buffer.concat([Buffer.from(HEAD), Buffer.from(bad)]));
    expect(read.value).toBeUndefined();
    expect(read.results).toEqual([{ severity: 'error', message: `input is not UTF-8: invalid byte 0x${bad[0]!.toString(16)} at offset ${HEAD.length}; expected a ResourceList on stdin` }]);
  });

  test('NUL is not YAML text', () => {
    const read = readResourceList(Buffer.from('kind: ResourceList\u0000'));
    expect(read.value).toBeUndefined();
    expect(read.results[0]!.message).toContain('NUL');
  });

  test('a byte-order mark is dropped', () => {
    const read = readResourceList(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(list([APP]))]));
    expect(read.value?.source.regions[0]!.text).toBe('apiVersion: config.kubernetes.io/v1\n');
  });
});

describe('the offset of the first invalid byte, checked against Node.js\'s own UTF-8 decoder', () => {
  /** Where the first ill-formed sequence starts: the end of the longest prefix a strict decoder accepts. */
  function oracle(bytes: Uint8Array): number | undefined {
    const strict = new TextDecoder('utf-8', { fatal: true });
    try {
      strict.decode(bytes);
      return undefined;
    } catch {
      let k = bytes.length;
      for (; k > 0; k--) {
        try {
          strict.decode(bytes.subarray(0, k));
          break;
        } catch {
          // shorter
        }
      }
      return k;
    }
  }

  test('every lead byte from 0x80 with boundary continuation bytes, whole and cut short', () => {
    const mismatches: string[] = [];
    const prefix = [0x61, 0xc3, 0xa9]; // "aé"
    // the bounds of every second-byte range of Unicode's table 3-7, and a byte on each side
    const seconds = [0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0];
    const laters = [0x7f, 0x80, 0xc0];
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (const second of seconds) {
        for (const third of laters) {
          for (const fourth of lead >= 0xf0 ? laters : [0x80]) {
            for (const length of [2, 3, 5]) {
              const bytes = Uint8Array.from([...prefix, lead, second, third, fourth, 0x7a].slice(0, prefix.length + length));
              const decoded = decodeInput(bytes);
              const expected = oracle(bytes);
              const got = decoded.error === undefined ? undefined : Number(/at offset (\d+)/.exec(decoded.error)?.[1]);
              if (got !== expected) mismatches.push(`${Buffer.from(bytes).toString('hex')}: ${got} (expected ${expected})`);
              else if (expected !== undefined && !decoded.error!.includes(`invalid byte 0x${bytes[expected]!.toString(16).padStart(2, '0')} `)) mismatches.push(`${Buffer.from(bytes).toString('hex')}: ${decoded.error}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test('a whole sequence of every lead byte range, then an invalid byte: the offset is past the sequence', () => {
    const valid: number[][] = [[0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0xa0, 0x80], [0xe1, 0x80, 0x80], [0xed, 0x9f, 0xbf], [0xef, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf1, 0x80, 0x80, 0x80], [0xf3, 0xbf, 0xbf, 0xbf], [0xf4, 0x8f, 0xbf, 0xbf]];
    for (const sequence of valid) {
      const bytes = Uint8Array.from([0x61, ...sequence, 0xff]);
      expect({ sequence, offset: oracle(bytes) }).toEqual({ sequence, offset: sequence.length + 1 });
      expect({ sequence, error: decodeInput(bytes).error }).toEqual({ sequence, error: `input is not UTF-8: invalid byte 0xff at offset ${sequence.length + 1}` });
    }
  });

  test('text (already decoded) loses a leading byte-order mark, and only that', () => {
    expect(decodeInput('\uFEFFa: 1\n')).toEqual({ text: 'a: 1\n' });
    expect(decodeInput('a: \uFEFF\n')).toEqual({ text: 'a: \uFEFF\n' });
  });

  test('NUL names its line', () => {
    expect(decodeInput('a: 1\nb: 2\nc: \u0000\n')).toEqual({ error: 'input is not YAML text: a NUL character on line 3' });
    expect(decodeInput(Buffer.from('\u0000'))).toEqual({ error: 'input is not YAML text: a NUL character on line 1' });
    expect(decodeInput('\n\u0000')).toEqual({ error: 'input is not YAML text: a NUL character on line 2' });
  });
});
