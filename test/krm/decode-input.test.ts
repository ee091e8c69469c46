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
