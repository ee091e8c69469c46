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
    ['ReplicaSet', 'apps/v1', { selector: { matchLabels: { a: 'c' } }, template }, { matchLabels: { a: 'c' } }],
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

describe('discoverWorkloads: the finer points', () => {
  test('local-config "false" is no local-config: the workload gets its allowlist', () => {
    const object = workload('Deployment', 'apps/v1', { selector, template }, { annotations: { 'config.kubernetes.io/local-config': 'false' } });
    const { workloads, skipped } = discoverWorkloads([object], selector, undefined);
    expect(skipped).toEqual([]);
    expect(workloads.map((w) => w.ref.name)).toEqual(['w-deployment']);
  });

  test('any other local-config value (even empty) is local-config', () => {
    const object = workload('Deployment', 'apps/v1', { selector, template }, { annotations: { 'config.kubernetes.io/local-config': '' } });
    expect(discoverWorkloads([object], selector, undefined)).toMatchObject({ workloads: [], skipped: [{ message: expect.stringContaining('it is local-config') }] });
  });

  test('init containers\' ports count too, after the containers\'; named-only or malformed entries do not', () => {
    const spec = {
      selector,
      template: {
        metadata: { labels: podLabels },
        spec: {
          initContainers: [{ name: 'init', ports: [{ containerPort: 9000 }] }, { name: 'no-ports' }],
          containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { name: 'named', containerPort: 'http' }, 'junk'] }, 'junk', { name: 'd', ports: 'junk' }],
        },
      },
    };
    expect(discoverWorkloads([workload('Deployment', 'apps/v1', spec)], selector, undefined).workloads[0]?.containerPorts).toEqual([8080, 9000]);
  });

  test('a pod template without a spec, or without containers, declares no port', () => {
    const bare = workload('Deployment', 'apps/v1', { selector, template: { metadata: { labels: podLabels } } });
    const noContainers = workload('StatefulSet', 'apps/v1', { selector, template: { metadata: { labels: podLabels }, spec: { containers: 'junk' } } }, { namespace: 'other' });
    expect(discoverWorkloads([bare, noContainers], selector, undefined).workloads.map((w) => w.containerPorts)).toEqual([[], []]);
  });

  test('the whole workload record: ref, namespace, selector, pod labels, ports', () => {
    expect(discoverWorkloads([workload('Deployment', 'apps/v1', { selector, template })], selector, undefined)).toEqual({
      workloads: [
        {
          ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w-deployment', namespace: 'ns' },
          namespace: 'ns',
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } },
          podLabels,
          containerPorts: [8080, 9443],
        },
      ],
      problems: [],
      skipped: [],
      covered: [],
    });
  });

  test('a selector with empty matchLabels and matchExpressions keeps neither', () => {
    const spec = { selector: { matchLabels: {}, matchExpressions: [] }, template };
    const { workloads, problems } = discoverWorkloads([workload('Deployment', 'apps/v1', spec)], selector, undefined);
    expect(problems).toMatchObject([{ message: expect.stringContaining('has neither spec.selector nor pod labels') }]);
    expect(workloads).toEqual([]);
  });

  test('no selector and no pod labels: a problem, since the policy would select every pod of the namespace', () => {
    const absent = { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' as const }] };
    const object = workload('Deployment', 'apps/v1', { template: { metadata: {} } });
    expect(discoverWorkloads([object], absent, undefined).problems).toEqual([
      { ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w-deployment', namespace: 'ns' }, message: 'Deployment w-deployment has neither spec.selector nor pod labels: a policy for it would select every pod of ns' },
    ]);
  });

  test('a Deployment without spec.selector is selected by its pod labels', () => {
    expect(discoverWorkloads([workload('Deployment', 'apps/v1', { template })], selector, undefined).workloads[0]?.podSelector).toEqual({ matchLabels: podLabels });
  });

  test('a non-string selector value of a ReplicationController is named at spec.selector', () => {
    const spec = { selector: { 'app.kubernetes.io/name': 'stageset-controller', replicas: 2 }, template };
    expect(discoverWorkloads([workload('ReplicationController', 'v1', spec)], selector, undefined).problems).toEqual([
      { ref: expect.objectContaining({ kind: 'ReplicationController' }), message: 'ReplicationController ns/w-replicationcontroller: spec.selector["replicas"] (2) must be a string (label values are strings: quote it)' },
    ]);
  });

  test("a CronJob's non-string pod label is named at its own path", () => {
    const spec = { jobTemplate: { spec: { template: { ...template, metadata: { labels: { ...podLabels, on: true } } } } } };
    expect(discoverWorkloads([workload('CronJob', 'batch/v1', spec)], selector, undefined).problems.map((p) => p.message)).toEqual([
      'CronJob ns/w-cronjob: spec.jobTemplate.spec.template.metadata.labels["on"] (true) must be a string (label values are strings: quote it)',
    ]);
  });

  test('a non-string label value the selector does not need is still an error (dropping it would widen a selector built from labels)', () => {
    const spec = { selector, template: { ...template, metadata: { labels: { ...podLabels, build: 7 } } }, replicas: 1 };
    const { problems } = discoverWorkloads([workload('Deployment', 'apps/v1', spec)], selector, undefined);
    expect(problems.map((p) => p.message)).toEqual(['Deployment ns/w-deployment: spec.template.metadata.labels["build"] (7) must be a string (label values are strings: quote it)']);
  });

  test('a workload without a namespace is named without one in a skip message', () => {
    const object = workload('Deployment', 'apps/v1', { selector, template }, { namespace: undefined, annotations: { 'config.kubernetes.io/local-config': 'true' } });
    expect(discoverWorkloads([object], selector, undefined).skipped.map((s) => s.message)).toEqual([expect.stringMatching(/^Deployment w-deployment has pods matching target.selector, but it is local-config/)]);
  });

  test('the message for a kind this function does not know names the kinds it does know', () => {
    const object = workload('Backup', 'example.com/v1', { template });
    expect(discoverWorkloads([object], selector, undefined).skipped.map((s) => s.message)).toEqual([
      'Backup ns/w-backup has pods matching target.selector, but Backup (example.com/v1) is not a workload kind this function knows (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Pod, Rollout): its pods get no allowlist; set target.pods to protect them',
    ]);
  });

  test('an unknown kind without a pod template is not worth a word', () => {
    const object: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x', namespace: 'ns', labels: podLabels }, spec: { template: 'not a template' } };
    expect(discoverWorkloads([object], selector, undefined)).toEqual({ workloads: [], problems: [], skipped: [], covered: [] });
  });

  test('target.namespace keeps workloads of that namespace and those without one', () => {
    const here = workload('Deployment', 'apps/v1', { selector, template }, { name: 'here' });
    const there = workload('Deployment', 'apps/v1', { selector, template }, { name: 'there', namespace: 'other' });
    expect(discoverWorkloads([here, there], selector, 'ns').workloads.map((w) => w.ref.name)).toEqual(['here']);
    expect(discoverWorkloads([here, there], selector, undefined).workloads.map((w) => w.ref.name)).toEqual(['here', 'there']);
  });

  test('the same name in two namespaces is two workloads, not a duplicate', () => {
    const a = workload('Deployment', 'apps/v1', { selector, template }, { namespace: 'a' });
    const b = workload('Deployment', 'apps/v1', { selector, template }, { namespace: 'b' });
    const { workloads, skipped } = discoverWorkloads([a, b], selector, undefined);
    expect(skipped).toEqual([]);
    expect(workloads.map((w) => w.namespace)).toEqual(['a', 'b']);
  });

  test('a Helm hook without a namespace takes target.namespace, where the allowlist that selects its pods is', () => {
    const deployment = workload('Deployment', 'apps/v1', { selector, template }, { namespace: 'ns' });
    const hook = workload('Job', 'batch/v1', { template }, { name: 'hook', namespace: undefined, annotations: { 'helm.sh/hook': ' pre-delete ' } });
    const found = discoverWorkloads([deployment, hook], selector, 'ns');
    expect(found.covered).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'hook' }]);
    expect(found.skipped.map((s) => s.message)).toEqual([expect.stringMatching(/^Job hook is a Helm hook \(helm\.sh\/hook: pre-delete\) and gets no allowlist: .*; its pods carry labels the allowlist of Deployment ns\/w-deployment selects, so that allowlist applies to them too/)]);
    // without any namespace, no allowlist can select its pods
    const alone = discoverWorkloads([deployment, hook], selector, undefined);
    expect(alone.covered).toEqual([]);
    expect(alone.skipped.map((s) => s.message)).toEqual([expect.stringContaining('; no allowlist selects its pods. Rendered outside Helm')]);
  });
});

describe('mayMatch: the text pre-check', () => {
  const key = 'app.kubernetes.io/name';
  test.each<[string, string, { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }, boolean]>([
    ['In: a value and the key name present', 'name: api', { key, operator: 'In', values: ['web', 'api'] }, true],
    ['In: no value present', 'name: other', { key, operator: 'In', values: ['web', 'api'] }, false],
    ['In: a value present, but not the key (after its prefix)', 'app: web', { key, operator: 'In', values: ['web'] }, false],
    ['Exists: the key name present', 'name: anything', { key, operator: 'Exists' }, true],
    ['Exists: the key name absent', 'other: anything', { key, operator: 'Exists' }, false],
    ['an unprefixed key', 'tier: web', { key: 'tier', operator: 'Exists' }, true],
    ['DoesNotExist never rules out', '', { key, operator: 'DoesNotExist' }, true],
  ])('%s', (_title, text, expression, expected) => {
    expect(mayMatch(text, { matchExpressions: [expression] })).toBe(expected);
  });

  test('every matchLabels value must appear', () => {
    expect(mayMatch('a b', { matchLabels: { x: 'a', y: 'b' } })).toBe(true);
    expect(mayMatch('a', { matchLabels: { x: 'a', y: 'b' } })).toBe(false);
  });
});

describe('discoverWorkloads: selectors and label values', () => {
  test('every non-string label value is named, comma-separated', () => {
    const spec = { selector, template: { ...template, metadata: { labels: { ...podLabels, a: 1, b: false } } } };
    expect(discoverWorkloads([workload('Deployment', 'apps/v1', spec)], selector, undefined).problems.map((p) => p.message)).toEqual([
      'Deployment ns/w-deployment: spec.template.metadata.labels["a"] (1), spec.template.metadata.labels["b"] (false) must be a string (label values are strings: quote it)',
    ]);
  });

  test('a selector expression without values (Exists) is kept as it is, and is no problem', () => {
    const exists = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Exists' }] };
    const { workloads, problems } = discoverWorkloads([workload('Deployment', 'apps/v1', { selector: exists, template })], selector, undefined);
    expect(problems).toEqual([]);
    expect(workloads.map((w) => w.podSelector)).toEqual([exists]);
  });

  test("a CronJob's pods are selected by their template labels, even when it carries a spec.selector", () => {
    const spec = { selector: { matchLabels: { 'controller-uid': 'x' } }, jobTemplate: { spec: { template } } };
    expect(discoverWorkloads([workload('CronJob', 'batch/v1', spec)], selector, undefined).workloads.map((w) => w.podSelector)).toEqual([{ matchLabels: podLabels }]);
  });
});
