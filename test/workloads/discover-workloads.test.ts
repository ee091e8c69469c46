import type { KubeObject } from '../../src/k8s/kube-object';
import { discoverWorkloads, mayMatch } from '../../src/workloads/discover-workloads';
import { parseSelectorString, selectorMatches } from '../../src/k8s/label-selector';

const selector = { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } };
const podLabels = { 'app.kubernetes.io/name': 'stageset-controller', 'pod-template-hash': 'abc' };

function workload(kind: string, apiVersion: string, spec: Record<string, unknown>, metadata: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: `w-${kind.toLowerCase()}`, namespace: 'ns', ...metadata }, spec };
}
const template = { metadata: { labels: podLabels }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 9443 }] }] } };

describe('discoverWorkloads', () => {
  test.each([
    ['Deployment', 'apps/v1', { selector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }, template }, { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }],
    ['StatefulSet', 'apps/v1', { selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['stageset-controller'] }] }, template }, { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['stageset-controller'] }] }],
    ['DaemonSet', 'apps/v1', { selector: { matchLabels: { a: 'b' } }, template }, { matchLabels: { a: 'b' } }],
    ['ReplicationController', 'v1', { selector: { x: 'y' }, template }, { matchLabels: { x: 'y' } }],
    ['Job', 'batch/v1', { selector: { matchLabels: { 'controller-uid': 'generated' } }, template }, { matchLabels: podLabels }],
    ['CronJob', 'batch/v1', { jobTemplate: { spec: { template } } }, { matchLabels: podLabels }],
  ])('%s: the policy selects the workload\'s own pods', (kind, apiVersion, spec, expected) => {
    const { workloads, problems } = discoverWorkloads([workload(kind, apiVersion, spec)], selector, undefined);
    expect(problems).toEqual([]);
    expect(workloads.map((w) => w.podSelector)).toEqual([expected]);
  });

  test('a bare Pod is selected by its own labels', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', labels: podLabels }, spec: {} };
    expect(discoverWorkloads([pod], selector, undefined).workloads[0]?.podSelector).toEqual({ matchLabels: podLabels });
  });

  test('container ports are collected for the port check', () => {
    expect(discoverWorkloads([workload('Deployment', 'apps/v1', { selector, template })], selector, undefined).workloads[0]?.containerPorts).toEqual([8080, 9443]);
  });

  test.each([
    ['another group with a workload kind name', workload('Deployment', 'example.com/v1', { selector, template })],
    ['a local-config item', workload('Deployment', 'apps/v1', { selector, template }, { annotations: { 'config.kubernetes.io/local-config': 'true' } })],
    ['pods that do not match', workload('Deployment', 'apps/v1', { selector, template: { metadata: { labels: { app: 'other' } } } })],
    ['a workload in another namespace than target.namespace', workload('Deployment', 'apps/v1', { selector, template }, { namespace: 'elsewhere' })],
  ])('skips %s', (_name, object) => {
    expect(discoverWorkloads([object], selector, 'ns').workloads).toEqual([]);
  });

  test.each([
    ['a selector label', { selector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller', replicas: 1 } }, template }, 'spec.selector.matchLabels["replicas"] (1)'],
    ['a selector expression value', { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', true] }] }, template }, 'spec.selector.matchExpressions[0].values[1] (true)'],
    ['a pod template label', { selector, template: { ...template, metadata: { labels: { ...podLabels, version: 1.0 } } } }, 'spec.template.metadata.labels["version"] (1)'],
  ])('a non-string label value is an error, never dropped (which would widen the policy): %s', (_title, spec, named) => {
    const { workloads, problems } = discoverWorkloads([workload('Deployment', 'apps/v1', spec)], selector, undefined);
    expect(workloads).toEqual([]);
    expect(problems).toEqual([{ ref: expect.objectContaining({ name: 'w-deployment' }), message: expect.stringContaining(named) }]);
  });

  test('a matched workload without a namespace takes target.namespace, or is a problem', () => {
    const object = workload('Deployment', 'apps/v1', { selector, template }, { namespace: undefined });
    expect(discoverWorkloads([object], selector, 'fallback').workloads[0]?.namespace).toBe('fallback');
    expect(discoverWorkloads([object], selector, undefined).problems[0]?.message).toContain('has no metadata.namespace');
  });
});

describe('label selectors', () => {
  test.each([
    ['app=a', { app: 'a' }, true],
    ['app=a', { app: 'b' }, false],
    ['app!=a', {}, true],
    ['tier in (x,y)', { tier: 'y' }, true],
    ['tier notin (x,y)', { tier: 'y' }, false],
    ['tier', {}, false],
    ['!tier', {}, true],
    ['', { any: 'thing' }, true],
  ])('%s on %j → %s', (text, labels, expected) => {
    const parsed = text === '' ? {} : parseSelectorString(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(selectorMatches(parsed, labels)).toBe(expected);
  });

  test('the text pre-check never says no to an item that matches', () => {
    const text = "- kind: Deployment\n  spec:\n    template:\n      metadata:\n        labels: {'app.kubernetes.io/name': 'stageset-controller'}\n";
    expect(mayMatch(text, selector)).toBe(true);
    expect(mayMatch(text.replace('stageset-controller', 'other'), selector)).toBe(false);
    expect(mayMatch('- labels: {"app.kubernetes.io/name": "stageset\\u002dcontroller"}', selector)).toBe(true);
    expect(mayMatch('anything', { matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['y'] }] })).toBe(true);
  });
});

describe('what matches but gets no allowlist is said, with the reason', () => {
  const deployment = workload('Deployment', 'apps/v1', { selector, template });

  test.each<[string, KubeObject[], RegExp]>([
    ['a local-config item', [workload('Deployment', 'apps/v1', { selector, template }, { annotations: { 'config.kubernetes.io/local-config': 'true' } })], /Deployment ns\/w-deployment .*local-config/],
    ['a kind this function does not know', [workload('Deployment', 'example.com/v1', { selector, template })], /Deployment ns\/w-deployment .*not a workload kind this function knows/],
    ['a CronJob-shaped custom kind', [workload('Backup', 'example.com/v1', { jobTemplate: { spec: { template } } })], /Backup .*not a workload kind .*target\.pods/],
    ['the same workload twice', [deployment, deployment], /appears more than once/],
  ])('%s', (_title, objects, message) => {
    const { skipped } = discoverWorkloads(objects, selector, undefined);
    expect(skipped).toEqual([{ ref: expect.objectContaining({ name: objects[0]!.metadata.name }), message: expect.stringMatching(message) }]);
  });

  test('a local-config item whose pods do not match is not worth a word', () => {
    const other = workload('Deployment', 'apps/v1', { selector, template: { metadata: { labels: { app: 'x' } } } }, { annotations: { 'config.kubernetes.io/local-config': 'true' } });
    expect(discoverWorkloads([other], selector, undefined).skipped).toEqual([]);
  });

  test('an Argo Rollout is a workload: spec.selector and spec.template, like a Deployment', () => {
    const rollout = workload('Rollout', 'argoproj.io/v1alpha1', { selector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }, template, strategy: { canary: {} } });
    const { workloads, skipped } = discoverWorkloads([rollout], selector, undefined);
    expect(skipped).toEqual([]);
    expect(workloads.map((w) => [w.ref.kind, w.podSelector])).toEqual([['Rollout', { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }]]);
  });
});
