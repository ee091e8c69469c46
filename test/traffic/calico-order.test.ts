/** Calico evaluation order: tiers, policy order and ties, Pass, Log, end of tier, Kubernetes NetworkPolicy at 1000, types. */
import { allowedBy, deniedBy, dns, endOfTier, expectVerdict, flow, internet, noPolicy, notAPod, objects, pod, ruleOf, verdict } from './calico-fixtures';

describe('evaluation order', () => {
  const a = pod('ctrl-system', 'a');
  const b = pod('ctrl-system', 'b', { app: 'controller' });
  const gnp = (name: string, order: number | undefined, action: string) => `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: ${name}}
spec:
  ${order === undefined ? '' : `order: ${order}`}
  selector: app == 'controller'
  ingress: [{action: ${action}}]
`;

  test.each([
    ['a-allow', 'b-deny', true],
    ['z-allow', 'b-deny', false],
  ])('equal orders are broken by name: %s vs %s', (allowName, denyName, allowed) => {
    const policies = objects(gnp(allowName, 100, 'Allow') + '---' + gnp(denyName, 100, 'Deny'));
    const ingress = allowed ? allowedBy(ruleOf('GlobalNetworkPolicy', allowName, 'spec.ingress[0]')) : deniedBy(ruleOf('GlobalNetworkPolicy', denyName, 'spec.ingress[0]'));
    expectVerdict(policies, flow(a, b, 80), noPolicy, ingress);
  });

  test('an omitted order is applied last, after any explicit order', () => {
    expectVerdict(objects(gnp('a-deny', undefined, 'Deny') + '---' + gnp('z-allow', 1e9, 'Allow')), flow(a, b, 80), noPolicy, allowedBy(ruleOf('GlobalNetworkPolicy', 'z-allow', 'spec.ingress[0]')));
  });

  test('Pass in the last tier that applies leaves the flow to the profile, which allows', () => {
    expectVerdict(objects(gnp('pass-all', 1, 'Pass') + '---' + gnp('deny-all', 2, 'Deny')), flow(a, b, 80), noPolicy, {
      allowed: true,
      reason: 'tier "default" passed by GlobalNetworkPolicy pass-all spec.ingress[0]; past the last tier the namespace profile kns.ctrl-system allows it',
    });
  });

  test('Log never decides: a Log-only policy still ends the tier with a drop', () => {
    expectVerdict(objects(gnp('log-all', 1, 'Log')), flow(a, b, 80), noPolicy, endOfTier('default'));
  });

  test('the end-of-tier drop names the policies that applied', () => {
    const v = verdict(objects(gnp('log-all', 1, 'Log') + '---' + gnp('other', 2, 'Log')), flow(a, b, 80));
    expect(v.ingress.reason).toBe(
      'end of tier "default": GlobalNetworkPolicy log-all, GlobalNetworkPolicy other apply to ctrl-system/b for Ingress but no rule allowed, denied or passed the flow; the tier\'s default action is Deny',
    );
  });

  describe('the built-in ClusterNetworkPolicy tiers (kube-admin 1,000 Pass; kube-baseline 10,000,000 Pass) exist without Tier objects', () => {
    const inTier = (tier: string, name: string, rule: string) => `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: ${tier}
  selector: app == 'controller'
  ingress: [${rule}]
`;
    const k8sAllow80 = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-80, namespace: ctrl-system}
spec:
  podSelector: {matchLabels: {app: controller}}
  ingress: [{ports: [{port: 80}]}]
`;
    test('kube-admin decides before the default tier', () => {
      expectVerdict(
        objects(inTier('kube-admin', 'admin-deny-80', '{action: Deny, protocol: TCP, destination: {ports: [80]}}') + '---' + k8sAllow80),
        flow(a, b, 80),
        noPolicy,
        deniedBy(ruleOf('GlobalNetworkPolicy', 'admin-deny-80', 'spec.ingress[0]')),
      );
    });

    test('kube-admin ends with Pass: unmatched traffic goes on to the Kubernetes NetworkPolicy', () => {
      expectVerdict(
        objects(inTier('kube-admin', 'admin-deny-22', '{action: Deny, protocol: TCP, destination: {ports: [22]}}') + '---' + k8sAllow80),
        flow(a, b, 80),
        noPolicy,
        allowedBy(ruleOf('K8sNetworkPolicy', 'allow-80', 'spec.ingress[0]', 'ctrl-system')),
      );
    });

    test('kube-baseline is consulted only for pods no default-tier policy isolates', () => {
      const baseline = inTier('kube-baseline', 'baseline-allow-8080', '{action: Allow, protocol: TCP, destination: {ports: [8080]}}');
      expectVerdict(objects(baseline), flow(a, b, 8080), noPolicy, allowedBy(ruleOf('GlobalNetworkPolicy', 'baseline-allow-8080', 'spec.ingress[0]')));
      expectVerdict(objects(baseline), flow(a, b, 9090), noPolicy, { allowed: true, reason: expect.stringMatching(/^tier "kube-baseline" ended with its defaultAction Pass; past the last tier/) });
      expectVerdict(objects(baseline + '---' + k8sAllow80), flow(a, b, 8080), noPolicy, endOfTier('default'));
    });
  });
});

describe('a rule-less deny-all policy takes no action: the allowlist wins whatever the orders', () => {
  const controller = pod('ctrl-system', 'controller', { app: 'controller' });
  const client = pod('ctrl-system', 'client');
  const allowlist = `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: controller-allow, namespace: ctrl-system}
spec:
  order: 100
  selector: app == 'controller'
  types: [Ingress]
  ingress: [{action: Allow, protocol: TCP, destination: {ports: [9443]}}]
`;
  const denyAll = (order: number | undefined) => `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ctrl-system}
spec:
  ${order === undefined ? '' : `order: ${order}`}
  selector: all()
  types: [Ingress, Egress]
`;
  test.each([1, 99, 100, 101, 1000, 2000, undefined])('deny-all at order %p', (order) => {
    const policies = objects(allowlist + '---' + denyAll(order));
    expectVerdict(policies, flow(client, controller, 9443), endOfTier('default'), allowedBy(ruleOf('NetworkPolicy', 'controller-allow', 'spec.ingress[0]', 'ctrl-system')));
    expectVerdict(policies, flow(client, controller, 8080), endOfTier('default'), endOfTier('default'));
  });
});

describe('Kubernetes NetworkPolicy at order 1000 in the default tier, beside Calico policies', () => {
  const webhook = pod('ctrl-system', 'controller', { app: 'controller' });
  const client = pod('ctrl-system', 'client');
  const k8sAllow = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow, namespace: ctrl-system}
spec:
  podSelector: {matchLabels: {app: controller}}
  ingress: [{ports: [{port: 9443}]}]
`;
  const calicoDeny = (name: string, order: number) => `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ctrl-system}
spec:
  order: ${order}
  selector: app == 'controller'
  ingress: [{action: Deny, protocol: TCP, destination: {ports: [9443]}}]
`;
  const k8sRule = ruleOf('K8sNetworkPolicy', 'allow', 'spec.ingress[0]', 'ctrl-system');

  test.each<[string, number, boolean]>([
    ['deny', 999, false],
    ['deny', 1001, true],
    // Equal order: felix compares "<name>/<namespace>/<kind>", and the Kubernetes one is named knp.default.allow.
    ['deny', 1000, false],
    ['zz-deny', 1000, true],
  ])('a Calico Deny named %p at order %p', (name, order, allowed) => {
    const ingress = allowed ? allowedBy(k8sRule) : deniedBy(ruleOf('NetworkPolicy', name, 'spec.ingress[0]', 'ctrl-system'));
    expectVerdict(objects(k8sAllow + '---' + calicoDeny(name, order)), flow(client, webhook, 9443), noPolicy, ingress);
  });

  test('an ipBlock, converted to nets, matches pod addresses too', () => {
    const policy = objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: ctrl-system}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.1.0.0/16}}]}]
`);
    expectVerdict(policy, flow(client, webhook, 9443), allowedBy(ruleOf('K8sNetworkPolicy', 'egress', 'spec.egress[0]', 'ctrl-system')), noPolicy);
    expectVerdict(policy, flow(client, internet, 443), endOfTier('default'), notAPod('destination'));
  });

  test('policyTypes omitted: the API server default (Ingress, plus Egress with egress rules) isolates both ways', () => {
    const policy = objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns-only, namespace: ctrl-system}
spec:
  podSelector: {}
  egress: [{ports: [{port: 53, protocol: UDP}]}]
`);
    expectVerdict(policy, flow(client, dns, 53, 'UDP'), allowedBy(ruleOf('K8sNetworkPolicy', 'dns-only', 'spec.egress[0]', 'ctrl-system')), noPolicy);
    expectVerdict(policy, flow(client, webhook, 9443), endOfTier('default'), endOfTier('default'));
  });
});

describe('types defaulting (networkpolicy.mdx, clientv3 defaultPolicyTypesField)', () => {
  const x = pod('ctrl-system', 'x');
  const y = pod('ctrl-system', 'y');
  test('only egress rules: Egress only', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: egress-only, namespace: ctrl-system}
spec:
  egress: [{action: Allow, protocol: UDP, destination: {ports: [53]}}]
`);
    expectVerdict(policy, flow(x, y, 80), endOfTier('default'), noPolicy);
  });

  test('no rules at all: Ingress only', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: nothing, namespace: ctrl-system}
spec: {}
`);
    expectVerdict(policy, flow(x, y, 80), noPolicy, endOfTier('default'));
  });

  test('both: Ingress and Egress', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: both, namespace: ctrl-system}
spec:
  ingress: [{action: Allow, protocol: TCP, destination: {ports: [81]}}]
  egress: [{action: Allow, protocol: TCP, destination: {ports: [81]}}]
`);
    expectVerdict(policy, flow(x, y, 80), endOfTier('default'), endOfTier('default'));
  });
});
