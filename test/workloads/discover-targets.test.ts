/**
 * discoverTargets: which workloads the function protects, from the items or from target.pods, and the
 * error that names what was seen when nothing matched (a silent no-op would leave the ports open).
 */
import { loadConfig, type Config } from '../../src/config/load-config';
import { parseItemOf, type ResourceList } from '../../src/krm/resource-list';
import { readResourceList } from '../../src/krm/read-resource-list';
import { discoverTargets } from '../../src/workloads/discover-targets';

const CONTROLLER_LABELS = { 'app.kubernetes.io/name': 'stageset-controller' };

function configOf(values: Record<string, unknown>, name = 'policy'): Config {
  const functionConfig = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name }, networkPolicy: { enabled: true }, ...values };
  const loaded = loadConfig(functionConfig);
  if (!loaded.value) throw new Error(JSON.stringify(loaded.results));
  return loaded.value;
}

/** A ResourceList of these items (JSON is YAML), every item parsed as the pipeline parses those that matter. */
function listOf(items: object[], functionConfig?: object): ResourceList {
  const read = readResourceList(JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, ...(functionConfig ? { functionConfig } : {}) }));
  if (!read.value) throw new Error(JSON.stringify(read.results));
  const list = read.value;
  for (const item of list.items) parseItemOf(list, item);
  return list;
}

const deployment = (name: string, labels: Record<string, string>, namespace = 'ns') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c' }] } } },
});

describe('discoverTargets', () => {
  test('networkPolicy.enabled false: nothing to protect and nothing to say, whatever the items hold', () => {
    const config = configOf({ networkPolicy: { enabled: false } });
    expect(discoverTargets(listOf([deployment('ssc', CONTROLLER_LABELS)]), config)).toEqual({ value: { workloads: [], covered: [] }, results: [] });
  });

  test('target.pods replaces discovery: one Pod target with its own namespace and selector', () => {
    const config = configOf({ target: { pods: { name: 'generated', namespace: 'gen', selector: { matchLabels: { app: 'gen' } } } } });
    expect(discoverTargets(listOf([deployment('ssc', CONTROLLER_LABELS)]), config)).toEqual({
      value: { workloads: [{ ref: { apiVersion: 'v1', kind: 'Pod', name: 'generated', namespace: 'gen' }, namespace: 'gen', podSelector: { matchLabels: { app: 'gen' } } }], covered: [] },
      results: [],
    });
  });

  test('a matching workload is the target; a covered one is reported beside it', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job', namespace: 'ns' }, spec: { template: { metadata: { labels: CONTROLLER_LABELS } } } };
    const { value, results } = discoverTargets(listOf([job, deployment('ssc', CONTROLLER_LABELS)]), configOf({}));
    expect(value.workloads.map((w) => w.ref)).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ssc', namespace: 'ns' }]);
    expect(value.covered).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'job', namespace: 'ns' }]);
    expect(results).toEqual([{ severity: 'warning', message: expect.stringContaining('Job ns/job gets no allowlist of its own'), resourceRef: value.covered[0] }]);
  });

  test('a workload problem is an error result naming the workload', () => {
    const noNamespace = { ...deployment('ssc', CONTROLLER_LABELS), metadata: { name: 'ssc' } };
    const { value, results } = discoverTargets(listOf([noNamespace]), configOf({}));
    expect(value.workloads).toEqual([]);
    expect(results).toEqual([{ severity: 'error', message: expect.stringContaining('Deployment ssc has no metadata.namespace'), resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ssc' } }]);
  });

  test('the functionConfig, when it is also an item, is never taken for a workload', () => {
    // a functionConfig shaped like a workload (a pod template with the controller's labels) …
    const functionConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssc' }, data: { 'networkPolicy.enabled': 'true' }, spec: { template: { metadata: { labels: CONTROLLER_LABELS } } } };
    const config = loadConfig(functionConfig).value!;
    const list = listOf([functionConfig, deployment('ssc', CONTROLLER_LABELS)], functionConfig);
    const { value, results } = discoverTargets(list, config);
    // … is not reported as a kind with pods this function does not know; the Deployment of the same name is found
    expect(results).toEqual([]);
    expect(value.workloads.map((w) => w.ref.kind)).toEqual(['Deployment']);
  });

  test('an item of another kind, or another apiVersion, with the functionConfig\'s name is no functionConfig', () => {
    const functionConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssc' }, data: { 'networkPolicy.enabled': 'true' } };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ssc', namespace: 'ns', labels: CONTROLLER_LABELS }, spec: {} };
    const lookalike = { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'ssc', namespace: 'ns' }, spec: { template: { metadata: { labels: CONTROLLER_LABELS } } } };
    const { value, results } = discoverTargets(listOf([functionConfig, pod, lookalike], functionConfig), loadConfig(functionConfig).value!);
    expect(value.workloads.map((w) => w.ref.kind)).toEqual(['Pod']);
    expect(results.map((r) => r.message)).toEqual([expect.stringContaining('ConfigMap (example.com/v1) is not a workload kind this function knows')]);
  });

  describe('nothing matched: an error at target.selector that lists the workloads seen', () => {
    test('the message, the field and the functionConfig as resourceRef', () => {
      const { value, results } = discoverTargets(listOf([deployment('web', { app: 'web' }), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'ns' } }]), configOf({}));
      expect(value).toEqual({ workloads: [], covered: [] });
      expect(results).toEqual([
        {
          severity: 'error',
          message:
            "networkPolicy.enabled is true but no workload's pod template matches target.selector app.kubernetes.io/name=stageset-controller; workloads seen: Deployment ns/web. Fix target.selector, or set target.pods when the list holds no workload (kustomize generators:)",
          resourceRef: { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', name: 'policy' },
          field: { path: 'target.selector' },
        },
      ]);
    });

    test('with target.namespace, the message says where it looked', () => {
      const { results } = discoverTargets(listOf([deployment('ssc', CONTROLLER_LABELS, 'elsewhere')]), configOf({ target: { namespace: 'ns' } }));
      expect(results.map((r) => r.message)).toEqual([expect.stringContaining('matches target.selector app.kubernetes.io/name=stageset-controller in namespace ns; workloads seen: Deployment elsewhere/ssc.')]);
    });

    test('items without a workload say so', () => {
      const { results } = discoverTargets(listOf([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' } }]), configOf({}));
      expect(results.map((r) => r.message)).toEqual([expect.stringContaining('matches target.selector app.kubernetes.io/name=stageset-controller; the items hold no workload. Fix')]);
    });

    test('the first 20 workloads are named, then how many more', () => {
      const many = Array.from({ length: 23 }, (_, i) => deployment(`w${i}`, { app: `w${i}` }));
      const { results } = discoverTargets(listOf(many), configOf({}));
      const named = Array.from({ length: 20 }, (_, i) => `Deployment ns/w${i}`).join(', ');
      expect(results.map((r) => r.message)).toEqual([expect.stringContaining(`; workloads seen: ${named}, and 3 more. Fix`)]);
    });

    test('exactly 20 workloads: all named, no "more"', () => {
      const twenty = Array.from({ length: 20 }, (_, i) => deployment(`w${i}`, { app: `w${i}` }));
      const { results } = discoverTargets(listOf(twenty), configOf({}));
      expect(results[0]!.message).toContain(`workloads seen: ${Array.from({ length: 20 }, (_, i) => `Deployment ns/w${i}`).join(', ')}. Fix`);
    });

    test('a problem with a matching workload is error enough: no second error about the selector', () => {
      const noNamespace = { ...deployment('ssc', CONTROLLER_LABELS), metadata: { name: 'ssc' } };
      const { results } = discoverTargets(listOf([noNamespace]), configOf({}));
      expect(results.map((r) => r.field?.path)).toEqual([undefined]);
    });
  });
});
