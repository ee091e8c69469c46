import { enabledUnder, NAMESPACE, renderChart as renderChartOf, renderedNamed, SELECTOR_LABELS, specOf, workloadIn, precedenceInput } from '../support/dialect-harness';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, ORIGINS_ANNOTATION, OWNER_ANNOTATION } from '../../src/constants';
import type { ValuesInput } from '../../src/config/values-schema';
import { cilium } from '../../src/dialects/cilium/cilium';
import { DIALECTS } from '../../src/dialects/index';
import type { KubeObject } from '../../src/k8s/kube-object';
import type { AllowlistPlan, DefaultDenyPlan } from '../../src/dialects/plan';
import { validateObject } from '../support/validate-object';

/* eslint-disable @typescript-eslint/no-explicit-any */

const DENY_NAME = 'stageset-controller-default-deny';
const renderChart = (set: ValuesInput) => renderChartOf(cilium, set);
const on = enabledUnder('cilium');
const allowlist = (set: ValuesInput) => renderedNamed(cilium, set, 'stageset-controller');

const spec = specOf;

/** Every value found under a key anywhere in a tree, with its path. */
function findKey(tree: unknown, key: string, path = ''): string[] {
  if (Array.isArray(tree)) return tree.flatMap((v, i) => findKey(v, key, `${path}[${i}]`));
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => [...(k === key ? [`${path}.${k}`] : []), ...findKey(v, key, `${path}.${k}`)]);
}

/** Every `ports[]` entry of every toPorts in a spec. */
function portEntries(object: KubeObject): any[] {
  const rules = [...(spec(object).ingress ?? []), ...(spec(object).egress ?? [])];
  return rules.flatMap((rule: any) => (rule.toPorts ?? []).flatMap((p: any) => p.ports ?? []));
}

const toPorts = (port: string) => ({ toPorts: [{ ports: [{ port, protocol: 'TCP' }] }] });
const APISERVER_RULE = { toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }, { port: '443', protocol: 'TCP' }] }] };

// The combinations every trap test runs over: defaults, everything on, egress without DNS, passthrough.
const COMBINATIONS: [string, ValuesInput][] = [
  ['defaults', on()],
  ['default-deny', on({ defaultDeny: { enabled: true } })],
  ['egress + default-deny', on({ defaultDeny: { enabled: true }, egress: { enabled: true } })],
  ['egress without DNS', on({ egress: { enabled: true, dns: false } })],
  ['every port', on({ egress: { enabled: true } }, { mcp: { enabled: true } })],
  ['passthrough with toFQDNs', on({ egress: { enabled: true }, defaultDeny: { enabled: true }, cilium: { ingress: [{ fromEntities: ['cluster'] }], egress: [{ toFQDNs: [{ matchName: 'example.com' }] }, APISERVER_RULE] } })],
];

describe('rendering', () => {
  test('the whole allowlist with egress: one L3-wildcard rule per port in plan order, then DNS', () => {
    expect(allowlist(on({ egress: { enabled: true } }, { mcp: { enabled: true } }))).toEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'stageset-controller', namespace: NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }, annotations: { [OWNER_ANNOTATION]: 'ControllerNetworkPolicy/np', [ORIGINS_ANNOTATION]: '{"spec.egress[0]":"networkPolicy.egress.dns"}' } },
      spec: {
        endpointSelector: { matchLabels: SELECTOR_LABELS },
        enableDefaultDeny: { ingress: true, egress: true },
        ingress: [toPorts('8081'), toPorts('9443'), toPorts('8080'), toPorts('8082'), toPorts('8084')],
        egress: [
          {
            toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
            toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }],
          },
        ],
      },
    });
  });

  test('the whole default-deny', () => {
    const plan: DefaultDenyPlan = { type: 'defaultDeny', name: DENY_NAME, namespace: 'ns', egress: true };
    const { object, origins } = cilium.renderDefaultDeny(plan);
    expect(object).toEqual({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: DENY_NAME, namespace: 'ns' },
      spec: { description: expect.stringMatching(/default-deny/), endpointSelector: {}, enableDefaultDeny: { ingress: true, egress: true }, ingress: [{ fromEntities: ['none'] }], egress: [{ toEntities: ['none'] }] },
    });
    expect((object.spec as any).description).toMatch(/ingressDeny\/egressDeny/);
    expect(origins).toEqual([]);
    expect(validateObject(object)).toEqual([]);
  });

  test.each([
    ['allowlist', on({ defaultDeny: { enabled: true } }), 'stageset-controller'],
    ['default-deny', on({ defaultDeny: { enabled: true } }), DENY_NAME],
  ])('%s keys come in the order apiVersion, kind, metadata {name, namespace}, spec', (_what, set, name) => {
    const object = renderChart(set).objects.find((o) => o.metadata.name === name)!;
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(object.metadata).slice(0, 2)).toEqual(['name', 'namespace']);
  });

  test('ports follow ports.*', () => {
    const { ingress } = spec(allowlist(on({}, { ports: { health: 18081, metrics: 18080, gate: 18082, webhook: 19443 } })));
    expect(ingress).toEqual([toPorts('18081'), toPorts('19443'), toPorts('18080'), toPorts('18082')]);
  });

  test('the DNS rule follows egress.dnsNamespace', () => {
    expect(spec(allowlist(on({ egress: { enabled: true, dnsNamespace: 'openshift-dns' } }))).egress[0].toEndpoints).toEqual([{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'openshift-dns' } }]);
  });

  test('deviation: the DNS rule carries rules.dns matchPattern "*" only when a passthrough egress rule uses toFQDNs (the chart always adds it)', () => {
    const egress = spec(allowlist(on({ egress: { enabled: true }, cilium: { egress: [{ toFQDNs: [{ matchPattern: '*.example.com' }] }] } }))).egress;
    expect(egress[0]).toEqual({
      toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
      toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }], rules: { dns: [{ matchPattern: '*' }] } }],
    });
    const withoutFqdns = spec(allowlist(on({ egress: { enabled: true }, cilium: { egress: [APISERVER_RULE] } }))).egress;
    expect(findKey(withoutFqdns, 'rules')).toEqual([]);
  });

  test('egress enabled with no rule at all still egress-isolates the controller: a rule naming the entity none', () => {
    expect(spec(allowlist(on({ egress: { enabled: true, dns: false } }))).egress).toEqual([{ toEntities: ['none'] }]);
  });

  test('egress without DNS renders the passthrough rules alone', () => {
    expect(spec(allowlist(on({ egress: { enabled: true, dns: false }, cilium: { egress: [APISERVER_RULE] } }))).egress).toEqual([APISERVER_RULE]);
  });

  test('passthrough egress is rendered only when egress is enabled', () => {
    expect(spec(allowlist(on({ cilium: { egress: [APISERVER_RULE] } })))).not.toHaveProperty('egress');
  });

  test('origins map each verbatim rule back to its values path', () => {
    const { rendered } = renderChart(
      on({ egress: { enabled: true }, cilium: { ingress: [{ fromEntities: ['cluster'] }, { fromEntities: ['world'] }], egress: [APISERVER_RULE] } }),
    );
    expect(rendered[0]!.origins).toEqual([
      { objectPath: 'spec.ingress[4]', valuesPath: 'networkPolicy.cilium.ingress[0]', verbatim: true },
      { objectPath: 'spec.ingress[5]', valuesPath: 'networkPolicy.cilium.ingress[1]', verbatim: true },
      { objectPath: 'spec.egress[0]', valuesPath: 'networkPolicy.egress.dns', verbatim: false },
      { objectPath: 'spec.egress[1]', valuesPath: 'networkPolicy.cilium.egress[0]', verbatim: true },
    ]);
    expect(spec(rendered[0]!.object).ingress[5]).toEqual({ fromEntities: ['world'] });
    expect(spec(rendered[0]!.object).egress[1]).toEqual(APISERVER_RULE);
  });

  test('origins count from the first egress rule when DNS is off', () => {
    const { rendered } = renderChart(on({ egress: { enabled: true, dns: false }, cilium: { egress: [APISERVER_RULE] } }));
    expect(rendered[0]!.origins).toEqual([{ objectPath: 'spec.egress[0]', valuesPath: 'networkPolicy.cilium.egress[0]', verbatim: true }]);
  });

  test('the endpointSelector is the plan\'s pod selector, matchExpressions included', () => {
    const podSelector = { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['a'] }] };
    const plan: AllowlistPlan = { type: 'allowlist', name: 'x', namespace: 'ns', podSelector, workload: workloadIn(NAMESPACE).ref, ingress: [{ name: 'health', port: 8081, from: [] }], additionalIngress: [], nativeIngress: [] };
    const { object } = cilium.renderAllowlist(plan);
    expect(spec(object).endpointSelector).toEqual(podSelector);
    expect(validateObject(object)).toEqual([]);
  });

  test('precedence: Cilium has none, and no value can be a problem', () => {
    expect(cilium.precedence(precedenceInput(cilium, { networkPolicy: { defaultDeny: { enabled: true, order: -5 } } }))).toEqual({ precedence: {}, problems: [], notes: [] });
  });

  test('the dialect is registered for the cilium engine', () => {
    expect(DIALECTS.cilium).toBe(cilium);
    expect(cilium).toMatchObject({ engine: 'cilium', apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', clusterScoped: false });
  });
});

describe('traps: what a naive renderer gets wrong', () => {
  test.each(COMBINATIONS)('every rendered object passes validateObject, schema and semantic checks (%s)', (_name, set) => {
    const { objects } = renderChart(set);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(validateObject(object)).toEqual([]);
  });

  test.each(COMBINATIONS)('trap 6: no ingressDeny/egressDeny anywhere (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      expect(findKey(object, 'ingressDeny')).toEqual([]);
      expect(findKey(object, 'egressDeny')).toEqual([]);
    }
  });

  test.each(COMBINATIONS)('trap 7: enableDefaultDeny is explicit for exactly the sections a spec has, and every spec has one for the CRD anyOf (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      expect(spec(object).ingress ?? spec(object).egress).toBeDefined();
      expect(spec(object).enableDefaultDeny).toEqual({ ingress: true, ...(spec(object).egress ? { egress: true } : {}) });
    }
  });

  test.each(COMBINATIONS)('trap 6: no rendered rule is the empty rule {}, read as allow-nothing or allow-all depending on the Cilium version (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      for (const rule of [...(spec(object).ingress ?? []), ...(spec(object).egress ?? [])]) expect(Object.keys(rule).length).toBeGreaterThan(0);
    }
  });

  test.each(COMBINATIONS)('trap 8: every rendered port is a string of digits and every protocol an upper-case enum value (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      for (const entry of portEntries(object)) {
        expect(typeof entry.port).toBe('string');
        expect(entry.port).toMatch(/^\d+$/);
        expect(['TCP', 'UDP', 'SCTP', 'ANY']).toContain(entry.protocol);
      }
    }
  });

  test('trap 8: one L3 selector kind per rendered rule', () => {
    const object = allowlist(on({ egress: { enabled: true } }));
    const selectors = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes', 'fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromGroups', 'fromNodes'];
    for (const rule of [...spec(object).ingress, ...spec(object).egress]) expect(Object.keys(rule).filter((k) => selectors.includes(k)).length).toBeLessThanOrEqual(1);
  });

  test('trap 9: the DNS peer names its namespace with k8s:io.kubernetes.pod.namespace (else toEndpoints means the policy\'s own namespace)', () => {
    const dns = spec(allowlist(on({ egress: { enabled: true } }))).egress[0];
    expect(Object.keys(dns.toEndpoints[0].matchLabels)).toEqual(['k8s:io.kubernetes.pod.namespace']);
  });

  test('trap 10: with toFQDNs the DNS rule sends lookups through the DNS proxy', () => {
    const dns = spec(allowlist(on({ egress: { enabled: true }, cilium: { egress: [{ toFQDNs: [{ matchName: 'example.com' }] }] } }))).egress[0];
    expect(dns.toPorts[0].rules).toEqual({ dns: [{ matchPattern: '*' }] });
  });

  test('the allowlist ingress rules carry no from* selector: an L3 wildcard, so the apiserver and the kubelet (no pods) can reach the webhook and probes', () => {
    for (const rule of spec(allowlist(on({}, { mcp: { enabled: true } }))).ingress) expect(Object.keys(rule)).toEqual(['toPorts']);
  });

  test.each(COMBINATIONS)('chart defect 1.6.2: a default-deny never has an empty ingress or egress list (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      if (spec(object).ingress !== undefined) expect(spec(object).ingress.length).toBeGreaterThan(0);
      if (spec(object).egress !== undefined) expect(spec(object).egress.length).toBeGreaterThan(0);
    }
  });
});

describe('lint', () => {
  test.each([
    ['ingress', on({ cilium: { ingress: [{}] } })],
    ['egress', on({ egress: { enabled: true }, cilium: { egress: [{}, APISERVER_RULE] } })],
  ] as const)('a passthrough %s rule {} is a warning that names both readings', (direction, set) => {
    const { allowlist, objects } = renderChart(set);
    const findings = cilium.lint(objects[0]!, allowlist!);
    expect(findings).toEqual([{ path: `networkPolicy.cilium.${direction}[0]`, message: expect.stringMatching(/empty rule.*allowing nothing.*allowing every peer/) }]);
  });

  const lint = (set: ValuesInput) => {
    const { allowlist, objects } = renderChart(set);
    return cilium.lint(objects.find((o) => o.metadata.name !== DENY_NAME)!, allowlist!);
  };
  const egress = (rules: Record<string, unknown>[], dns = true) => on({ egress: { enabled: true, dns }, cilium: { egress: rules } });
  const entity = (entities: string[], ...ports: string[]) => ({ toEntities: entities, toPorts: [{ ports: ports.map((port) => ({ port, protocol: 'TCP' })) }] });

  test.each<[string, ValuesInput]>([
    ['egress disabled: nothing to check', on()],
    ['toEntities kube-apiserver on 6443 and 443', egress([APISERVER_RULE])],
    ['toEntities kube-apiserver on 6443 only', egress([entity(['kube-apiserver'], '6443')])],
    ['toEntities all', egress([{ toEntities: ['all'] }])],
    ['toEntities cluster without toPorts (every port)', egress([{ toEntities: ['cluster'] }])],
    ['a toPorts-only rule is an L3 wildcard', egress([toPorts('6443')])],
    ['a port range covering 443..6443', egress([{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '443', endPort: 6443, protocol: 'TCP' }] }] }])],
    ['toEntities with protocol ANY', egress([{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'ANY' }] }] }])],
    ['toCIDR next to a kube-apiserver entity rule', egress([{ toCIDR: ['10.0.0.1/32'] }, APISERVER_RULE])],
    ['toFQDNs with the DNS rule on', egress([{ toFQDNs: [{ matchName: 'example.com' }] }, APISERVER_RULE])],
    [
      'toFQDNs with DNS off but a passthrough DNS rule with rules.dns',
      egress(
        [
          { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] },
          { toFQDNs: [{ matchName: 'example.com' }] },
          APISERVER_RULE,
        ],
        false,
      ),
    ],
  ])('no finding: %s', (_title, set) => {
    expect(lint(set)).toEqual([]);
  });

  test.each<[string, ValuesInput, string, RegExp]>([
    ['egress with DNS only cannot reach the apiserver', egress([]), 'networkPolicy.egress.apiserver', /no rule allows the kube-apiserver.*toEntities: \[kube-apiserver\]/],
    ['egress with no rule at all', egress([], false), 'networkPolicy.egress.apiserver', /no rule allows the kube-apiserver/],
    ['a toEndpoints rule matches pods only', egress([{ toEndpoints: [{}], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }]), 'networkPolicy.egress.apiserver', /no rule allows the kube-apiserver/],
    ['a UDP-only kube-apiserver rule', egress([{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'UDP' }] }] }]), 'networkPolicy.egress.apiserver', /no rule allows the kube-apiserver/],
    ['toCIDR only', egress([{ toCIDR: ['10.0.0.1/32'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }]), 'networkPolicy.cilium.egress', /toCIDR\/toCIDRSet.*policy-cidr-match-mode=nodes.*toEntities: \[kube-apiserver\]/],
    ['toCIDRSet only', egress([{ toCIDRSet: [{ cidr: '10.0.0.0/24' }] }]), 'networkPolicy.cilium.egress', /policy-cidr-match-mode=nodes/],
    ['toEntities kube-apiserver on 443 only', egress([entity(['kube-apiserver'], '443')]), 'networkPolicy.egress.apiserver', /443 only.*6443/],
    ['toFQDNs with DNS off', egress([{ toFQDNs: [{ matchName: 'example.com' }] }, APISERVER_RULE], false), 'networkPolicy.egress.dns', /toFQDNs.*DNS proxy.*networkPolicy\.egress\.dns: true/],
  ])('warns: %s', (_title, set, path, message) => {
    const findings = lint(set);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toBe(path);
    expect(findings[0]!.message).toMatch(message);
  });
});

describe('NetworkPolicy-shaped values translated into Cilium peers (pkg/k8s/network_policy.go semantics, version-proof)', () => {
  const NS = 'k8s:io.kubernetes.pod.namespace';
  const metricsRule = (from: object[]) => spec(allowlist(on({ metrics: { from } }))).ingress.filter((r: any) => r.toPorts?.[0]?.ports?.[0]?.port === '8080');
  const port8080 = [{ ports: [{ port: '8080', protocol: 'TCP' }] }];

  test.each<[string, object[], object[]]>([
    ['a namespace by name is the namespace key itself', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], [{ fromEndpoints: [{ matchLabels: { [NS]: 'monitoring' } }], toPorts: port8080 }]],
    [
      'other namespace labels become namespace-label keys, and the namespace key must exist (old Cilium would confine them to the policy namespace)',
      [{ namespaceSelector: { matchLabels: { team: 'obs' } } }],
      [{ fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'obs' }, matchExpressions: [{ key: NS, operator: 'Exists' }] }], toPorts: port8080 }],
    ],
    ['every namespace', [{ namespaceSelector: {} }], [{ fromEndpoints: [{ matchExpressions: [{ key: NS, operator: 'Exists' }] }], toPorts: port8080 }]],
    ['a bare podSelector names the policy namespace explicitly', [{ podSelector: { matchLabels: { app: 'prometheus' } } }], [{ fromEndpoints: [{ matchLabels: { app: 'prometheus', [NS]: NAMESPACE } }], toPorts: port8080 }]],
    [
      'pods AND namespaces in one peer stay one selector',
      [{ podSelector: { matchLabels: { app: 'prometheus' } }, namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] } }],
      [{ fromEndpoints: [{ matchLabels: { app: 'prometheus' }, matchExpressions: [{ key: NS, operator: 'In', values: ['a', 'b'] }] }], toPorts: port8080 }],
    ],
    [
      'an ipBlock is a CIDR set with except, in its own rule (one L3 kind per rule)',
      [{ podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
      [
        { fromEndpoints: [{ matchLabels: { [NS]: NAMESPACE } }], toPorts: port8080 },
        { fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }], toPorts: port8080 },
      ],
    ],
  ])('%s', (_title, from, expected) => {
    expect(metricsRule(from)).toEqual(expected);
  });

  test('additionalIngress and egress.to: every protocol and port, a port range, and "every peer" without an empty rule', () => {
    const object = allowlist(
      on({
        additionalIngress: [{ ports: [{ protocol: 'UDP' }, { port: 9000, endPort: 9010 }] }, {}],
        egress: { enabled: true, dns: false, to: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 6443 }] }, { ports: [{ port: 'https', protocol: 'TCP' }] }] },
      }),
    );
    expect(spec(object).ingress.slice(-2)).toEqual([{ toPorts: [{ ports: [{ protocol: 'UDP' }, { port: '9000', endPort: 9010, protocol: 'TCP' }] }] }, { fromEntities: ['all'] }]);
    expect(spec(object).egress).toEqual([{ toCIDRSet: [{ cidr: '192.168.0.0/16' }], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }, { toPorts: [{ ports: [{ port: 'https', protocol: 'TCP' }] }] }]);
    expect(validateObject(object)).toEqual([]);
  });

  test('translated rules carry their values path, not verbatim', () => {
    const { rendered } = renderChart(on({ metrics: { from: [{ podSelector: {} }] }, additionalIngress: [{ ports: [{ port: 1 }] }] }));
    expect(rendered[0]!.origins).toEqual([
      { objectPath: 'spec.ingress[2]', valuesPath: 'networkPolicy.metrics.from', verbatim: false },
      { objectPath: 'spec.ingress[4]', valuesPath: 'networkPolicy.additionalIngress[0]', verbatim: false },
    ]);
  });

  test('a native rule that allows the metrics port replaces its generated open rule', () => {
    const native = { fromEndpoints: [{ matchLabels: { [NS]: 'monitoring' } }], toPorts: port8080 };
    const ingress = spec(allowlist(on({ cilium: { ingress: [native] } }))).ingress;
    expect(ingress).toEqual([toPorts('8081'), toPorts('9443'), toPorts('8082'), native]);
  });
});
