/** The cheap look at items before parsing: which ones can matter, and which workloads a list names. */
import { loadConfig, type Config } from '../../src/config/load-config';
import type { Item } from '../../src/krm/resource-list';
import { readResourceList } from '../../src/krm/read-resource-list';
import { parseItemOf } from '../../src/krm/resource-list';
import { helmHookOf } from '../../src/workloads/helm-hook';
import { itemsThatMatter } from '../../src/workloads/items-that-matter';
import { listWorkloadEntries } from '../../src/workloads/list-workload-entries';
import { isWorkloadKind } from '../../src/workloads/workload-kinds';

function configOf(values: Record<string, unknown>): Config {
  const loaded = loadConfig({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'np' }, networkPolicy: { enabled: true }, ...values });
  if (!loaded.value) throw new Error(JSON.stringify(loaded.results));
  return loaded.value;
}

function itemsOf(yamlItems: string): Item[] {
  const read = readResourceList(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${yamlItems}`);
  if (!read.value) throw new Error(JSON.stringify(read.results));
  return [...read.value.items];
}

const CONTROLLER = `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ssc
    namespace: ns
  spec:
    template:
      metadata:
        labels:
          app.kubernetes.io/name: stageset-controller
`;
const OTHER = CONTROLLER.replace('name: ssc', 'name: web').replace('stageset-controller', 'web');
const POLICY = '- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata:\n    name: p\n    namespace: ns\n';
const CONFIGMAP = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n    namespace: ns\n';
const CUSTOM = '- apiVersion: example.com/v1\n  kind: Backup\n  metadata:\n    name: b\n    namespace: ns\n  spec:\n    template:\n      metadata:\n        labels:\n          app.kubernetes.io/name: stageset-controller\n';
const FLOW = '- {apiVersion: v1, kind: ConfigMap, metadata: {name: f}}\n';

describe('itemsThatMatter', () => {
  const names = (config: Config, text: string) => itemsOf(text).filter(itemsThatMatter(config)).map((i) => i.header.name ?? `#${i.index}`);

  test('a workload whose text can match the selector, a policy kind, an unknown kind with a template, an uncertain header', () => {
    expect(names(configOf({}), CONTROLLER + OTHER + POLICY + CONFIGMAP + CUSTOM + FLOW)).toEqual(['ssc', 'p', 'b', '#5']);
  });

  test('networkPolicy.enabled false: only the policy kinds (to remove them) and what cannot be told', () => {
    expect(names(configOf({ networkPolicy: { enabled: false } }), CONTROLLER + POLICY + CUSTOM + FLOW)).toEqual(['p', '#3']);
  });

  test('another kind is not parsed unless its text holds a pod template, even when it names the controller', () => {
    const named = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: stageset-controller\n    namespace: ns\n';
    expect(names(configOf({}), named + CUSTOM)).toEqual(['b']);
  });

  test('target.pods: no workload needs a parse', () => {
    expect(names(configOf({ target: { pods: { name: 'x', namespace: 'ns', selector: { matchLabels: { a: 'b' } } } } }), CONTROLLER + POLICY)).toEqual(['p']);
  });
});

describe('listWorkloadEntries', () => {
  test('every workload item by its header, in list order; other kinds and nameless items are left out', () => {
    const items = itemsOf(CONTROLLER + CONFIGMAP + OTHER.replace('    namespace: ns\n', '') + '- apiVersion: v1\n  kind: Pod\n  metadata: {}\n');
    expect(listWorkloadEntries(items)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ssc', namespace: 'ns' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    ]);
  });

  test('a workload item without an apiVersion is left out', () => {
    expect(listWorkloadEntries(itemsOf('- kind: Deployment\n  metadata:\n    name: x\n'))).toEqual([]);
  });

  test('a parsed item is named by its parse, which sees through flow style', () => {
    const read = readResourceList(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s, namespace: ns}}\n`);
    const list = read.value!;
    expect(listWorkloadEntries(list.items)).toEqual([]); // the header cannot read flow style
    for (const item of list.items) parseItemOf(list, item);
    expect(listWorkloadEntries(list.items)).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 's', namespace: 'ns' }]);
  });
});

describe('helmHookOf', () => {
  const withAnnotations = (annotations?: Record<string, string>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', ...(annotations ? { annotations } : {}) } });
  test.each<[string, Record<string, string> | undefined, string | undefined]>([
    ['the events, trimmed', { 'helm.sh/hook': '  post-install,post-upgrade ' }, 'post-install,post-upgrade'],
    ['blank is no hook', { 'helm.sh/hook': '   ' }, undefined],
    ['another annotation is no hook', { 'helm.sh/hook-weight': '5' }, undefined],
    ['no annotations', undefined, undefined],
  ])('%s', (_title, annotations, expected) => {
    expect(helmHookOf(withAnnotations(annotations))).toBe(expected);
  });
});

describe('isWorkloadKind', () => {
  test('the known kinds only, and never an inherited property name', () => {
    expect(['Deployment', 'CronJob', 'Pod', 'Rollout'].map(isWorkloadKind)).toEqual([true, true, true, true]);
    expect(['ConfigMap', 'toString', 'constructor', undefined].map(isWorkloadKind)).toEqual([false, false, false, false]);
  });
});
