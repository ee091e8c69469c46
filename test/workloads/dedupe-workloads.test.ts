import type { KubeObject } from '../../src/k8s/kube-object';
import { dedupeWorkloads } from '../../src/workloads/dedupe-workloads';
import { discoverWorkloads } from '../../src/workloads/discover-workloads';
import type { LabelSelector } from '../../src/k8s/label-selector';
import type { Workload } from '../../src/workloads/workload';

const SELECTOR = { 'app.kubernetes.io/name': 'stageset-controller', 'app.kubernetes.io/instance': 'ssc' };
const POD_LABELS = { ...SELECTOR, 'app.kubernetes.io/version': 'v1' };

const w = (kind: string, name: string, podSelector: LabelSelector, podLabels: Record<string, string>, namespace = 'ns'): Workload => ({
  ref: { apiVersion: kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : kind === 'Pod' ? 'v1' : 'apps/v1', kind, name, namespace },
  namespace,
  podSelector,
  podLabels,
});

const summary = (result: ReturnType<typeof dedupeWorkloads>) => ({
  kept: result.kept.map((k) => `${k.ref.kind}/${k.ref.name}`),
  covered: result.covered.map((c) => `${c.workload.ref.kind}/${c.workload.ref.name} by ${c.by.ref.kind}/${c.by.ref.name}`),
});

describe('one allowlist per set of pods', () => {
  test.each<[string, Workload[], { kept: string[]; covered: string[] }]>([
    [
      'a Job whose pods carry the Deployment selector: the Deployment keeps the allowlist, whatever the list order',
      [w('Job', 'cleanup', { matchLabels: SELECTOR }, SELECTOR), w('Deployment', 'ssc', { matchLabels: SELECTOR }, POD_LABELS)],
      { kept: ['Deployment/ssc'], covered: ['Job/cleanup by Deployment/ssc'] },
    ],
    [
      "a ReplicaSet next to its Deployment (the hash label narrows the ReplicaSet's selector, not the Deployment's)",
      [w('Deployment', 'ssc', { matchLabels: SELECTOR }, POD_LABELS), w('ReplicaSet', 'ssc-7d9f', { matchLabels: { ...SELECTOR, 'pod-template-hash': '7d9f' } }, { ...POD_LABELS, 'pod-template-hash': '7d9f' })],
      { kept: ['Deployment/ssc'], covered: ['ReplicaSet/ssc-7d9f by Deployment/ssc'] },
    ],
    [
      'a bare Pod with the controller labels goes before a Job, after a Deployment',
      [w('Job', 'j', { matchLabels: POD_LABELS }, POD_LABELS), w('Pod', 'p', { matchLabels: POD_LABELS }, POD_LABELS)],
      { kept: ['Pod/p'], covered: ['Job/j by Pod/p'] },
    ],
    [
      'two Deployments of two instances: distinct pods, two allowlists',
      [w('Deployment', 'a', { matchLabels: { ...SELECTOR, 'app.kubernetes.io/instance': 'a' } }, { ...POD_LABELS, 'app.kubernetes.io/instance': 'a' }), w('Deployment', 'b', { matchLabels: { ...SELECTOR, 'app.kubernetes.io/instance': 'b' } }, { ...POD_LABELS, 'app.kubernetes.io/instance': 'b' })],
      { kept: ['Deployment/a', 'Deployment/b'], covered: [] },
    ],
    [
      'the same labels in two namespaces: two allowlists (an allowlist selects pods of its own namespace only)',
      [w('Deployment', 'ssc', { matchLabels: SELECTOR }, POD_LABELS, 'a'), w('Job', 'cleanup', { matchLabels: SELECTOR }, SELECTOR, 'b')],
      { kept: ['Deployment/ssc', 'Job/cleanup'], covered: [] },
    ],
    [
      'a matchExpressions selector covers a Job whose labels satisfy it',
      [w('StatefulSet', 's', { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['stageset-controller'] }] }, POD_LABELS), w('CronJob', 'c', { matchLabels: SELECTOR }, SELECTOR)],
      { kept: ['StatefulSet/s'], covered: ['CronJob/c by StatefulSet/s'] },
    ],
    [
      'a Job whose pods lack a label of the selector keeps its own allowlist',
      [w('Deployment', 'ssc', { matchLabels: SELECTOR }, POD_LABELS), w('Job', 'j', { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }, { 'app.kubernetes.io/name': 'stageset-controller' })],
      { kept: ['Deployment/ssc', 'Job/j'], covered: [] },
    ],
    [
      'two Deployments with the same selector: the first in the list keeps it',
      [w('Deployment', 'first', { matchLabels: SELECTOR }, POD_LABELS), w('Deployment', 'second', { matchLabels: SELECTOR }, POD_LABELS)],
      { kept: ['Deployment/first'], covered: ['Deployment/second by Deployment/first'] },
    ],
  ])('%s', (_title, workloads, expected) => {
    expect(summary(dedupeWorkloads(workloads))).toEqual(expected);
  });

  test('an explicit target.pods (no pod labels) is never covered', () => {
    const explicit: Workload = { ref: { apiVersion: 'v1', kind: 'Pod', name: 'x', namespace: 'ns' }, namespace: 'ns', podSelector: { matchLabels: SELECTOR } };
    expect(summary(dedupeWorkloads([w('Deployment', 'ssc', { matchLabels: SELECTOR }, POD_LABELS), explicit]))).toEqual({ kept: ['Deployment/ssc', 'Pod/x'], covered: [] });
  });
});

describe('Helm hooks get no allowlist of their own', () => {
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ssc', namespace: 'ns' },
    spec: { selector: { matchLabels: SELECTOR }, template: { metadata: { labels: POD_LABELS } } },
  };
  const hook = (labels: Record<string, string>, annotations: Record<string, string> = { 'helm.sh/hook': 'pre-delete' }): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'ssc-cleanup', namespace: 'ns', annotations },
    spec: { template: { metadata: { labels } } },
  });
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } };

  test("the chart's cleanup Job: reported, with the allowlist that selects its pods and how to leave hooks out", () => {
    const found = discoverWorkloads([hook(SELECTOR), deployment], selector, undefined);
    expect(found.workloads.map((x) => x.ref.name)).toEqual(['ssc']);
    expect(found.covered).toEqual([expect.objectContaining({ kind: 'Job', name: 'ssc-cleanup' })]);
    expect(found.skipped).toEqual([
      {
        ref: expect.objectContaining({ name: 'ssc-cleanup' }),
        message: expect.stringMatching(/is a Helm hook \(helm\.sh\/hook: pre-delete\) and gets no allowlist.*the allowlist of Deployment ns\/ssc selects.*skipHooks: true.*--no-hooks/),
      },
    ]);
  });

  test('a hook whose pods no allowlist selects: reported as such, and not counted as protected', () => {
    const found = discoverWorkloads([deployment, hook({ 'app.kubernetes.io/name': 'stageset-controller', job: 'test' }, { 'helm.sh/hook': 'test' })], selector, undefined);
    expect(found.covered).toEqual([]);
    expect(found.skipped.map((s) => s.message)).toEqual([expect.stringContaining('(helm.sh/hook: test) and gets no allowlist: a hook is not the controller and serves none of its ports; no allowlist selects its pods')]);
  });

  test.each([
    ['an empty hook annotation', { 'helm.sh/hook': '' }],
    ['another annotation', { 'helm.sh/resource-policy': 'keep' }],
  ])('%s is no hook: the Job is deduplicated like any workload', (_title, annotations) => {
    const found = discoverWorkloads([deployment, hook(SELECTOR, annotations)], selector, undefined);
    expect(found.skipped.map((s) => s.message)).toEqual([expect.stringContaining('gets no allowlist of its own: its pods are already selected by the allowlist of Deployment ns/ssc')]);
  });

  test('a hook alone is not a workload: nothing is protected', () => {
    const found = discoverWorkloads([hook(SELECTOR)], selector, undefined);
    expect(found.workloads).toEqual([]);
    expect(found.skipped).toHaveLength(1);
  });
});

describe('order', () => {
  test('the kept workloads come out in list order, whatever their rank', () => {
    const own = (kind: string, name: string) => w(kind, name, { matchLabels: { app: name } }, { app: name });
    const workloads = [own('Job', 'j'), own('Pod', 'p'), own('Deployment', 'd'), own('CronJob', 'c'), own('StatefulSet', 's')];
    expect(summary(dedupeWorkloads(workloads))).toEqual({ kept: ['Job/j', 'Pod/p', 'Deployment/d', 'CronJob/c', 'StatefulSet/s'], covered: [] });
  });

  test('among workloads of one rank with the same pods, the first in the list keeps the allowlist', () => {
    const same = (name: string) => w('Deployment', name, { matchLabels: SELECTOR }, POD_LABELS);
    expect(summary(dedupeWorkloads([same('a'), same('b'), same('c'), same('d'), same('e')]))).toEqual({
      kept: ['Deployment/a'],
      covered: ['Deployment/b by Deployment/a', 'Deployment/c by Deployment/a', 'Deployment/d by Deployment/a', 'Deployment/e by Deployment/a'],
    });
  });
});
