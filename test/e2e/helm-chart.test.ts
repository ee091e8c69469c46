/**
 * The way most users run this function: on the StageSet controller's real Helm chart (vendored in
 * test/fixtures/chart), rendered by the real helm (test/support/helm.ts), for every engine:
 *
 *   kustomize  `kubectl kustomize --enable-helm --helm-command <helm> --enable-alpha-plugins` with the
 *              chart under `helmCharts:` and the function's container under `transformers:` (run by the
 *              test-owned docker, as in kustomize.test.ts);
 *   pipe       `helm template … | kpt fn eval - --exec controller-network-policy --fn-config … -o unwrap`
 *              (multi-document YAML out, ready for kubectl apply).
 *
 * The output is judged by the engine's traffic evaluator with the matrix's rows (test/traffic/
 * matrix-rows.ts), the controller's and the cleanup Job's pods carrying the labels the chart gives them.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ENGINES, type Engine } from '../../src/config/values-schema';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../src/constants';
import { DIALECTS } from '../../src/dialects/index';
import type { KubeObject } from '../../src/k8s/kube-object';
import type { PodEndpoint, Protocol } from '../../src/traffic/model';
import { describeUnless, FAKE_DOCKER_DIR, freshDir, IMAGE, onPath, removeTempDirs, requireBuild, runAsync, TOOL_ENV, toolPath, writeTree, type RunResult } from '../support/e2e';
import { CHART, HELM, helmMissing } from '../support/helm';
import { stageTestImage, type StagedImage } from '../support/stage-image';
import { CLUSTER, PEERS, type PeerName } from '../support/traffic-cluster';
import { expectedUnder, ROWS, SCENARIOS, type Expected } from '../traffic/matrix-rows';

const NAMESPACE = 'stageset-system';
const RELEASE = 'stageset-controller';
const SCENARIO = 'egress + default-deny';
/** The hook warning: the cleanup Job gets no allowlist, the controller's selects its pods anyway. */
const HOOK_WARNING = /\[warning\][^\n]*Job stageset-system\/stageset-controller-cleanup is a Helm hook \(helm\.sh\/hook: pre-delete\) and gets no allowlist[^\n]*allowlist of Deployment stageset-system\/stageset-controller selects/;

let image: StagedImage;

beforeAll(() => {
  requireBuild();
  image = stageTestImage();
});
afterAll(removeTempDirs);

/** The function's values: the matrix's scenario under one engine. */
function values(engine: Engine): Record<string, unknown> {
  return { networkPolicy: { enabled: true, engine, ...SCENARIOS[SCENARIO] } };
}

function functionConfig(engine: Engine, container: boolean): string {
  const annotation = container ? { annotations: { 'config.kubernetes.io/function': `container:\n  image: ${IMAGE}\n` } } : {};
  return stringify({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'network-policy', ...annotation }, ...values(engine) });
}

/** `helmCharts:` + the function under `transformers:`, built by kubectl's kustomize with the real helm. */
function kustomize(engine: Engine, chartOptions: Record<string, unknown> = {}): Promise<RunResult> {
  const dir = join(freshDir(), 'app');
  writeTree(dir, {
    'kustomization.yaml': stringify({
      helmGlobals: { chartHome: 'charts' },
      helmCharts: [{ name: 'stageset-controller', releaseName: RELEASE, namespace: NAMESPACE, ...chartOptions }],
      transformers: ['network-policy.yaml'],
    }),
    'network-policy.yaml': functionConfig(engine, true),
  });
  cpSync(CHART, join(dir, 'charts', 'stageset-controller'), { recursive: true });
  return runAsync('kubectl', ['kustomize', '--enable-helm', '--helm-command', HELM, '--enable-alpha-plugins', dir], {
    cwd: dir,
    path: [FAKE_DOCKER_DIR],
    env: { ...TOOL_ENV, FAKE_DOCKER_IMAGE_ROOT: image.appDir },
  });
}

/** `helm template … | kpt fn eval - --exec controller-network-policy -o unwrap`: the function post-processes helm's output. */
function pipe(engine: Engine): Promise<RunResult> {
  const dir = freshDir();
  writeTree(dir, { 'network-policy.yaml': functionConfig(engine, false) });
  const command = `set -o pipefail; '${HELM}' template ${RELEASE} '${CHART}' --namespace ${NAMESPACE} | kpt fn eval - --exec controller-network-policy --fn-config network-policy.yaml -o unwrap`;
  return runAsync('bash', ['-c', command], { cwd: dir, path: toolPath(), env: { ...TOOL_ENV, HELM_CONFIG_HOME: dir, HELM_CACHE_HOME: dir, HELM_DATA_HOME: dir } });
}

function objectsOf(result: RunResult): KubeObject[] {
  if (result.status !== 0) throw new Error(result.report);
  return parseAllDocuments(result.stdout)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** A pod of a rendered workload, carrying the labels of its pod template (the chart's labels). */
function podOf(objects: readonly KubeObject[], kind: string, name: string, base: PodEndpoint, extra: Record<string, string> = {}): PodEndpoint {
  const workload = objects.find((o) => o.kind === kind && o.metadata.name === name) as { spec: { template: { metadata: { labels: Record<string, string> } } } } | undefined;
  if (!workload) throw new Error(`the output holds no ${kind} ${name}`);
  return { ...base, name: `${name}-pod`, labels: { ...workload.spec.template.metadata.labels, ...extra } };
}

type Endpoints = Record<PeerName | 'cleanupJob', (typeof PEERS)[PeerName] | PodEndpoint>;
/** The cleanup Job's pods are selected by the controller's allowlist: they get its rules, nothing else. */
const JOB_ROWS: [title: string, from: keyof Endpoints, to: keyof Endpoints, port: number, protocol: Protocol, expected: Expected][] = [
  ['the cleanup Job reaches the kube-apiserver (it runs kubectl delete)', 'cleanupJob', 'apiserver', 6443, 'TCP', true],
  ['the cleanup Job resolves names', 'cleanupJob', 'coredns', 53, 'UDP', true],
  ['the cleanup Job cannot reach the internet', 'cleanupJob', 'internet', 443, 'TCP', false],
  ['a pod of another namespace cannot reach the cleanup Job', 'stranger', 'cleanupJob', 8080, 'TCP', false],
];

function expectTraffic(engine: Engine, objects: readonly KubeObject[]): void {
  const endpoints: Endpoints = {
    ...PEERS,
    controller: podOf(objects, 'Deployment', 'stageset-controller', PEERS.controller as PodEndpoint, { 'pod-template-hash': '7d9f8c6b5' }),
    cleanupJob: podOf(objects, 'Job', 'stageset-controller-cleanup', { ...(PEERS.controller as PodEndpoint), ip: '10.244.1.12', namedPorts: {} }),
  };
  const rows = [...ROWS.filter(([, , , , , , only]) => !only || only.includes(SCENARIO)), ...JOB_ROWS];
  const judged = rows.map(([title, from, to, port, protocol]) => {
    const verdict = DIALECTS[engine].evaluate(objects, CLUSTER, { from: endpoints[from], to: endpoints[to], port, protocol });
    return { title, allowed: verdict.allowed, ambiguities: verdict.ambiguities };
  });
  expect(judged).toEqual(rows.map(([title, , , , , expected]) => ({ title, allowed: expectedUnder(expected, engine), ambiguities: [] })));
}

/** What the function added: one allowlist and one default-deny, of the engine's kind; no second allowlist for the cleanup Job. */
function expectPolicies(engine: Engine, objects: readonly KubeObject[]): void {
  const ours = objects.filter((o) => o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE);
  const suffix = engine === 'clusterNetworkPolicy' ? `-${NAMESPACE}` : '';
  expect(ours.map((o) => `${o.kind} ${o.metadata.name}`).sort()).toEqual([`${DIALECTS[engine].kind} stageset-controller${suffix}`, `${DIALECTS[engine].kind} stageset-controller-default-deny${suffix}`].sort());
  // the chart's own objects went through: the controller, its pre-delete hook, its webhook Service
  expect(objects.filter((o) => ['Deployment', 'Job', 'Service'].includes(o.kind)).map((o) => `${o.kind} ${o.metadata.name}`).sort()).toEqual([
    'Deployment stageset-controller',
    'Job stageset-controller-cleanup',
    'Service stageset-controller-gate',
    'Service stageset-controller-metrics',
    'Service stageset-controller-webhook',
  ]);
}

const missing = [...['kubectl', 'kpt', 'bash'].filter((tool) => !onPath(tool)).map((tool) => `${tool} not found on PATH`), helmMissing()].filter((m) => m !== undefined);

describeUnless(missing.length ? missing.join('; ') : undefined, 'the real chart, rendered by the real helm, through the function', () => {
  // Every tool run starts at once (each takes a CPU for about half a second); the tests then read their results.
  const runs = new Map<string, Promise<RunResult>>();
  const started = (key: string, start: () => Promise<RunResult>): Promise<RunResult> => {
    if (!runs.has(key)) {
      const promise = start();
      promise.catch(() => undefined); // awaited (and reported) by its test
      runs.set(key, promise);
    }
    return runs.get(key)!;
  };
  const kustomized = (engine: Engine) => started(`kustomize ${engine}`, () => kustomize(engine));
  const piped = (engine: Engine) => started(`pipe ${engine}`, () => pipe(engine));
  const withoutHooks = () => started('skipHooks', () => kustomize('kubernetes', { skipHooks: true }));
  beforeAll(() => {
    for (const engine of ENGINES) {
      void kustomized(engine);
      void piped(engine);
    }
    void withoutHooks();
  });

  describe.each(ENGINES)('%s', (engine) => {
    test('kubectl kustomize --enable-helm: helmCharts: and the function under transformers:', async () => {
      const result = await kustomized(engine);
      const objects = objectsOf(result);
      expectPolicies(engine, objects);
      expect(result.stderr).toMatch(HOOK_WARNING);
      expectTraffic(engine, objects);
    });

    test('helm template | kpt fn eval - --exec controller-network-policy -o unwrap', async () => {
      const result = await piped(engine);
      const objects = objectsOf(result);
      expectPolicies(engine, objects);
      expect(result.stderr).toMatch(/\[PASS\] "controller-network-policy"/);
      expect(result.stderr).toMatch(HOOK_WARNING);
      expectTraffic(engine, objects);
    });
  });

  test('skipHooks: true leaves the cleanup Job out, and with it the warning', async () => {
    const result = await withoutHooks();
    const objects = objectsOf(result);
    expect(objects.some((o) => o.kind === 'Job')).toBe(false);
    expect(result.stderr).not.toMatch(/Helm hook/);
    expect(objects.filter((o) => o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE)).toHaveLength(2);
  });
});
