import { parse } from 'yaml';
import { parseItemOf } from '../../src/krm/resource-list';
import type { KubeObject } from '../../src/k8s/kube-object';
import { readResourceList } from '../../src/krm/read-resource-list';
import { upsertItems, type Ownership } from '../../src/krm/upsert-items';
import { source } from '../support/source';

const owns = (o: KubeObject): Ownership => (o.metadata.labels?.owner === 'me' ? 'mine' : o.metadata.labels?.owner ? 'sibling' : 'foreign');
const policy = (name: string, spec: unknown, namespace = 'ns'): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace, labels: { owner: 'me' } }, spec });

function entriesOf(text: string) {
  const read = readResourceList(text);
  if (!read.value) throw new Error('unreadable');
  const list = read.value;
  list.items.forEach((item) => parseItemOf(list, item));
  return { list, entries: list.items };
}

const list = source`
  apiVersion: config.kubernetes.io/v1
  kind: ResourceList
  items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: web # keep me
      namespace: ns
  - # generated earlier; the user added this comment
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: mine
      namespace: ns
      labels:
        owner: me
        team: platform
      annotations:
        config.kubernetes.io/path: 'policies.yaml'
        internal.config.kubernetes.io/path: 'policies.yaml'
    spec:
      podSelector: {} # all pods
      policyTypes: ["Ingress"]
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: theirs
      namespace: ns
    spec:
      podSelector: {}
`;

describe('upsertItems', () => {
  test('an owned object already right is kept byte-for-byte', () => {
    const { list: input, entries } = entriesOf(list);
    const out = upsertItems(input, [policy('mine', { podSelector: {}, policyTypes: ['Ingress'] })], owns);
    expect(out.items).toEqual(entries.map((e) => e.text));
    expect(out.updated).toEqual([]);
  });

  test('an owned object is updated in place: position, annotations, foreign labels and comments survive', () => {
    const { list: input, entries } = entriesOf(list);
    const out = upsertItems(input, [policy('mine', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })], owns);
    expect(out.updated).toHaveLength(1);
    expect(out.items[0]).toBe(entries[0]!.text);
    expect(out.items[2]).toBe(entries[2]!.text);
    expect(out.items[1]).toBe(source`
      - # generated earlier; the user added this comment
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: mine
          namespace: ns
          labels:
            owner: me
            team: platform
          annotations:
            config.kubernetes.io/path: 'policies.yaml'
            internal.config.kubernetes.io/path: 'policies.yaml'
        spec:
          podSelector: {} # all pods
          policyTypes: ["Ingress", Egress]
    `);
  });

  test('an owned object no longer wanted is removed; foreign objects are never touched', () => {
    const { list: input, entries } = entriesOf(list);
    const out = upsertItems(input, [], owns);
    expect(out.items).toEqual([entries[0]!.text, entries[2]!.text]);
    expect(out.removed.map((o) => o.metadata.name)).toEqual(['mine']);
  });

  test('a wanted object whose identity a foreign object holds is a clash, not an overwrite', () => {
    const { list: input, entries } = entriesOf(list);
    const out = upsertItems(input, [policy('theirs', { podSelector: {} })], owns);
    expect(out.clashes.map((c) => [c.wanted.metadata.name, c.existing.metadata.name])).toEqual([['theirs', 'theirs']]);
    expect(out.items).toContain(entries[2]!.text);
    expect(out.added).toEqual([]);
  });

  test('new objects are appended at the list\'s indentation; an owned duplicate is dropped', () => {
    const { list: input, entries } = entriesOf(list.replace(/^ {2}- apiVersion: networking.k8s.io\/v1\n {4}kind: NetworkPolicy\n {4}metadata:\n {6}name: theirs[\s\S]*$/m, ''));
    const doubled = [...entries, { ...entries[1]!, index: 9 }];
    const out = upsertItems({ ...input, items: doubled }, [policy('mine', { podSelector: {}, policyTypes: ['Ingress'] }), policy('new', { podSelector: {} }, 'other')], owns);
    expect(out.duplicates).toHaveLength(1);
    expect(out.items.at(-1)).toBe('- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata:\n    name: new\n    namespace: other\n    labels:\n      owner: me\n  spec:\n    podSelector: {}\n');
  });

  test("labels belong to the user and to later steps: an update never puts the generator's label back", () => {
    const { list: input } = entriesOf(list.replace('      team: platform', '      team: platform\n      app.kubernetes.io/managed-by: kpt'));
    const desired = { ...policy('mine', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }) };
    desired.metadata = { ...desired.metadata, labels: { owner: 'me', 'app.kubernetes.io/managed-by': 'generator' }, annotations: { 'example.com/owner': 'me' } };
    const out = upsertItems(input, [desired], owns);
    expect(out.items[1]).toContain('app.kubernetes.io/managed-by: kpt');
    expect(out.items[1]).not.toContain('generator');
    expect(out.items[1]).toContain("example.com/owner: me");
    expect(out.items[1]).toContain("config.kubernetes.io/path: 'policies.yaml'");
  });

  test('a sibling object is left alone unless wanted; a wanted one is taken over, with the marker it brings', () => {
    const withSibling = list.replace('      owner: me\n      team: platform', '      owner: someone-else\n      team: platform');
    const { list: input, entries } = entriesOf(withSibling);
    const untouched = upsertItems(input, [], owns);
    expect(untouched.items).toEqual(entries.map((e) => e.text));
    expect(untouched.siblings.map((o) => o.metadata.name)).toEqual(['mine']);
    expect(untouched.removed).toEqual([]);
    const desired = policy('mine', { podSelector: {}, policyTypes: ['Ingress'] });
    desired.metadata.annotations = { 'example.com/owner': 'me' };
    const takenOver = upsertItems(input, [desired], owns);
    expect(takenOver.adopted.map((a) => [a.object.metadata.name, a.previous.metadata.labels?.owner])).toEqual([['mine', 'someone-else']]);
    expect(takenOver.items[1]).toContain('example.com/owner: me');
    expect(takenOver.siblings).toEqual([]);
  });
});

describe('upsertItems: an update makes the owned object what the generator wants', () => {
  const owned = (extra: string, namespace = '  namespace: ns\n') => source`
    apiVersion: config.kubernetes.io/v1
    kind: ResourceList
    items:
    - apiVersion: projectcalico.org/v3
      kind: NetworkPolicy
      metadata:
        name: mine
  `.replace(/name: mine\n$/, `name: mine\n  ${namespace}    labels:\n      owner: me\n${extra}`);

  test('a top-level key the generator no longer renders is removed; status is the server\'s, and stays', () => {
    const { list: input } = entriesOf(owned('  spec:\n    order: 10\n  stale: {x: 1}\n  status: {observed: 1}\n'));
    const desired: KubeObject = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'mine', namespace: 'ns', labels: { owner: 'me' } }, spec: { order: 20 } };
    const out = upsertItems(input, [desired], owns);
    expect(out.updated).toEqual([desired]);
    expect(parse(out.items[0]!.replace(/^- /, '  ').replace(/^ {2}/gm, ''))).toEqual({ ...desired, status: { observed: 1 } });
  });

  test('an empty namespace the item was given (kustomize writes `namespace: ""`) is removed with the update', () => {
    const { list: input } = entriesOf(owned('  spec:\n    order: 1\n', '  namespace: ""\n'));
    const desired: KubeObject = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'mine', labels: { owner: 'me' } }, spec: { order: 10 } };
    const out = upsertItems(input, [desired], owns);
    expect(out.updated).toHaveLength(1);
    expect(parse(out.items[0]!.replace(/^- /, '  ').replace(/^ {2}/gm, ''))).toEqual(desired);
  });

  test('a namespace the generator sets replaces the one the item had', () => {
    const { list: input } = entriesOf(owned('  spec: {}\n'));
    const desired: KubeObject = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'mine', namespace: 'other', labels: { owner: 'me' } }, spec: {} };
    const out = upsertItems(input, [desired], owns);
    // another namespace is another identity: the old one goes, the new one is added
    expect(out.removed.map((o) => o.metadata.namespace)).toEqual(['ns']);
    expect(out.added).toEqual([desired]);
  });

  test('the generator\'s apiVersion wins, and the item keeps its metadata key order and its other metadata', () => {
    const { list: input } = entriesOf(owned('  spec: {}\n').replace('    labels:\n', '    uid: abc\n    labels:\n'));
    const desired: KubeObject = { apiVersion: 'projectcalico.org/v4', kind: 'NetworkPolicy', metadata: { labels: { owner: 'me', added: 'x' }, name: 'mine', namespace: 'ns' }, spec: {} };
    const out = upsertItems(input, [desired], owns);
    const written = parse(out.items[0]!.replace(/^- /, '  ').replace(/^ {2}/gm, '')) as KubeObject;
    expect(out.updated).toEqual([desired]);
    expect(written.apiVersion).toBe('projectcalico.org/v4');
    expect(Object.keys(written.metadata)).toEqual(['name', 'namespace', 'uid', 'labels']);
    expect(written.metadata).toEqual({ name: 'mine', namespace: 'ns', uid: 'abc', labels: { added: 'x', owner: 'me' } });
  });

  test('without labels or annotations of its own, the generator leaves the item\'s as they are', () => {
    const { list: input } = entriesOf(owned('  spec: {}\n').replace('    labels:\n      owner: me\n', '    labels:\n      owner: me\n    annotations:\n      note: kept\n'));
    const desired = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'mine', namespace: 'ns' }, spec: { order: 1 } } as KubeObject;
    const out = upsertItems(input, [desired], (o) => (o.metadata.name === 'mine' ? 'mine' : 'foreign'));
    const written = parse(out.items[0]!.replace(/^- /, '  ').replace(/^ {2}/gm, '')) as KubeObject;
    expect(written.metadata).toEqual({ name: 'mine', namespace: 'ns', labels: { owner: 'me' }, annotations: { note: 'kept' } });
    expect(written.spec).toEqual({ order: 1 });
  });

  test('an item that does not parse is copied as it came, and never counted as owned', () => {
    const text = source`
      apiVersion: config.kubernetes.io/v1
      kind: ResourceList
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: raw
    `;
    const read = readResourceList(text).value!; // not parsed: no item of a kind it owns
    const desired = policy('new', { podSelector: {} });
    const out = upsertItems(read, [desired], () => 'mine');
    expect(out.items[0]).toBe(read.items[0]!.text);
    expect(out.removed).toEqual([]);
    expect(out.added).toEqual([desired]);
  });

  test('two foreign items with the wanted identity are one clash; the wanted object is not added', () => {
    const { list: input } = entriesOf(list);
    const doubled = [...input.items, { ...input.items[2]!, index: 3 }];
    const out = upsertItems({ ...input, items: doubled }, [policy('theirs', { podSelector: {} })], owns);
    expect(out.clashes).toHaveLength(1);
    expect(out.added).toEqual([]);
    expect(out.items).toEqual([doubled[0]!.text, doubled[2]!.text, doubled[3]!.text]); // and `mine`, no longer wanted, is removed
  });
});
