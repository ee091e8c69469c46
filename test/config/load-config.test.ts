import { loadConfig } from '../../src/config/load-config';
import { ENGINES } from '../../src/dialects/index';

const typed = (values: Record<string, unknown>) => ({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'np' }, ...values });
const configMap = (data: Record<string, unknown>, name = 'np') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

function errors(functionConfig: unknown): string[] {
  return loadConfig(functionConfig).results.filter((r) => r.severity === 'error').map((r) => `${r.field?.path}: ${r.message}`);
}

describe('loadConfig', () => {
  test('no functionConfig, and the kpt placeholder, mean the chart defaults, with networkPolicy.enabled not set', () => {
    for (const fc of [undefined, null, configMap({}, 'function-input'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' } }]) {
      const { value: config, results } = loadConfig(fc);
      expect(results.map((r) => [r.severity, r.field?.path])).toEqual([['warning', 'networkPolicy.enabled']]);
      expect(config?.values.networkPolicy.enabled).toBe(false);
      expect(config?.enabledIsSet).toBe(false);
      expect(config?.values.ports).toEqual({ metrics: 8080, health: 8081, gate: 8082, mcp: 8084, webhook: 9443 });
      expect(config?.values.networkPolicy.defaultDeny.order).toBe(2000);
      expect(config?.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } });
    }
  });

  test.each([
    [typed({ networkPolicy: { enabled: false } }), true],
    [configMap({ 'networkPolicy.enabled': 'false' }), true],
    [configMap({ values: 'networkPolicy: {enabled: true}' }), true],
    [typed({ networkPolicy: { engine: 'cilium' } }), false],
    [typed({ networkPolicy: { enabled: null } }), false],
  ])('enabledIsSet: %j → %s', (fc, set) => {
    expect(loadConfig(fc).value?.enabledIsSet).toBe(set);
  });

  test('the typed kind carries the chart values at its top level', () => {
    const { value: config } = loadConfig(typed({ networkPolicy: { enabled: true, engine: 'cilium' }, gate: { enabled: false } }));
    expect(config?.values.networkPolicy.engine).toBe('cilium');
    expect(config?.values.gate.enabled).toBe(false);
    expect(config?.ref).toEqual({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', name: 'np' });
  });

  test('ConfigMap dotted keys are coerced by the schema; label keys keep their dots', () => {
    const { value: config, results } = loadConfig(
      configMap({
        'networkPolicy.enabled': 'true',
        'networkPolicy.defaultDeny.order': '1500',
        'ports.webhook': '10250',
        'networkPolicy.egress.dnsNamespace': 'true',
        'target.selector.matchLabels.app.kubernetes.io/instance': 'prod',
        'networkPolicy.metrics.from': '[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]',
      }),
    );
    expect(results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(config?.values.networkPolicy.enabled).toBe(true);
    expect(config?.values.networkPolicy.defaultDeny.order).toBe(1500);
    expect(config?.values.ports.webhook).toBe(10250);
    expect(config?.values.networkPolicy.egress.dnsNamespace).toBe('true');
    // a selector given replaces the default one (no deep merge of defaults)
    expect(config?.selector).toEqual({ matchLabels: { 'app.kubernetes.io/instance': 'prod' } });
    expect(config?.values.networkPolicy.metrics.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
  });

  test('a ConfigMap values document, overridden by dotted keys', () => {
    const { value: config } = loadConfig(configMap({ values: 'networkPolicy:\n  enabled: true\n  engine: calico\n', 'networkPolicy.engine': 'cilium' }));
    expect(config?.values.networkPolicy.enabled).toBe(true);
    expect(config?.values.networkPolicy.engine).toBe('cilium');
  });

  test('a selector string in kubectl syntax', () => {
    const { value: config } = loadConfig(typed({ target: { selector: 'app=a,tier in (x, y),!legacy,env!=dev,has' } }));
    expect(config?.selector).toEqual({
      matchLabels: { app: 'a' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['x', 'y'] },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'has', operator: 'Exists' },
      ],
    });
  });

  test.each([
    ['a typo inside networkPolicy names the nearest key', typed({ networkPolicy: { metrics: { form: [] } } }), 'networkPolicy.metrics.form: unknown key "form" (did you mean "from"?)'],
    ['a typo inside ports', typed({ ports: { webhok: 9443 } }), 'ports.webhok: unknown key "webhok" (did you mean "webhook"?)'],
    ['a typo of a used top-level key', typed({ networkPolicyy: { enabled: true } }), 'networkPolicyy: unknown key "networkPolicyy" (did you mean "networkPolicy"?)'],
    ['a typo of enabled in a chart section', typed({ gate: { enabeld: false } }), 'gate.enabeld: unknown key "enabeld" (did you mean "enabled"?)'],
    ['a port out of range', typed({ ports: { webhook: 70000 } }), 'ports.webhook: must be at most 65535'],
    ['a port that is not an integer', typed({ ports: { metrics: 80.5 } }), 'ports.metrics: must be an integer'],
    ['a wrong type', typed({ networkPolicy: { enabled: 'yes' } }), 'networkPolicy.enabled: must be a boolean, not string "yes"'],
    ['an unknown engine', typed({ networkPolicy: { engine: 'calcio' } }), `networkPolicy.engine: must be one of ${ENGINES.map((e) => JSON.stringify(e)).join(', ')}, not "calcio" (did you mean "calico"?)`],
    ['an invalid DNS namespace', typed({ networkPolicy: { egress: { dnsNamespace: 'Kube_System' } } }), 'networkPolicy.egress.dnsNamespace: must be a namespace name (DNS-1123 label)'],
    ['a list where an object belongs', typed({ networkPolicy: { egress: [] } }), 'networkPolicy.egress: must be an object, not a list'],
    ['a bad selector string', typed({ target: { selector: 'app=(x' } }), 'target.selector: cannot parse selector requirement'],
    ['not a number', typed({ networkPolicy: { defaultDeny: { order: NaN } } }), 'networkPolicy.defaultDeny.order: must be a number, not .nan (not a number)'],
    ['infinity', typed({ networkPolicy: { enabled: Infinity } }), 'networkPolicy.enabled: must be a boolean, not .inf (infinity)'],
    ['an exponent read as text', typed({ networkPolicy: { defaultDeny: { order: '1e309' } } }), 'networkPolicy.defaultDeny.order: must be a number, not "1e309", an exponent form read as text: write a plain number'],
    ['an integer beyond 2^53: one message, the schema bound', typed({ ports: { metrics: 1.2345678901234568e23 } }), 'ports.metrics: must be at most 65535 (1.235e+23 is too large to be read exactly)'],
    ['a __proto__ key is never applied', typed({ networkPolicy: JSON.parse('{"__proto__": {"enabled": true}}') as Record<string, unknown> }), 'networkPolicy.__proto__: is not a valid key'],
    ['a dotted __proto__ key never reaches a prototype', configMap({ '__proto__.polluted': 'yes' }), 'data.__proto__.polluted: cannot set "__proto__.polluted": "__proto__" names'],
    ['an empty selector string', typed({ target: { selector: '' } }), 'target.selector: empty requirement'],
    ['an empty selector object: every workload', typed({ target: { selector: {} } }), 'target.selector: is empty, so it selects every workload'],
    ['an empty selector object with empty lists', typed({ target: { selector: { matchLabels: {}, matchExpressions: [] } } }), 'target.selector: is empty'],
    ['an empty explicit pod selector', typed({ target: { pods: { namespace: 'x', selector: {} } } }), 'target.pods.selector: is empty'],
    ['a ConfigMap value that is not a boolean', configMap({ 'networkPolicy.enabled': 'yes' }), 'networkPolicy.enabled: must be a boolean, not string "yes"'],
    ['an unsupported kind', { apiVersion: 'example.com/v1', kind: 'Other', metadata: { name: 'x' } }, 'undefined: functionConfig example.com/v1/Other is not supported: expected fn.kpt.dev/v1alpha1 ControllerNetworkPolicy'],
  ])('%s', (_title, fc, message) => {
    expect(errors(fc).join('\n')).toContain(message);
  });

  test.each(['cilium', 'calico', 'clusterNetworkPolicy'])('the NetworkPolicy-shaped knobs are accepted under %s (they are translated)', (engine) => {
    const { value: config, results } = loadConfig(typed({ networkPolicy: { enabled: true, engine, metrics: { from: [{ podSelector: {} }] }, additionalIngress: [{ ports: [{ port: 80 }] }], egress: { enabled: true, to: [{ ports: [{ port: 443 }] }] } } }));
    expect(config).toBeDefined();
    expect(results).toEqual([]);
  });

  test('a huge integer gives exactly one message', () => {
    expect(errors(typed({ ports: { metrics: 1.2345678901234568e23 } }))).toHaveLength(1);
  });

  test('nothing in the values reaches Object.prototype', () => {
    loadConfig(configMap({ '__proto__.polluted': 'yes', 'networkPolicy.__proto__.enabled': 'true', values: '__proto__: {polluted: yes}' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('enabled');
  });

  test('every problem is reported at once, each with its field path and the functionConfig', () => {
    const { value: config, results } = loadConfig(typed({ ports: { webhook: 0 }, networkPolicy: { enabled: 'x', metrics: { form: [] } } }));
    expect(config).toBeUndefined();
    expect(results.map((r) => r.field?.path).sort()).toEqual(['networkPolicy.enabled', 'networkPolicy.metrics.form', 'ports.webhook']);
    expect(results.every((r) => r.resourceRef?.kind === 'ControllerNetworkPolicy')).toBe(true);
  });

  test('chart keys the function does not use get one info result', () => {
    const { value: config, results } = loadConfig(
      typed({ image: { tag: 'x' }, controller: { logLevel: 'debug', tracing: { insecure: true } }, rollbackStore: { s3: { bucket: 'b' } }, webhook: { certMode: 'self-signed', enabled: true }, networkPolicy: { enabled: true } }),
    );
    expect(config).toBeDefined();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ severity: 'info', message: 'chart values not used by this function (accepted and ignored): image, webhook.certMode, controller.logLevel, controller.tracing.insecure, rollbackStore.s3.bucket' });
  });

  test.each([
    ['controller', { controller: { tracing: { endpont: 'x:1' } } }, 'controller.tracing.endpont: unknown key "endpont" (did you mean "endpoint"?)'],
    ['rollbackStore', { rollbackStore: { s3: { usessl: false } } }, 'rollbackStore.s3.usessl: unknown key "usessl" (did you mean "useSSL"?)'],
  ])('a typo of a %s key the function reads is an error', (_section, values, message) => {
    const { value: config, results } = loadConfig(typed({ ...values, networkPolicy: { enabled: true } }));
    expect(config).toBeUndefined();
    expect(results.map((r) => `${r.field?.path}: ${r.message}`)).toContain(message);
  });

  test('an unknown key far from any known one is a warning', () => {
    const { value: config, results } = loadConfig(typed({ somethingElse: 1, networkPolicy: { enabled: false } }));
    expect(config).toBeDefined();
    expect(results).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('somethingElse') })]);
  });

  test('another engine\'s passthrough list is a warning, not silently used', () => {
    const { results } = loadConfig(typed({ networkPolicy: { enabled: true, engine: 'kubernetes', cilium: { ingress: [{}] } } }));
    expect(results).toEqual([expect.objectContaining({ severity: 'warning', message: 'is ignored: engine is kubernetes, not cilium', field: { path: 'networkPolicy.cilium.ingress' } })]);
  });
});
