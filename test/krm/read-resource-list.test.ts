import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readResourceList } from '../../src/krm/read-resource-list';
import { splitFast } from '../../src/krm/split-fast';
import { writeResourceList } from '../../src/krm/write-resource-list';
import { FIXTURES } from '../support/paths';
import { source } from '../support/source';

const observedDir = join(FIXTURES, 'observed');
const observed = readdirSync(observedDir).filter((f) => f.endsWith('.yaml')).map((f) => [f, readFileSync(join(observedDir, f), 'utf8')] as const);

function roundTrip(text: string, forceParse = false) {
  const read = readResourceList(text, { forceParse });
  if (!read.value) throw new Error(read.results[0]!.message);
  return { read: read.value, out: writeResourceList(read.value, undefined, []) };
}

describe('readResourceList', () => {
  test.each(observed)('%s: the line scanner handles what the orchestrator really sent', (_name, text) => {
    expect(splitFast(text)).toBeDefined();
  });

  test.each(observed)('%s: unchanged items come out byte-for-byte, on both paths', (_name, text) => {
    expect(roundTrip(text).out).toBe(text);
    expect(roundTrip(text, true).out).toBe(text);
  });

  test.each(observed)('%s: both paths cut the same slices', (_name, text) => {
    const fast = roundTrip(text).read.source;
    const parsed = roundTrip(text, true).read.source;
    expect(parsed.items).toEqual(fast.items);
    expect(parsed.regions).toEqual(fast.regions);
    expect(parsed.seqIndent).toBe(fast.seqIndent);
  });

  test('indented sequences, comments between items and a functionConfig before items', () => {
    const text = source`
      # leading comment
      apiVersion: config.kubernetes.io/v1beta1
      kind: ResourceList
      functionConfig:
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: function-input}
      items:
        # before the first
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: a
          data:
            script: |
              - not an item
              items:
        # between
        -   apiVersion: v1
            kind: Secret
            metadata:
              name: "b"
    `;
    const { read, out } = roundTrip(text);
    expect(read.source.mode).toBe('fast');
    expect(read.source.seqIndent).toBe(2);
    expect(read.source.items).toHaveLength(2);
    expect(read.apiVersion).toBe('config.kubernetes.io/v1beta1');
    expect(out).toBe(text);
    expect(roundTrip(text, true).read.source.items).toEqual(read.source.items);
  });

  test('items: [] and a missing items key both mean no items', () => {
    expect(roundTrip('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n').read.source.items).toEqual([]);
    const missing = roundTrip('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n');
    expect(missing.out).toBe('apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n');
  });

  test('CRLF line ends are kept and a byte-order mark is dropped', () => {
    const text = '\uFEFFapiVersion: config.kubernetes.io/v1\r\nkind: ResourceList\r\nitems:\r\n- apiVersion: v1\r\n  kind: ConfigMap\r\n  metadata:\r\n    name: a\r\n';
    const { read, out } = roundTrip(text);
    expect(read.source.items).toEqual(['- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n']);
    expect(out).toBe(text.slice(1));
  });

  test.each([
    ['a leading --- is kept', '---\n', '', '---\n'],
    ['a directive is kept', '%YAML 1.2\n---\n', '', '%YAML 1.2\n---\n'],
    ['a trailing ... is dropped', '', '...\n', ''],
    ['an empty trailing document is dropped', '', '---\n# nothing\n', ''],
  ])('document markers: %s, so the output stays one document', (_name, before, after, kept) => {
    const body = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    s: |\n      ...\n      ---\n';
    expect(roundTrip(before + body + after).out).toBe(kept + body);
    expect(roundTrip(before + body + after, true).out).toBe(kept + body);
  });

  test('a flow-style or JSON list becomes a block list of the items’ own flow text (more in flow-lists.test.ts)', () => {
    const json = JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { on: 'yes' } }] });
    const { read, out } = roundTrip(json);
    expect(read.source.mode).toBe('flow');
    expect(out).toBe('"apiVersion": "config.kubernetes.io/v1"\n"kind": "ResourceList"\nitems:\n- {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"on":"yes"}}\n');
  });

  test('an alias to an earlier item’s anchor is kept as written: the items keep their order, so it still resolves', () => {
    const text = source`
      apiVersion: config.kubernetes.io/v1
      kind: ResourceList
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: &meta
          name: a
      - apiVersion: v1
        kind: Secret
        metadata: *meta
    `;
    const { read, out } = roundTrip(text);
    expect(read.source.mode).toBe('fast');
    expect(out).toBe(text);
    expect(roundTrip(text, true).out).toBe(text);
  });

  test.each([
    ['empty input', '', 'input is empty'],
    ['only whitespace', '  \n\n', 'input is empty'],
    ['binary junk', '\u0000\u0001\u0002PNG', 'not YAML text: a NUL character'],
    ['malformed YAML', 'apiVersion: v1\nkind: ResourceList\nfunctionConfig: {a: 1\nitems: []\n', 'not valid YAML'],
    ['a scalar', 'hello\n', 'not a ResourceList'],
    ['another kind', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'kind is "ConfigMap"'],
    ['two documents', 'kind: ResourceList\nitems: []\n---\nkind: ResourceList\nitems: []\n', '2 YAML documents'],
    ['items not a list', 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n', 'items must be a list'],
    ['an alias bomb', `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nitems: []\n`, 'alias'],
  ])('%s is an error result, not an exception', (_name, text, message) => {
    const read = readResourceList(text);
    expect(read.value).toBeUndefined();
    {
      expect(read.results).toHaveLength(1);
      expect(read.results[0]!.severity).toBe('error');
      expect(read.results[0]!.message).toContain(message);
    }
  });

  test('an unknown ResourceList apiVersion is echoed with a warning', () => {
    const read = readResourceList('apiVersion: example.com/v9\nkind: ResourceList\nitems: []\n');
    expect(read.value?.apiVersion).toBe('example.com/v9');
    expect(read.results[0]?.severity).toBe('warning');
  });
});
