/**
 * The whole-list split (src/krm/split-parsed.ts), which takes over when the line scanner declines: its
 * slices of a block list are the bytes the line scanner cuts, whatever the entries look like; a flow or
 * JSON root becomes a block mapping of its own texts; and what readResourceList refuses or trims
 * before either split.
 */
import { readResourceList } from '../../src/krm/read-resource-list';
import { writeResourceList } from '../../src/krm/write-resource-list';

function read(text: string, forceParse = false) {
  const outcome = readResourceList(text, { forceParse });
  if (!outcome.value) throw new Error(outcome.results[0]!.message);
  return outcome.value.source;
}

const slices = (text: string, forceParse: boolean) => {
  const { regions, items, seqIndent } = read(text, forceParse);
  return { regions, items, seqIndent };
};

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n';
const CM = (name: string, indent: string) => `apiVersion: v1\n${indent}kind: ConfigMap\n${indent}metadata:\n${indent}  name: ${name}\n`;

describe('a block list: the whole-list split cuts the bytes the line scanner cuts', () => {
  test.each([
    ['entries at column 0', `${HEAD}items:\n- ${CM('a', '  ')}- ${CM('b', '  ')}`],
    ['entries indented two columns', `${HEAD}items:\n  - ${CM('a', '    ')}  - ${CM('b', '    ')}functionConfig: {}\n`],
    ['a dash alone on its line', `${HEAD}items:\n-\n  ${CM('a-b', '  ')}- ${CM('c', '  ')}`],
    ['an entry whose first line holds an anchor with a dash in its name', `${HEAD}items:\n- &my-item\n  ${CM('a', '  ')}- ${CM('b', '  ')}`],
    ['a comment holding " - " between the dash and the node', `${HEAD}items:\n- # see - below\n  ${CM('a', '  ')}- ${CM('b', '  ')}`],
    ['comment lines and a blank line between entries', `${HEAD}items:\n# first\n- ${CM('a', '  ')}\n# second - the other\n- ${CM('b', '  ')}`],
    ['a key before items and one after, and comments before the root', `# a list\n${HEAD}items:\n- ${CM('a', '  ')}results: []\n`],
  ])('%s', (_title, text) => {
    const fast = read(text);
    expect(fast.mode).toBe('fast');
    expect(read(text, true).mode).toBe('parsed');
    expect(slices(text, true)).toEqual(slices(text, false));
  });

  test('the dash of a nested comment line is not an entry: the entry starts at its own dash', () => {
    const text = `${HEAD}items:\n-\n  # a - note\n  ${CM('a', '  ')}- ${CM('b', '  ')}`;
    const parsed = read(text, true);
    expect(parsed.items).toEqual([`-\n  # a - note\n  ${CM('a', '  ')}`, `- ${CM('b', '  ')}`]);
    expect(parsed.seqIndent).toBe(0);
  });

});

describe('a flow or JSON root becomes a block mapping of its own texts', () => {
  const JSON_ITEM = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}';

  test.each([
    ['a comment line before the root: kept as it is', `# generated\n{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [${JSON_ITEM}]}\n`, '# generated\n'],
    ['`---` and the root on one line: the marker gets a line of its own', `--- \t{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [${JSON_ITEM}]}\n`, '---\n'],
  ])('%s', (_title, text, leading) => {
    const list = read(text);
    expect(list.mode).toBe('flow');
    expect(list.regions.map((r) => r.key)).toEqual([undefined, 'apiVersion', 'kind', 'items']);
    expect(list.regions[0]!.text).toBe(leading);
    expect(list.items).toEqual([`- ${JSON_ITEM}\n`]);
    expect(writeResourceList(list.regions.length ? readResourceList(text).value! : readResourceList(text).value!, undefined, [])).toBe(
      `${leading}"apiVersion": "config.kubernetes.io/v1"\n"kind": "ResourceList"\nitems:\n- ${JSON_ITEM}\n`,
    );
  });

  test('a value keeps its tag and anchor; a key without a value stays without one', () => {
    const list = read(`{apiVersion: config.kubernetes.io/v1, kind: !!str ResourceList, functionConfig: &fc {a: 1}, note, items: []}\n`);
    expect(list.regions.map((r) => r.text)).toEqual([
      'apiVersion: config.kubernetes.io/v1\n',
      'kind: !!str ResourceList\n',
      'functionConfig: &fc {a: 1}\n',
      'note:\n',
      'items:\n',
    ]);
  });

  test('items: null in JSON is an empty list', () => {
    const list = read('{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": null}\n');
    expect(list.items).toEqual([]);
    expect(list.regions.map((r) => r.text)).toEqual(['"apiVersion": "config.kubernetes.io/v1"\n', '"kind": "ResourceList"\n', 'items:\n']);
  });

  test('items with an anchor or a tag of their own keep them', () => {
    const text = `{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [&first ${JSON_ITEM}, !!map {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}]}\n`;
    expect(read(text).items).toEqual([`- &first ${JSON_ITEM}\n`, '- !!map {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}\n']);
  });
});

describe('what readResourceList refuses or trims before splitting', () => {
  test.each([
    ['a mapping', `${HEAD}items: {a: 1}\n`],
    ['a number', `${HEAD}items: 3\n`],
    ['a string', `${HEAD}items: none\n`],
  ])('items that are %s: an error on either path', (_title, text) => {
    for (const forceParse of [false, true]) {
      expect(readResourceList(text, { forceParse }).results).toEqual([expect.objectContaining({ severity: 'error', message: 'ResourceList items must be a list' })]);
    }
  });

  test.each([
    ['two lists', `{"kind": "ResourceList"}\n---\n{"kind": "ResourceList"}\n`, 2],
    // an empty document counts (kpt and kustomize never send one; the count tells the user what is wrong)
    ['an empty document, then a list', `---\n---\n{"kind": "ResourceList"}\n`, 2],
    ['a document that says null, then a list', `--- null\n--- {"kind": "ResourceList"}\n`, 2],
    ['no document at all', '# only a comment\n', 0],
  ])('%s: an error naming the count', (_title, text, count) => {
    const expected = count === 0 ? 'input holds no YAML document: expected a ResourceList on stdin' : `input holds ${count} YAML documents: expected exactly one ResourceList`;
    expect(readResourceList(text).results).toEqual([{ severity: 'error', message: expected }]);
  });

  test.each([
    ['`...`', '...\n'],
    ['`---` and a comment, two spaces apart', '---  # the end\n'],
    ['`---` and an empty comment', '--- #\n'],
    ['`...` with trailing blanks, then blank and comment lines', '... \t\n\n# bye\n'],
  ])('trailing %s after the list: cut, on either path', (_title, trailer) => {
    const text = `${HEAD}items:\n- ${CM('a', '  ')}`;
    for (const forceParse of [false, true]) expect(slices(`${text}${trailer}`, forceParse)).toEqual(slices(text, forceParse));
  });

  test('a trailing line that is content is no marker: it stays', () => {
    const text = `${HEAD}items:\n- ${CM('a', '  ')}`;
    expect(readResourceList(`${text}--- x\n`).results[0]!.severity).toBe('error');
  });
});
