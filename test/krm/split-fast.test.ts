/**
 * The line scanner (split-fast.ts): the shapes kpt and kustomize send are cut without parsing; anything
 * else is declined (undefined), and the full parse takes over. Both must cut the same slices.
 */
import { parseAllDocuments } from 'yaml';
import { splitFast } from '../../src/krm/split-fast';
import { splitParsed } from '../../src/krm/split-parsed';

const ITEM = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n';
const ITEM2 = '- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: b\n';

describe('splitFast cuts', () => {
  test('regions per top-level key, and one slice per item, comments before the first item in the items region', () => {
    const text = `# head\napiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n# first\n${ITEM}\n${ITEM2}functionConfig:\n  a: 1\n`;
    expect(splitFast(text)).toEqual({
      regions: [
        { key: undefined, text: '# head\n' },
        { key: 'apiVersion', text: 'apiVersion: config.kubernetes.io/v1\n' },
        { key: 'kind', text: 'kind: ResourceList\n' },
        { key: 'items', text: 'items:\n# first\n' },
        { key: 'functionConfig', text: 'functionConfig:\n  a: 1\n' },
      ],
      items: [`${ITEM}\n`, ITEM2],
      seqIndent: 0,
      mode: 'fast',
    });
  });

  test('items indented under their key, a leading ---, a comment after items:, keys with dots, slashes and dashes', () => {
    const indent = (s: string) => s.replace(/^(?=.)/gm, '  ');
    const text = `---\nkind: ResourceList\nitems: # none yet\n${indent(ITEM)}${indent(ITEM2)}x.y/z-w_1: 2\n`;
    const split = splitFast(text)!;
    expect(split.seqIndent).toBe(2);
    expect(split.items).toEqual([indent(ITEM), indent(ITEM2)]);
    expect(split.regions.map((r) => [r.key, r.text])).toEqual([
      [undefined, '---\n'],
      ['kind', 'kind: ResourceList\n'],
      ['items', 'items: # none yet\n'],
      ['x.y/z-w_1', 'x.y/z-w_1: 2\n'],
    ]);
  });

  test('`items: []`, and a list without items', () => {
    expect(splitFast('kind: ResourceList\nitems: []\n')).toEqual({ regions: [{ key: 'kind', text: 'kind: ResourceList\n' }, { key: 'items', text: 'items: []\n' }], items: [], seqIndent: 0, mode: 'fast' });
    expect(splitFast('kind: ResourceList\n')).toEqual({ regions: [{ key: 'kind', text: 'kind: ResourceList\n' }], items: [], seqIndent: 0, mode: 'fast' });
  });

  test('an entry whose dash stands alone on its line, or is followed by a tab', () => {
    const text = 'kind: ResourceList\nitems:\n-\n  apiVersion: v1\n-\tkind: x\n';
    expect(splitFast(text)?.items).toEqual(['-\n  apiVersion: v1\n', '-\tkind: x\n']);
  });

  test('the last line without a line break', () => {
    expect(splitFast('kind: ResourceList\nitems:\n- a: 1')?.items).toEqual(['- a: 1']);
  });

  test.each([
    ['no key at all', '# only a comment\n'],
    ['a key twice', 'kind: ResourceList\nkind: ResourceList\n'],
    ['a second document', 'kind: ResourceList\n---\nitems: []\n'],
    ['a quoted key', '"kind": ResourceList\n'],
    ['a complex key', '? kind\n: ResourceList\n'],
    ['a flow mapping', '{kind: ResourceList}\n'],
    ['a flow sequence of items', 'kind: ResourceList\nitems: [{a: 1}]\n'],
    ['items with a value on their line', 'kind: ResourceList\nitems: &i\n- a: 1\n'],
    ['a dash at column 0 outside items', 'kind: ResourceList\n- a: 1\n'],
    ['a dash without a blank', 'kind: ResourceList\nitems:\n-a: 1\n'],
    ['an item line left of the sequence', 'kind: ResourceList\nitems:\n  - a: 1\n - b: 2\n'],
    ['a non-entry at the sequence\'s column', 'kind: ResourceList\nitems:\n  - a: 1\n  b: 2\n'],
    ['a first item line that is no entry', 'kind: ResourceList\nitems:\n  a: 1\n'],
    ['column-0 entries after indented ones', 'kind: ResourceList\nitems:\n  - a: 1\n- b: 2\n'],
  ])('declines %s', (_title, text) => {
    expect(splitFast(text)).toBeUndefined();
  });

  test('a --- before any key, then keys: still one document', () => {
    expect(splitFast('--- # start\nkind: ResourceList\n')?.regions.map((r) => r.key)).toEqual([undefined, 'kind']);
  });

  test('indented blank and comment lines inside items belong to the item before them', () => {
    const text = `kind: ResourceList\nitems:\n${ITEM}  # about b\n   \n${ITEM2}`;
    expect(splitFast(text)?.items).toEqual([`${ITEM}  # about b\n   \n`, ITEM2]);
  });

  test('the full parse cuts the same slices', () => {
    const text = `# head\napiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n# first\n${ITEM}\n${ITEM2}functionConfig:\n  a: 1\n`;
    const [doc] = parseAllDocuments(text, { keepSourceTokens: true }) as unknown as [Parameters<typeof splitParsed>[1]];
    const parsed = splitParsed(text, doc);
    expect({ ...parsed, mode: 'fast' }).toEqual(splitFast(text));
  });
});
