/** The small helpers of reading: line ends, anchors seen in text, nesting limits, and item parses. */
import { hasForeignAlias, mayHoldAnchors } from '../../src/krm/anchors';
import { normalizeLineEnds, originalPieces, withLineEnds } from '../../src/krm/line-ends';
import { isStackExhausted, rethrowStackExhaustion } from '../../src/krm/nesting';
import { readResourceList } from '../../src/krm/read-resource-list';
import { parseItems } from '../../src/krm/resource-list';

describe('line ends', () => {
  test('LF input: unchanged, a final line break added when missing', () => {
    expect(normalizeLineEnds('a\nb\n')).toEqual({ text: 'a\nb\n', ends: { eol: '\n' } });
    expect(normalizeLineEnds('a\nb')).toEqual({ text: 'a\nb\n', ends: { eol: '\n' } });
  });

  test('CRLF and lone CR become LF; the offsets of former CRLFs are kept; the first line decides the ending written', () => {
    expect(normalizeLineEnds('a\r\nb\rc\r\nd')).toEqual({ text: 'a\nb\nc\nd\n', ends: { eol: '\r\n', original: 'a\r\nb\rc\r\nd\r\n', crlfAt: [1, 5, 7] } });
    expect(normalizeLineEnds('a\nb\r\n')).toEqual({ text: 'a\nb\n', ends: { eol: '\n', original: 'a\nb\r\n', crlfAt: [3] } });
    expect(normalizeLineEnds('a\rb\r')).toEqual({ text: 'a\nb\n', ends: { eol: '\n', original: 'a\rb\r', crlfAt: [] } });
  });

  test('the input\'s own bytes of consecutive pieces, from any offset', () => {
    const { text, ends } = normalizeLineEnds('h\r\nx\r\ny\nz\r\n');
    expect(originalPieces(text, ['h\n', 'x\n', 'y\nz\n'], ends)).toEqual(['h\r\n', 'x\r\n', 'y\nz\r\n']);
    expect(originalPieces(text, ['x\n', 'y\n'], ends, 2)).toEqual(['x\r\n', 'y\n']);
    expect(originalPieces(text, ['x\n'], ends)).toBeUndefined(); // does not tile the text from 0
    expect(originalPieces('a\n', ['a\n'], { eol: '\n' })).toBeUndefined(); // plain LF: nothing to give back
  });

  test('lines written in the input\'s ending', () => {
    expect(withLineEnds('a\nb\n', { eol: '\r\n' })).toBe('a\r\nb\r\n');
    expect(withLineEnds('a\nb\n', { eol: '\n' })).toBe('a\nb\n');
  });
});

describe('anchors in text', () => {
  test.each([
    ['&x 1', true],
    ['*x', true],
    ['a: &x 1', true],
    ['a: *x', true],
    ['- &x {}', true],
    ['[*x, 1]', true],
    ['{a: *x}', true],
    ['a: "x & y"', false],
    ['a: 2*3', false],
    ['a: b&c', false],
    ['a: &', false],
    ['plain', false],
  ])('%s may hold anchors: %s', (text, expected) => {
    expect(mayHoldAnchors(text)).toBe(expected);
  });

  test.each([
    ['an alias after its anchor', 'a: &x 1\nb: *x\n', false],
    ['an alias before any anchor', 'b: *x\na: &x 1\n', true],
    ['an alias to another anchor', 'a: &x 1\nb: *y\n', true],
    ['anchors only', 'a: &x 1\n', false],
    ['no star at all', 'a: 1\n', false],
    ['an alias at the very start', '*x\n', true],
    ['an alias to an anchor whose name it begins with', 'a: &ab 1\nb: *ac\n', true],
    ['a long name anchored, then aliased', 'a: &shared-labels 1\nb: *shared-labels\n', false],
  ])('%s: a foreign alias is %s', (_title, text, expected) => {
    expect(hasForeignAlias(text)).toBe(expected);
  });
});

describe('nesting', () => {
  test('only a RangeError about the call stack is an exhausted stack', () => {
    expect(isStackExhausted(new RangeError('Maximum call stack size exceeded'))).toBe(true);
    expect(isStackExhausted(new RangeError('Invalid array length'))).toBe(false);
    expect(isStackExhausted(new Error('Maximum call stack size exceeded'))).toBe(false);
  });

  test('yaml\'s resource-exhaustion error about the stack is thrown as one; other errors are not', () => {
    expect(() => rethrowStackExhaustion([{ code: 'RESOURCE_EXHAUSTION', message: 'Maximum call stack size exceeded' }])).toThrow(RangeError);
    expect(() => rethrowStackExhaustion([{ code: 'RESOURCE_EXHAUSTION', message: 'Excessive alias count' }, { code: 'BAD_INDENT', message: 'call stack' }])).not.toThrow();
  });
});

describe('parseItems', () => {
  test('an item that is not YAML, or not a KRM object, is an error naming its index; the others parse', () => {
    const text = 'kind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ok\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: [\n- just: data\n';
    const list = readResourceList(text).value!;
    const { value, results } = parseItems(list, () => true);
    expect(value.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(value[0]!.parsed?.object?.metadata.name).toBe('ok');
    expect(results.map((r) => r.message)).toEqual([
      'items[1] is not valid YAML: unexpected end of the stream within a flow collection (line 4 of the item)',
      'items[2] is not a KRM object: apiVersion, kind and metadata.name are required',
    ]);
  });

  test('only the items picked are parsed', () => {
    const list = readResourceList('kind: ResourceList\nitems:\n- a: [\n- b: 1\n').value!;
    expect(parseItems(list, (item) => item.index === 1).results.map((r) => r.message)).toEqual(['items[1] is not a KRM object: apiVersion, kind and metadata.name are required']);
    expect(list.items[0]!.parsed).toBeUndefined();
  });
});
