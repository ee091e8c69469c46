/** syncNode: an owned item edited in place keeps every node that already holds the right value. */
import { parse, parseDocument } from 'yaml';
import { STRINGIFY_OPTIONS } from '../../src/krm/stringify-block';
import { syncNode } from '../../src/krm/sync-node';

function synced(text: string, value: unknown): string {
  const doc = parseDocument(text);
  doc.contents = syncNode(doc, doc.contents, value) as typeof doc.contents;
  return doc.toString(STRINGIFY_OPTIONS);
}

describe('syncNode', () => {
  test('a map keeps its comments, key order and scalar styles; drops keys the value lacks; adds new ones last', () => {
    const text = '# head\nb: "quoted" # why\na: 1\ngone: x\nc: {d: e}\n';
    const out = synced(text, { a: 1, b: 'quoted', c: { d: 'e' }, z: [1] });
    expect(out).toBe('# head\nb: "quoted" # why\na: 1\nc: {d: e}\nz:\n- 1\n');
    expect(parse(out)).toEqual({ a: 1, b: 'quoted', c: { d: 'e' }, z: [1] });
  });

  test('a changed scalar takes the new value in its old style', () => {
    expect(synced("a: 'old' # note\nb: 1\n", { a: 'new', b: 2 })).toBe("a: 'new' # note\nb: 2\n");
  });

  test('a sequence is cut to the new length, its items synced, new items appended', () => {
    expect(synced('l:\n- a # first\n- b\n- c\n', { l: ['a', 'x'] })).toBe('l:\n- a # first\n- x\n');
    expect(synced('l: [a]\n', { l: ['a', 'b', { c: 1 }] })).toBe('l: [a, b, {c: 1}]\n');
  });

  test('a value of another shape replaces the node', () => {
    expect(parse(synced('a: [1]\nb: {c: 1}\nc: x\nd: null\n', { a: { k: 1 }, b: ['x'], c: { k: 'v' }, d: [] }))).toEqual({ a: { k: 1 }, b: ['x'], c: { k: 'v' }, d: [] });
  });

  test('null and booleans are scalars like any other', () => {
    expect(synced('a: ~\nb: true\n', { a: null, b: false })).toBe('a: ~\nb: false\n');
  });

  test('keys that are numbers in YAML are matched by their text', () => {
    expect(synced('1: a\n2: b\n', { 1: 'a' })).toBe('1: a\n');
  });
});
