import { valuesSchema } from '../../src/config/values-schema';
import { DIALECTS } from '../../src/dialects/index';
import { planPolicies as planWith } from '../../src/policy/plan-policies';
import type { Workload } from '../../src/workloads/workload';

const workload = (kind: string, name: string, namespace: string): Workload => ({
  ref: { apiVersion: 'apps/v1', kind, name, namespace },
  namespace,
  podSelector: { matchLabels: { app: name } },
});

const planPolicies = (values: ReturnType<typeof valuesSchema.parse>, workloads: Workload[]) => planWith(values, workloads, DIALECTS[values.networkPolicy.engine]).plans;

describe('planPolicies', () => {
  const values = valuesSchema.parse({ networkPolicy: { enabled: true, defaultDeny: { enabled: true } }, mcp: { enabled: true }, gate: { enabled: false } });

  test('names follow the chart for one workload, and are unique otherwise', () => {
    const plans = planPolicies(values, [
      workload('Deployment', 'stageset-controller', 'a'),
      workload('Deployment', 'ctl', 'b'),
      workload('StatefulSet', 'ctl', 'b'),
      workload('Deployment', 'stageset-controller-default-deny', 'c'),
    ]);
    expect(plans.map((p) => `${p.type} ${p.namespace}/${p.name}`)).toEqual([
      'allowlist a/stageset-controller',
      'allowlist b/ctl-deployment',
      'allowlist b/ctl-statefulset',
      'allowlist c/stageset-controller-default-deny-deployment',
      'defaultDeny a/stageset-controller-default-deny',
      'defaultDeny b/stageset-controller-default-deny',
      'defaultDeny c/stageset-controller-default-deny',
    ]);
  });

  test('health first, then the enabled ports; egress only when enabled', () => {
    const [plan] = planPolicies(values, [workload('Deployment', 'x', 'a')]);
    expect(plan?.type === 'allowlist' && plan.ingress.map((p) => `${p.name}:${p.port}`)).toEqual(['health:8081', 'webhook:9443', 'metrics:8080', 'mcp:8084']);
    expect(plan?.type === 'allowlist' && plan.egress).toBeUndefined();
    const withEgress = planPolicies(valuesSchema.parse({ networkPolicy: { egress: { enabled: true, dns: false } } }), [workload('Deployment', 'x', 'a')])[0];
    expect(withEgress?.type === 'allowlist' && withEgress.egress).toEqual({ to: [], fqdns: [], native: [] });
  });

  test('the default-deny denies egress only when the allowlists restrict egress', () => {
    const plans = planPolicies(valuesSchema.parse({ networkPolicy: { defaultDeny: { enabled: true } } }), [workload('Deployment', 'x', 'a')]);
    expect(plans.find((p) => p.type === 'defaultDeny')).toMatchObject({ egress: false });
  });
});

describe('a native rule that allows a controller port takes it over', () => {
  const metricsFromMonitoring = {
    cilium: { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'monitoring' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] },
    calico: { action: 'Allow', protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" }, destination: { ports: [8080] } },
    clusterNetworkPolicy: { name: 'metrics', action: 'Accept', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], protocols: [{ tcp: { destinationPort: { number: 8080 } } }] },
  } as const;
  const ranged = {
    cilium: { toPorts: [{ ports: [{ port: '8000', endPort: 8090, protocol: 'TCP' }] }] },
    calico: { action: 'Allow', protocol: 'TCP', destination: { ports: ['8000:8090'] } },
    clusterNetworkPolicy: { name: 'range', action: 'Accept', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 8000, end: 8090 } } } }] },
  } as const;
  const plan = (engine: 'cilium' | 'calico' | 'clusterNetworkPolicy', ingress: object[]) => {
    const values = valuesSchema.parse({ networkPolicy: { enabled: true, engine, [engine]: { ingress } } });
    const outcome = planWith(values, [workload('Deployment', 'x', 'a')], DIALECTS[engine]);
    const allowlist = outcome.plans[0]!;
    return { ports: allowlist.type === 'allowlist' ? allowlist.ingress.map((p) => p.name) : [], notes: outcome.notes };
  };

  test.each(['cilium', 'calico', 'clusterNetworkPolicy'] as const)('%s: the metrics rule goes, with an info naming the native rule', (engine) => {
    const { ports, notes } = plan(engine, [metricsFromMonitoring[engine]]);
    expect(ports).toEqual(['health', 'webhook', 'gate']);
    expect(notes).toEqual([{ path: `networkPolicy.${engine}.ingress[0]`, message: expect.stringContaining('port 8080 (ports.metrics)') }]);
  });

  test.each(['cilium', 'calico', 'clusterNetworkPolicy'] as const)('%s: a range takes over every port in it but health, which stays open with a note', (engine) => {
    const { ports, notes } = plan(engine, [ranged[engine]]);
    expect(ports).toEqual(['health', 'webhook']);
    expect(notes.map((n) => n.message)).toEqual([expect.stringContaining('health port 8081'), expect.stringContaining('port 8080 (ports.metrics)'), expect.stringContaining('port 8082 (ports.gate)')]);
  });

  test.each([
    ['calico', { action: 'Deny', protocol: 'TCP', destination: { ports: [8080] } }],
    ['calico', { action: 'Allow', protocol: 'UDP', destination: { ports: [8080] } }],
    ['clusterNetworkPolicy', { name: 'x', action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 8080 } } }] }],
    ['clusterNetworkPolicy', { name: 'x', action: 'Accept', from: [{ namespaces: {} }], protocols: [{ udp: { destinationPort: { number: 8080 } } }] }],
    ['cilium', { toPorts: [{ ports: [{ port: '8080', protocol: 'UDP' }] }] }],
    ['cilium', { toPorts: [{ ports: [{ port: 'metrics', protocol: 'TCP' }] }] }],
  ] as const)('%s: %j takes nothing over', (engine, rule) => {
    expect(plan(engine, [rule]).ports).toEqual(['health', 'webhook', 'metrics', 'gate']);
  });
});
