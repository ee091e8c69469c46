/**
 * The small parts of reading and writing a ResourceList: the cheap header of an item, the results as
 * kpt prints them, and the writer's handling of the `items` and `results` regions.
 */
import { parse } from 'yaml';
import { readItemHeader } from '../../src/krm/item-header';
import { readResourceList } from '../../src/krm/read-resource-list';
import { errorResult, exitCodeOf, formatResult, hasErrors, infoResult, warningResult } from '../../src/krm/result';
import { indentEntry, toEntry, writeResourceList } from '../../src/krm/write-resource-list';
import { source } from '../support/source';

describe('readItemHeader', () => {
  const header = (entry: string, seqIndent = 0) => readItemHeader(entry, seqIndent);

  test('apiVersion, kind, name and namespace of a plain entry: certain', () => {
    expect(header('- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n    namespace: ns\n  spec: {}\n')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'ns', uncertain: false });
  });

  test('at any sequence indentation, with the first key on the dash line', () => {
    expect(header('  - kind: ConfigMap\n    apiVersion: v1\n    metadata:\n      name: c\n', 2)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uncertain: false });
  });

  test('quoted values, comments after values, blank and comment lines', () => {
    const entry = '- apiVersion: "v1" # core\n\n  # a comment\n  kind: \'ConfigMap\'\n  metadata: # the metadata\n    name: c   # trailing\n';
    expect(header(entry)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uncertain: false });
  });

  test('only metadata\'s own name and namespace count, not a deeper one or one after metadata', () => {
    const entry = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    labels:\n      name: label\n      namespace: label\n    name: c\n  data:\n    name: data\n    namespace: data\n';
    expect(header(entry)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uncertain: false });
  });

  test.each([
    ['no name', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    namespace: ns\n'],
    ['no kind', '- apiVersion: v1\n  metadata:\n    name: c\n'],
    ['no apiVersion', '- kind: ConfigMap\n  metadata:\n    name: c\n'],
    ['flow-style metadata', '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n'],
    ['an anchored value', '- apiVersion: v1\n  kind: &k ConfigMap\n  metadata:\n    name: c\n'],
    ['an alias as value', '- apiVersion: v1\n  kind: *k\n  metadata:\n    name: c\n'],
    ['a tagged value', '- apiVersion: v1\n  kind: !!str ConfigMap\n  metadata:\n    name: c\n'],
    ['a block scalar', '- apiVersion: v1\n  kind: |\n    ConfigMap\n  metadata:\n    name: c\n'],
    ['an escape in a double-quoted value', '- apiVersion: v1\n  kind: "Config\\u004dap"\n  metadata:\n    name: c\n'],
    ['a quoted key', '- apiVersion: v1\n  "kind": ConfigMap\n  metadata:\n    name: c\n'],
    ['a single-quoted key', "- apiVersion: v1\n  'kind': ConfigMap\n  metadata:\n    name: c\n"],
    ['a complex key', '- apiVersion: v1\n  ? kind\n  : ConfigMap\n  metadata:\n    name: c\n'],
    ['a flow mapping at the base', '- apiVersion: v1\n  {kind: ConfigMap}\n  metadata:\n    name: c\n'],
    ['a line left of the base', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n x: y\n'],
    ['an alias to another item', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n    labels: *shared\n'],
  ])('%s: uncertain', (_title, entry) => {
    expect(header(entry).uncertain).toBe(true);
  });

  test('an alias to an anchor of the item itself leaves it certain', () => {
    expect(header('- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n    labels: &l {a: b}\n  data: *l\n').uncertain).toBe(false);
  });

  test.each([
    ['an entry without a final line break', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c', 0],
    ['a dash alone on its line', '-\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n', 0],
    ['a dash alone on its line, indented', '  -\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n', 2],
  ])('%s: read and certain', (_title, entry, seqIndent) => {
    expect(header(entry, seqIndent)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uncertain: false });
  });

  test.each([
    ['an anchor on metadata', '- apiVersion: v1\n  kind: ConfigMap\n  metadata: &m\n    name: c\n'],
    ['a tag on metadata', '- apiVersion: v1\n  kind: ConfigMap\n  metadata: !!map\n    name: c\n'],
    ['a tagged namespace', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n    namespace: !!str ns\n'],
    ['an aliased namespace', '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: &n c\n    namespace: *n\n'],
  ])('%s: uncertain, though apiVersion, kind and name were read', (_title, entry) => {
    expect(header(entry).uncertain).toBe(true);
  });

  test('metadata followed by a comment only is still block metadata', () => {
    expect(header('- apiVersion: v1\n  kind: ConfigMap\n  metadata:   # here\n    name: c\n')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uncertain: false });
  });
});

describe('results', () => {
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'ns' };

  test('the three severities', () => {
    expect([errorResult('e'), warningResult('w'), infoResult('i', { field: { path: 'a.b' } })]).toEqual([
      { message: 'e', severity: 'error' },
      { message: 'w', severity: 'warning' },
      { message: 'i', severity: 'info', field: { path: 'a.b' } },
    ]);
  });

  test('only an error fails the run (exit code 1)', () => {
    expect([hasErrors([warningResult('w'), infoResult('i')]), exitCodeOf([warningResult('w'), infoResult('i')])]).toEqual([false, 0]);
    expect([hasErrors([warningResult('w'), errorResult('e')]), exitCodeOf([infoResult('i'), errorResult('e')])]).toEqual([true, 1]);
    expect(exitCodeOf([])).toBe(0);
  });

  test.each([
    [errorResult('boom'), '[error] boom'],
    [warningResult('careful', { resourceRef: ref }), '[warning] apps/v1/Deployment/ns/web: careful'],
    [infoResult('note', { resourceRef: { apiVersion: 'v1', kind: 'Namespace', name: 'ns' }, field: { path: 'spec.x' } }), '[info] v1/Namespace/ns spec.x: note'],
    [errorResult('bad value', { field: { path: 'networkPolicy.engine' } }), '[error] networkPolicy.engine: bad value'],
  ])('one line for stderr, as kpt prints it: %j', (result, line) => {
    expect(formatResult(result)).toBe(line);
  });
});

describe('writeResourceList', () => {
  const read = (text: string) => readResourceList(text).value!;

  test.each([
    ['items: []\n', 'items:\n'],
    ['items:[]\n', 'items:\n'],
    ['items:\t[ ]\n', 'items:\n'],
    ['items: [\n]\n', 'items:\n'],
    ['items: [] # none yet\n', 'items: # none yet\n'],
  ])('%p that gains an item opens into a block sequence', (items, opened) => {
    const list = read(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n${items}`);
    const out = writeResourceList(list, ['- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n'], []);
    expect(out).toBe(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n${opened}- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n`);
  });

  test('without a list (the input could not be read): an empty list carrying the results', () => {
    const out = writeResourceList(undefined, undefined, [errorResult('input is empty')]);
    expect(out).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: input is empty\n  severity: error\n');
  });

  test('results of earlier functions come first, then ours; fields that are not set are left out', () => {
    const list = read('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n- message: earlier\n  severity: info\n');
    const out = writeResourceList(list, undefined, [{ message: 'ours', severity: 'warning', field: undefined } as never]);
    expect(parse(out)).toEqual({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], results: [{ message: 'earlier', severity: 'info' }, { message: 'ours', severity: 'warning' }] });
  });

  test('the results region is rewritten where it was; without results it goes', () => {
    const list = read('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nresults: []\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\nfunctionConfig: {}\n');
    expect(writeResourceList(list, undefined, [warningResult('w')])).toBe(
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nresults:\n- message: w\n  severity: warning\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\nfunctionConfig: {}\n',
    );
    expect(writeResourceList(list, undefined, [])).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\nfunctionConfig: {}\n');
  });

  test('a list without items gets them right after its kind', () => {
    const list = read('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig: {}\n');
    expect(writeResourceList(list, ['- a: 1\n'], [])).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- a: 1\nfunctionConfig: {}\n');
    expect(writeResourceList(list, [], [])).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig: {}\n');
  });

  test('a list without kind or items gets its items at the end, then the results', () => {
    const list = { ...read('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n'), source: { regions: [{ key: 'apiVersion', text: 'apiVersion: config.kubernetes.io/v1\n' }], items: [], seqIndent: 0, mode: 'rebuilt' as const } };
    expect(writeResourceList(list, ['- a: 1\n'], [infoResult('i')])).toBe('apiVersion: config.kubernetes.io/v1\nitems:\n- a: 1\nresults:\n- message: i\n  severity: info\n');
  });

  test('`items: []` that gains items becomes a block sequence, its comment kept', () => {
    const list = read('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [] # none yet\n');
    expect(writeResourceList(list, ['- a: 1\n'], [])).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: # none yet\n- a: 1\n');
  });

  test('items that lose every entry become `items: []`', () => {
    const list = read(source`
      apiVersion: config.kubernetes.io/v1
      kind: ResourceList
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
    `);
    expect(writeResourceList(list, [], [])).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n');
  });

  test('CRLF input: kept items in their own bytes (duplicates too), written lines in CRLF', () => {
    const item = '- apiVersion: v1\r\n  kind: ConfigMap\r\n  metadata:\r\n    name: c\r\n';
    const list = read(`apiVersion: config.kubernetes.io/v1\r\nkind: ResourceList\r\nitems:\r\n${item}${item}`);
    const lf = item.replace(/\r\n/g, '\n');
    expect(writeResourceList(list, [lf, '- new: 1\n', lf], [])).toBe(`apiVersion: config.kubernetes.io/v1\r\nkind: ResourceList\r\nitems:\r\n${item}- new: 1\r\n${item}`);
  });
});

describe('entries', () => {
  test('a new object as an entry at the list\'s indentation', () => {
    expect(toEntry({ kind: 'ConfigMap', data: { a: '1', b: ['x'] } }, 2)).toBe('  - kind: ConfigMap\n    data:\n      a: "1"\n      b:\n      - x\n');
  });

  test('blank lines of a block stay empty', () => {
    expect(indentEntry('a: |\n  x\n\n  y\nb: 1\n', 0)).toBe('- a: |\n    x\n\n    y\n  b: 1\n');
  });
});
