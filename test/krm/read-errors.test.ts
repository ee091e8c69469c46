/** What readResourceList says when stdin is no ResourceList, and how it reads a header that aliases an item. */
import { readResourceList } from '../../src/krm/read-resource-list';

const error = (message: string) => ({ value: undefined, results: [{ severity: 'error', message }] });

describe('stdin that is no ResourceList: one error result, in words a user can act on', () => {
  test.each([
    ['nothing', '', 'input is empty: expected a ResourceList on stdin'],
    ['only blank lines', ' \n\t\n', 'input is empty: expected a ResourceList on stdin'],
    ['only a comment', '# only a comment\n', 'input holds no YAML document: expected a ResourceList on stdin'],
    ['two documents', 'kind: ResourceList\n---\nkind: ResourceList\n', 'input holds 2 YAML documents: expected exactly one ResourceList'],
    ['malformed YAML', 'apiVersion: v1\nkind: ResourceList\nfunctionConfig: {a: 1\nitems: []\n', 'input is not valid YAML: Flow map in block collection must be sufficiently indented and end with a } at line 4, column 1'],
    ['a scalar', 'hello\n', 'input is not a ResourceList: expected a YAML mapping with kind: ResourceList'],
    ['a sequence', '- kind: ResourceList\n', 'input is not a ResourceList: expected a YAML mapping with kind: ResourceList'],
    ['no kind', 'apiVersion: config.kubernetes.io/v1\nitems: []\n', 'input is not a ResourceList: kind is null, expected ResourceList'],
    ['another kind', 'apiVersion: v1\nkind: List\nitems: []\n', 'input is not a ResourceList: kind is "List", expected ResourceList'],
    ['items a scalar', 'kind: ResourceList\nitems: 3\n', 'ResourceList items must be a list'],
    ['items a mapping', 'kind: ResourceList\nitems: {a: 1}\n', 'ResourceList items must be a list'],
    ['an alias in the header without its anchor', 'kind: ResourceList\nitems: []\nfunctionConfig: *nope\n', 'input cannot be read: Unresolved alias (the anchor must be set before the alias): nope'],
  ])('%s', (_title, text, message) => {
    expect(readResourceList(text)).toEqual(error(message));
  });

  test('an alias bomb in the header through an item\'s anchor', () => {
    const anchor = `[${Array(9).fill('x').join(', ')}]`;
    const text = `kind: ResourceList\nitems:\n- &a ${anchor}\nfunctionConfig: [${Array(200).fill('*a').join(', ')}]\n`;
    expect(readResourceList(text)).toEqual(error('input cannot be read: Excessive alias count indicates a resource exhaustion attack'));
  });
});

describe('a header that aliases an anchor in an item is read through the whole document', () => {
  test.each([
    ['flow', 'kind: ResourceList\nitems:\n- &x {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\nfunctionConfig: *x\nresults: [{message: m, severity: info}]\n'],
    ['block', 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: &m\n    name: a\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: *m\nresults: [{message: m, severity: info}]\n'],
  ])('%s', (_title, text) => {
    const read = readResourceList(text);
    expect(read.results).toEqual([]);
    expect(read.value).toMatchObject({
      apiVersion: 'config.kubernetes.io/v1',
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      earlierResults: [{ message: 'm', severity: 'info' }],
    });
    expect(read.value!.items).toHaveLength(1);
  });
});

describe('the header', () => {
  test.each(['config.kubernetes.io/v1', 'config.kubernetes.io/v1beta1', 'config.kubernetes.io/v1alpha1'])('%s is taken as it is, without a word', (apiVersion) => {
    const read = readResourceList(`apiVersion: ${apiVersion}\nkind: ResourceList\nitems: []\n`);
    expect(read.results).toEqual([]);
    expect(read.value?.apiVersion).toBe(apiVersion);
  });

  test('another apiVersion is kept, with a warning naming the known ones', () => {
    const read = readResourceList('apiVersion: config.kubernetes.io/v2\nkind: ResourceList\nitems: []\n');
    expect(read.value?.apiVersion).toBe('config.kubernetes.io/v2');
    expect(read.results).toEqual([
      { severity: 'warning', message: 'unexpected ResourceList apiVersion "config.kubernetes.io/v2"; expected one of config.kubernetes.io/v1, config.kubernetes.io/v1beta1, config.kubernetes.io/v1alpha1' },
    ]);
  });

  test('no apiVersion is config.kubernetes.io/v1; `items:` with nothing is no items; results that are no list are dropped', () => {
    const read = readResourceList('kind: ResourceList\nitems:\nresults: none\n');
    expect(read.results).toEqual([]);
    expect(read.value).toMatchObject({ apiVersion: 'config.kubernetes.io/v1', functionConfig: undefined, earlierResults: [], items: [] });
  });
});
