import { enabledUnder, NAMESPACE, renderChart as renderChartOf, renderedNamed, specOf, workloadIn, precedenceInput } from '../support/dialect-harness';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, ORIGINS_ANNOTATION, OWNER_ANNOTATION } from '../../src/constants';
import { valuesSchema, type ValuesInput } from '../../src/config/values-schema';
import { calico } from '../../src/dialects/calico/calico';
import { DIALECTS } from '../../src/dialects/index';
import { renderPolicies } from '../../src/dialects/render-policies';
import type { AllowlistPlan, DefaultDenyPlan } from '../../src/dialects/plan';
import { planPolicies } from '../../src/policy/plan-policies';
import { validateObject } from '../support/validate-object';

/* eslint-disable @typescript-eslint/no-explicit-any */

const DENY_NAME = 'stageset-controller-default-deny';
const SELECTOR =
  "app.kubernetes.io/component == 'controller' && app.kubernetes.io/instance == 'stageset-controller' && app.kubernetes.io/name == 'stageset-controller' && app.kubernetes.io/part-of == 'stageset-controller'";
const renderChart = (set: ValuesInput) => renderChartOf(calico, set);
const on = enabledUnder('calico');
const allowlist = (set: ValuesInput) => renderedNamed(calico, set, 'stageset-controller');

const spec = specOf;
const allow = (port: number) => ({ action: 'Allow', protocol: 'TCP', destination: { ports: [port] } });
const dns = (protocol: string, namespace = 'kube-system') => ({
  action: 'Allow',
  protocol,
  destination: { namespaceSelector: `kubernetes.io/metadata.name == '${namespace}'`, ports: [53] },
});
const APISERVER_RULE = { action: 'Allow', protocol: 'TCP', destination: { nets: ['10.0.0.10/32'], ports: [6443, 443] } };

const COMBINATIONS: [string, ValuesInput][] = [
  ['defaults', on()],
  ['default-deny', on({ defaultDeny: { enabled: true } })],
  ['egress + default-deny', on({ defaultDeny: { enabled: true }, egress: { enabled: true } })],
  ['egress without DNS + default-deny', on({ defaultDeny: { enabled: true }, egress: { enabled: true, dns: false } })],
  ['custom deny order', on({ defaultDeny: { enabled: true, order: 101 } }, { mcp: { enabled: true } })],
  ['passthrough', on({ egress: { enabled: true }, defaultDeny: { enabled: true }, calico: { ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'prometheus'" } }], egress: [APISERVER_RULE] } })],
];

describe('rendering', () => {
  test('the whole allowlist with egress', () => {
    expect(allowlist(on({ egress: { enabled: true } }, { mcp: { enabled: true } }))).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: 'stageset-controller', namespace: NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }, annotations: { [OWNER_ANNOTATION]: 'ControllerNetworkPolicy/np', [ORIGINS_ANNOTATION]: '{"spec.egress[0]":"networkPolicy.egress.dns","spec.egress[1]":"networkPolicy.egress.dns"}' } },
      spec: {
        tier: 'default',
        order: 100,
        selector: SELECTOR,
        types: ['Ingress', 'Egress'],
        ingress: [allow(8081), allow(9443), allow(8080), allow(8082), allow(8084)],
        egress: [dns('UDP'), dns('TCP')],
      },
    });
  });

  test('the whole default-deny: no rules, so unmatched traffic meets the end-of-tier deny', () => {
    const plan: DefaultDenyPlan = { type: 'defaultDeny', name: DENY_NAME, namespace: 'ns', egress: true };
    const values = valuesSchema.parse({ networkPolicy: { defaultDeny: { enabled: true, order: 3000 } } });
    const { object, origins } = calico.renderDefaultDeny(plan, calico.precedence(precedenceInput(calico, values)).precedence);
    expect(object).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: DENY_NAME, namespace: 'ns' },
      spec: { tier: 'default', order: 3000, selector: 'all()', types: ['Ingress', 'Egress'] },
    });
    expect(origins).toEqual([]);
    expect(validateObject(object)).toEqual([]);
  });

  test.each([['stageset-controller'], [DENY_NAME]])('%s: keys come in the order apiVersion, kind, metadata {name, namespace}, spec', (name) => {
    const object = renderChart(on({ defaultDeny: { enabled: true } })).objects.find((o) => o.metadata.name === name)!;
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(object.metadata).slice(0, 2)).toEqual(['name', 'namespace']);
  });

  test('ports are numbers and follow ports.*', () => {
    expect(spec(allowlist(on({}, { ports: { health: 18081, metrics: 18080, gate: 18082, webhook: 19443 } }))).ingress).toEqual([allow(18081), allow(19443), allow(18080), allow(18082)]);
  });

  test('the DNS rules follow egress.dnsNamespace', () => {
    expect(spec(allowlist(on({ egress: { enabled: true, dnsNamespace: 'openshift-dns' } }))).egress).toEqual([dns('UDP', 'openshift-dns'), dns('TCP', 'openshift-dns')]);
  });

  test('egress enabled with no rule keeps Egress in types (egress-isolated) and omits the empty list', () => {
    const s = spec(allowlist(on({ egress: { enabled: true, dns: false } })));
    expect(s.types).toEqual(['Ingress', 'Egress']);
    expect(s).not.toHaveProperty('egress');
  });

  test('passthrough egress is rendered only when egress is enabled', () => {
    expect(spec(allowlist(on({ calico: { egress: [APISERVER_RULE] } })))).not.toHaveProperty('egress');
  });

  test('origins map each verbatim rule back to its values path', () => {
    const { rendered } = renderChart(
      on({ egress: { enabled: true }, calico: { ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }], egress: [{ action: 'Deny', destination: { nets: ['10.1.0.0/16'] } }, APISERVER_RULE] } }),
    );
    expect(rendered[0]!.origins).toEqual([
      { objectPath: 'spec.ingress[4]', valuesPath: 'networkPolicy.calico.ingress[0]', verbatim: true },
      { objectPath: 'spec.egress[0]', valuesPath: 'networkPolicy.egress.dns', verbatim: false },
      { objectPath: 'spec.egress[1]', valuesPath: 'networkPolicy.egress.dns', verbatim: false },
      { objectPath: 'spec.egress[2]', valuesPath: 'networkPolicy.calico.egress[0]', verbatim: true },
      { objectPath: 'spec.egress[3]', valuesPath: 'networkPolicy.calico.egress[1]', verbatim: true },
    ]);
    expect(spec(rendered[0]!.object).egress[3]).toEqual(APISERVER_RULE);
  });

  test("the selector is generated from the plan's pod selector, matchExpressions included", () => {
    const plan: AllowlistPlan = {
      type: 'allowlist',
      name: 'x',
      namespace: 'ns',
      podSelector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }, { key: 'canary', operator: 'DoesNotExist' }] },
      workload: workloadIn(NAMESPACE).ref,
      ingress: [{ name: 'health', port: 8081, from: [] }],
      additionalIngress: [],
      nativeIngress: [],
    };
    const { object } = calico.renderAllowlist(plan, { allow: 100 });
    expect(spec(object).selector).toBe("app == 'x' && tier not in {'a'} && !has(canary)");
    expect(validateObject(object)).toEqual([]);
    expect(spec(calico.renderAllowlist({ ...plan, podSelector: {} }, { allow: 100 }).object).selector).toBe('all()');
  });

  test('the dialect is registered for the calico engine', () => {
    expect(DIALECTS.calico).toBe(calico);
    expect(calico).toMatchObject({ engine: 'calico', apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', clusterScoped: false });
  });
});

describe('precedence', () => {
  test.each<[string, ValuesInput, { allow: number; deny: number }]>([
    ['defaults', {}, { allow: 100, deny: 2000 }],
    ['default-deny on, default order', { networkPolicy: { defaultDeny: { enabled: true } } }, { allow: 100, deny: 2000 }],
    ['the smallest order above the allowlist', { networkPolicy: { defaultDeny: { enabled: true, order: 100.5 } } }, { allow: 100, deny: 100.5 }],
    ['a low order is no problem while default-deny is off', { networkPolicy: { defaultDeny: { enabled: false, order: 5 } } }, { allow: 100, deny: 5 }],
  ])('%s', (_title, set, expected) => {
    expect(calico.precedence(precedenceInput(calico, set))).toEqual({ precedence: expected, problems: [], notes: [] });
  });

  test.each([[100], [50], [0], [-1]])('trap 12 (corrected): a deny order of %d, at or before the allowlist, renders: the rule-less deny-all takes no action, so its order changes nothing', (order) => {
    const values = valuesSchema.parse(on({ defaultDeny: { enabled: true, order } }));
    const { plans, precedence } = planPolicies(values, [workloadIn(NAMESPACE)], calico);
    const outcome = renderPolicies(plans, calico, precedence);
    expect(outcome.problems).toEqual([]);
    expect(outcome.rendered.map((r) => (r.object.spec as { order: number }).order)).toEqual([100, order]);
  });
});

describe('traps: what a naive renderer gets wrong', () => {
  test.each(COMBINATIONS)('every rendered object passes validateObject, schema and semantic checks (%s)', (_name, set) => {
    const { objects } = renderChart(set);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(validateObject(object)).toEqual([]);
  });

  test.each(COMBINATIONS)('trap 12: every policy sits in tier default with a numeric order, the allowlist before the deny-all (%s)', (_name, set) => {
    const { values, objects } = renderChart(set);
    for (const object of objects) {
      expect(spec(object).tier).toBe('default');
      expect(typeof spec(object).order).toBe('number');
    }
    const denyObject = objects.find((o) => o.metadata.name === DENY_NAME);
    const allowObject = objects.find((o) => o.metadata.name !== DENY_NAME)!;
    if (denyObject) expect(spec(allowObject).order).toBeLessThan(spec(denyObject).order);
    if (denyObject) expect(spec(denyObject).order).toBe(values.networkPolicy.defaultDeny.order);
  });

  test.each(COMBINATIONS)('trap 13: every policy states its types explicitly, Egress exactly when egress is enabled (%s)', (_name, set) => {
    const { values, objects } = renderChart(set);
    for (const object of objects) expect(spec(object).types).toEqual(values.networkPolicy.egress.enabled ? ['Ingress', 'Egress'] : ['Ingress']);
  });

  test.each(COMBINATIONS)('trap 14: no spec.namespaceSelector (namespaced Calico policies have none) (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) expect(spec(object)).not.toHaveProperty('namespaceSelector');
  });

  test.each(COMBINATIONS)('trap 15: every rule with ports names its protocol, and actions are Calico\'s (never Accept) (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      for (const rule of [...(spec(object).ingress ?? []), ...(spec(object).egress ?? [])]) {
        expect(['Allow', 'Deny', 'Log', 'Pass']).toContain(rule.action);
        if (rule.destination?.ports || rule.source?.ports) expect(rule.protocol).toBeDefined();
      }
    }
  });

  test.each(COMBINATIONS)('trap 16: projectcalico.org/v3, never crd.projectcalico.org/v1 (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) expect(object.apiVersion).toBe('projectcalico.org/v3');
  });

  test.each(COMBINATIONS)('chart defect 1.6.5: every rendered DNS rule is scoped to the DNS namespace (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      for (const rule of spec(object).egress ?? []) {
        if (rule.destination?.ports?.includes(53)) expect(rule.destination.namespaceSelector).toBe("kubernetes.io/metadata.name == 'kube-system'");
      }
    }
  });

  test.each(COMBINATIONS)('the deny-all has no rules, so it can never pre-empt an allow (%s)', (_name, set) => {
    const denyObject = renderChart(set).objects.find((o) => o.metadata.name === DENY_NAME);
    if (!denyObject) return;
    expect(spec(denyObject)).not.toHaveProperty('ingress');
    expect(spec(denyObject)).not.toHaveProperty('egress');
    expect(spec(denyObject).selector).toBe('all()');
  });
});

describe('lint', () => {
  const lint = (set: ValuesInput) => {
    const { objects, allowlist } = renderChart(set);
    return calico.lint(objects.find((o) => o.metadata.name !== DENY_NAME)!, allowlist!);
  };
  const egress = (rules: Record<string, unknown>[], dns = true) => on({ egress: { enabled: true, dns }, calico: { egress: rules } });

  test.each<[string, ValuesInput]>([
    ['egress disabled: nothing to check', on()],
    ['nets on 6443 and 443', egress([APISERVER_RULE])],
    ['nets on a port range string', egress([{ action: 'Allow', protocol: 'TCP', destination: { nets: ['10.0.0.10/32'], ports: ['443:6443'] } }])],
    ['a TCP rule with no destination opens every destination and port', egress([{ action: 'Allow', protocol: 'TCP' }])],
    ['a rule with no protocol and no destination allows everything', egress([{ action: 'Allow' }])],
    ['a destination with ports only is any destination', egress([{ action: 'Allow', protocol: 'TCP', destination: { ports: [6443] } }])],
    ['the kubernetes Service as destination', egress([{ action: 'Allow', protocol: 'TCP', destination: { services: { name: 'kubernetes', namespace: 'default' } } }])],
  ])('no finding: %s', (_title, set) => {
    expect(lint(set)).toEqual([]);
  });

  test.each<[string, ValuesInput, RegExp]>([
    ['egress with DNS only', egress([]), /no rule allows the kube-apiserver.*declare it in networkPolicy.egress.apiserver \(apiserver: \{\} is enough/],
    ['egress with no rule at all', egress([], false), /no rule allows the kube-apiserver/],
    ['a pod selector destination', egress([{ action: 'Allow', protocol: 'TCP', destination: { selector: "app == 'x'", ports: [6443] } }]), /no rule allows the kube-apiserver/],
    ['a UDP rule to nets', egress([{ action: 'Allow', protocol: 'UDP', destination: { nets: ['10.0.0.10/32'], ports: [6443] } }]), /no rule allows the kube-apiserver/],
    ['a Deny rule to nets', egress([{ action: 'Deny', protocol: 'TCP', destination: { nets: ['10.0.0.10/32'], ports: [6443] } }]), /no rule allows the kube-apiserver/],
    ['another Service', egress([{ action: 'Allow', protocol: 'TCP', destination: { services: { name: 'other', namespace: 'default' } } }]), /no rule allows the kube-apiserver/],
    ['nets on 443 only', egress([{ action: 'Allow', protocol: 'TCP', destination: { nets: ['10.96.0.1/32'], ports: [443] } }]), /443 only.*6443/],
  ])('warns on networkPolicy.egress.apiserver: %s', (_title, set, message) => {
    const findings = lint(set);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toBe('networkPolicy.egress.apiserver');
    expect(findings[0]!.message).toMatch(message);
  });
});

describe('NetworkPolicy-shaped values translated into Calico entity rules (conversion.go semantics)', () => {
  const metrics = (from: object[]) => spec(allowlist(on({ metrics: { from } }))).ingress.filter((r: any) => r.destination?.ports?.[0] === 8080);
  const to8080 = { destination: { ports: [8080] } };

  test.each<[string, object[], object[]]>([
    ['a namespaceSelector is a namespaceSelector', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], [{ action: 'Allow', protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" }, ...to8080 }]],
    ['every namespace', [{ namespaceSelector: {} }], [{ action: 'Allow', protocol: 'TCP', source: { namespaceSelector: 'all()' }, ...to8080 }]],
    ['a bare podSelector is a selector (the policy namespace)', [{ podSelector: { matchLabels: { app: 'prometheus' } } }], [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'prometheus'" }, ...to8080 }]],
    [
      'pods AND namespaces stay in one entity; two peers are two rules',
      [{ podSelector: { matchLabels: { app: 'p' } }, namespaceSelector: { matchLabels: { team: 'obs' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
      [
        { action: 'Allow', protocol: 'TCP', source: { selector: "app == 'p'", namespaceSelector: "team == 'obs'" }, ...to8080 },
        { action: 'Allow', protocol: 'TCP', source: { nets: ['10.0.0.0/8'], notNets: ['10.1.0.0/16'] }, ...to8080 },
      ],
    ],
  ])('%s', (_title, from, expected) => {
    expect(metrics(from)).toEqual(expected);
  });

  test('additionalIngress and egress.to: one rule per protocol, ranges as "min:max", a protocol without port opens all of its ports', () => {
    const object = allowlist(
      on({
        additionalIngress: [{ ports: [{ protocol: 'UDP' }, { port: 9000, endPort: 9010 }, { port: 9100 }] }, {}],
        egress: { enabled: true, dns: false, to: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 6443 }] }, { to: [{ namespaceSelector: {} }] }] },
      }),
    );
    expect(spec(object).ingress.slice(-3)).toEqual([
      { action: 'Allow', protocol: 'UDP' },
      { action: 'Allow', protocol: 'TCP', destination: { ports: ['9000:9010', 9100] } },
      { action: 'Allow' },
    ]);
    expect(spec(object).egress).toEqual([
      { action: 'Allow', protocol: 'TCP', destination: { nets: ['192.168.0.0/16'], ports: [6443] } },
      { action: 'Allow', destination: { namespaceSelector: 'all()' } },
    ]);
    expect(validateObject(object)).toEqual([]);
  });

  test('a native Allow on the metrics port replaces its generated open rule; a Deny does not', () => {
    const native = { action: 'Allow', protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" }, destination: { ports: [8080] } };
    expect(spec(allowlist(on({ calico: { ingress: [native] } }))).ingress).toEqual([allow(8081), allow(9443), allow(8082), native]);
    const deny = { ...native, action: 'Deny' };
    expect(spec(allowlist(on({ calico: { ingress: [deny] } }))).ingress).toEqual([allow(8081), allow(9443), allow(8080), allow(8082), deny]);
  });
});
