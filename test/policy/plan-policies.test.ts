import { valuesSchema } from '../../src/config/values-schema';
import { planPolicies } from '../../src/policy/plan-policies';
import type { Workload } from '../../src/workloads/workload';

const workload = (kind: string, name: string, namespace: string): Workload => ({
  ref: { apiVersion: 'apps/v1', kind, name, namespace },
  namespace,
  podSelector: { matchLabels: { app: name } },
});

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
    expect(withEgress?.type === 'allowlist' && withEgress.egress).toEqual({});
  });

  test('the default-deny denies egress only when the allowlists restrict egress', () => {
    const plans = planPolicies(valuesSchema.parse({ networkPolicy: { defaultDeny: { enabled: true } } }), [workload('Deployment', 'x', 'a')]);
    expect(plans.find((p) => p.type === 'defaultDeny')).toMatchObject({ egress: false });
  });
});
