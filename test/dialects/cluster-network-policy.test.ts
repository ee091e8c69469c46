import { enabledUnder, NAMESPACE, renderChart as renderChartOf, renderedNamed, SELECTOR_LABELS, specOf, precedenceInput } from '../support/dialect-harness';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, ORIGINS_ANNOTATION, OWNER_ANNOTATION } from '../../src/constants';
import { valuesSchema, type ValuesInput } from '../../src/config/values-schema';
import { clusterNetworkPolicy as cnp } from '../../src/dialects/cluster-network-policy/cluster-network-policy';
import { DIALECTS } from '../../src/dialects/index';
import type { DefaultDenyPlan } from '../../src/dialects/plan';
import { validateObject } from '../support/validate-object';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ALLOW_NAME = `stageset-controller-${NAMESPACE}`;
const DENY_NAME = `stageset-controller-default-deny-${NAMESPACE}`;
const renderChart = (set: ValuesInput, namespaces = [NAMESPACE]) => renderChartOf(cnp, set, namespaces);
const on = enabledUnder('clusterNetworkPolicy');
const allowlist = (set: ValuesInput) => renderedNamed(cnp, set, ALLOW_NAME);

const spec = specOf;
const tcp = (number: number) => ({ tcp: { destinationPort: { number } } });
const accept = (name: string, port: number) => ({ name, action: 'Accept', from: [{ namespaces: {} }], protocols: [tcp(port)] });
const DNS_RULE = {
  name: 'dns',
  action: 'Accept',
  to: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
  protocols: [{ udp: { destinationPort: { number: 53 } } }, tcp(53)],
};
const DENY_INGRESS = { name: 'deny-everything-else', action: 'Deny', from: [{ namespaces: {} }] };
const DENY_EGRESS = { name: 'deny-everything-else', action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] };
const APISERVER_RULE = { name: 'apiserver', action: 'Accept', to: [{ networks: ['10.0.0.10/32'] }], protocols: [tcp(6443), tcp(443)] };

const COMBINATIONS: [string, ValuesInput][] = [
  ['defaults', on()],
  ['default-deny', on({ defaultDeny: { enabled: true } })],
  ['egress + default-deny', on({ defaultDeny: { enabled: true }, egress: { enabled: true } }, { mcp: { enabled: true } })],
  ['explicit priorities', on({ defaultDeny: { enabled: true, order: 500 }, clusterNetworkPolicy: { priority: 10 }, egress: { enabled: true, dns: false } })],
  ['passthrough', on({ egress: { enabled: true }, defaultDeny: { enabled: true }, clusterNetworkPolicy: { ingress: [accept('extra', 8443)], egress: [APISERVER_RULE] } })],
];

describe('rendering', () => {
  test('the whole allowlist with egress', () => {
    expect(allowlist(on({ egress: { enabled: true }, defaultDeny: { enabled: true } }, { mcp: { enabled: true } }))).toEqual({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: ALLOW_NAME, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }, annotations: { [OWNER_ANNOTATION]: 'ControllerNetworkPolicy/np', [ORIGINS_ANNOTATION]: '{"spec.egress[0]":"networkPolicy.egress.dns"}' } },
      spec: {
        tier: 'Baseline',
        priority: 900,
        subject: { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': NAMESPACE } }, podSelector: { matchLabels: SELECTOR_LABELS } } },
        ingress: [accept('health', 8081), accept('webhook', 9443), accept('metrics', 8080), accept('gate', 8082), accept('mcp', 8084), DENY_INGRESS],
        egress: [DNS_RULE, DENY_EGRESS],
      },
    });
  });

  test('the whole default-deny', () => {
    const plan: DefaultDenyPlan = { type: 'defaultDeny', name: 'stageset-controller-default-deny', namespace: 'ns', egress: true };
    const values = valuesSchema.parse({ networkPolicy: { defaultDeny: { enabled: true } } });
    const { object, origins } = cnp.renderDefaultDeny(plan, cnp.precedence(precedenceInput(cnp, values)).precedence);
    expect(object).toEqual({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'stageset-controller-default-deny-ns' },
      spec: {
        tier: 'Baseline',
        priority: 1000,
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ns' } } },
        ingress: [{ name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }],
        egress: [{ name: 'deny-all', action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] }],
      },
    });
    expect(origins).toEqual([]);
    expect(validateObject(object)).toEqual([]);
  });

  test.each([[ALLOW_NAME], [DENY_NAME]])('%s: keys come in the order apiVersion, kind, metadata {name}, spec', (name) => {
    const object = renderedNamed(cnp, on({ defaultDeny: { enabled: true } }), name);
    expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(object.metadata)[0]).toBe('name');
  });

  test('one allowlist per workload and one deny per namespace, each name carrying its namespace', () => {
    const { objects } = renderChart(on({ defaultDeny: { enabled: true } }), ['b', 'a']);
    expect(objects.map((o) => o.metadata.name)).toEqual(['stageset-controller-b', 'stageset-controller-a', 'stageset-controller-default-deny-a', 'stageset-controller-default-deny-b']);
    expect(new Set(objects.map((o) => o.metadata.name)).size).toBe(objects.length);
  });

  test('egress enabled with no rule: the allowlist\'s own Deny isolates egress (a CNP has no implicit isolation)', () => {
    expect(spec(allowlist(on({ egress: { enabled: true, dns: false } }))).egress).toEqual([DENY_EGRESS]);
  });

  test('without egress the allowlist ends in an ingress Deny only', () => {
    const s = spec(allowlist(on()));
    expect(s.ingress.at(-1)).toEqual(DENY_INGRESS);
    expect(s).not.toHaveProperty('egress');
  });

  test('passthrough egress is rendered only when egress is enabled', () => {
    expect(spec(allowlist(on({ clusterNetworkPolicy: { egress: [APISERVER_RULE] } })))).not.toHaveProperty('egress');
  });

  test('the DNS rule follows egress.dnsNamespace', () => {
    expect(spec(allowlist(on({ egress: { enabled: true, dnsNamespace: 'openshift-dns' } }))).egress[0].to).toEqual([{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } } }]);
  });

  test('origins map each verbatim rule back to its values path', () => {
    const { rendered } = renderChart(on({ egress: { enabled: true }, clusterNetworkPolicy: { ingress: [accept('extra', 8443)], egress: [APISERVER_RULE] } }));
    expect(rendered[0]!.origins).toEqual([
      { objectPath: 'spec.ingress[4]', valuesPath: 'networkPolicy.clusterNetworkPolicy.ingress[0]', verbatim: true },
      { objectPath: 'spec.egress[0]', valuesPath: 'networkPolicy.egress.dns', verbatim: false },
      { objectPath: 'spec.egress[1]', valuesPath: 'networkPolicy.clusterNetworkPolicy.egress[0]', verbatim: true },
    ]);
    expect(spec(rendered[0]!.object).egress[1]).toEqual(APISERVER_RULE);
  });

  test('the dialect is registered for the clusterNetworkPolicy engine', () => {
    expect(DIALECTS.clusterNetworkPolicy).toBe(cnp);
    expect(cnp).toMatchObject({ engine: 'clusterNetworkPolicy', apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', clusterScoped: true });
  });
});

describe('precedence', () => {
  const precedenceOf = (networkPolicy: Record<string, unknown>) => cnp.precedence(precedenceInput(cnp, { networkPolicy }));

  test.each<[string, Record<string, unknown>, { allow: number; deny?: number }, RegExp[]]>([
    ['defaults: the allowlist keeps the chart priority 1000 while there is no deny-all', {}, { allow: 1000 }, []],
    ['an out-of-range order is unused while default-deny is off', { defaultDeny: { order: 9000 } }, { allow: 1000 }, []],
    ['deviation: both chart defaults map, with a note each: deny 2000 → 1000, allow 1000 → 900', { defaultDeny: { enabled: true } }, { allow: 900, deny: 1000 }, [/order is the chart default 2000.*priority 1000/, /priority is the chart default 1000.*priority 900/]],
    ['an explicit order keeps the allowlist mapping only', { defaultDeny: { enabled: true, order: 950 } }, { allow: 900, deny: 950 }, [/priority is the chart default 1000/]],
    ['an explicit priority keeps the deny mapping only', { defaultDeny: { enabled: true }, clusterNetworkPolicy: { priority: 100 } }, { allow: 100, deny: 1000 }, [/order is the chart default 2000/]],
    ['explicit values are used as they are', { defaultDeny: { enabled: true, order: 500 }, clusterNetworkPolicy: { priority: 100 } }, { allow: 100, deny: 500 }, []],
    ['the bounds 0 and 1000 are valid', { defaultDeny: { enabled: true, order: 1000 }, clusterNetworkPolicy: { priority: 0 } }, { allow: 0, deny: 1000 }, []],
  ])('%s', (_title, networkPolicy, expected, notes) => {
    const result = precedenceOf(networkPolicy);
    expect(result.problems).toEqual([]);
    expect(result.precedence).toEqual(expected);
    expect(result.notes).toHaveLength(notes.length);
    notes.forEach((note, i) => expect(result.notes[i]).toMatch(note));
  });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['trap 1: an allowlist priority above 1000', { clusterNetworkPolicy: { priority: 1500 } }, 'networkPolicy.clusterNetworkPolicy.priority', /^1500 is outside the ClusterNetworkPolicy priority range 0\.\.1000.*set an integer in 0\.\.1000/],
    ['trap 1: a negative allowlist priority', { clusterNetworkPolicy: { priority: -1 } }, 'networkPolicy.clusterNetworkPolicy.priority', /^-1 is outside .*0\.\.1000/],
    ['trap 1: a deny order above 1000', { defaultDeny: { enabled: true, order: 9000 } }, 'networkPolicy.defaultDeny.order', /^9000 is outside the ClusterNetworkPolicy priority range 0\.\.1000.*set an integer in 0\.\.1000/],
    ['trap 1: a negative deny order', { defaultDeny: { enabled: true, order: -3 } }, 'networkPolicy.defaultDeny.order', /^-3 is outside/],
    ['trap 1: a fractional deny order (priority is an int32)', { defaultDeny: { enabled: true, order: 950.5 } }, 'networkPolicy.defaultDeny.order', /^950\.5 is outside .*integer/],
    ['trap 1: a deny order tying the mapped allowlist priority 900', { defaultDeny: { enabled: true, order: 900 } }, 'networkPolicy.defaultDeny.order', /^900 must be greater than the allowlist priority 900.*equal ones in undefined order.*set it to 901\.\.1000/],
    ['trap 1: a deny order before the mapped allowlist priority', { defaultDeny: { enabled: true, order: 100 } }, 'networkPolicy.defaultDeny.order', /^100 must be greater than the allowlist priority 900/],
    ['trap 1: an explicit allowlist priority after the deny-all', { defaultDeny: { enabled: true, order: 500 }, clusterNetworkPolicy: { priority: 700 } }, 'networkPolicy.clusterNetworkPolicy.priority', /^700 must be lower than the deny-all priority 500.*set it to 0\.\.499/],
    ['trap 1: an explicit allowlist priority tying the deny-all', { defaultDeny: { enabled: true, order: 300 }, clusterNetworkPolicy: { priority: 300 } }, 'networkPolicy.clusterNetworkPolicy.priority', /^300 must be lower than the deny-all priority 300/],
    ['trap 1: a deny order of 0 can only be fixed by raising it', { defaultDeny: { enabled: true, order: 0 }, clusterNetworkPolicy: { priority: 0 } }, 'networkPolicy.defaultDeny.order', /^0 must be greater than the allowlist priority 0.*set it to 1\.\.1000/],
  ])('%s is a problem', (_title, networkPolicy, path, message) => {
    const { problems } = precedenceOf(networkPolicy);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(path);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('traps: what a naive renderer gets wrong', () => {
  test.each(COMBINATIONS)('every rendered object passes validateObject, schema and semantic checks (%s)', (_name, set) => {
    const { objects } = renderChart(set);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(validateObject(object)).toEqual([]);
  });

  test.each(COMBINATIONS)('trap 1: every priority is an integer in 0..1000 and the allowlist ranks strictly before the deny-all (%s)', (_name, set) => {
    const { objects, problems } = renderChart(set);
    expect(problems).toEqual([]);
    for (const object of objects) {
      expect(Number.isInteger(spec(object).priority)).toBe(true);
      expect(spec(object).priority).toBeGreaterThanOrEqual(0);
      expect(spec(object).priority).toBeLessThanOrEqual(1000);
    }
    const denyObject = objects.find((o) => o.metadata.name === DENY_NAME);
    if (denyObject) expect(spec(objects.find((o) => o.metadata.name === ALLOW_NAME)!).priority).toBeLessThan(spec(denyObject).priority);
  });

  test.each(COMBINATIONS)('trap 2: actions are Accept/Deny/Pass, never Allow (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      for (const rule of [...(spec(object).ingress ?? []), ...(spec(object).egress ?? [])]) expect(['Accept', 'Deny', 'Pass']).toContain(rule.action);
    }
  });

  test.each(COMBINATIONS)('trap 3: tcp/udp always carry a destinationPort, and every subject, peer and protocol has exactly one key (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      const s = spec(object);
      expect(['Admin', 'Baseline']).toContain(s.tier);
      expect(Object.keys(s.subject)).toHaveLength(1);
      const rules = [...(s.ingress ?? []), ...(s.egress ?? [])];
      expect((s.ingress ?? []).length).toBeLessThanOrEqual(25);
      expect((s.egress ?? []).length).toBeLessThanOrEqual(25);
      for (const rule of rules) {
        expect(typeof rule.name).toBe('string');
        expect(rule.name.length).toBeLessThanOrEqual(100);
        const peers = rule.from ?? rule.to;
        expect(peers.length).toBeGreaterThanOrEqual(1);
        for (const peer of peers) expect(Object.keys(peer)).toHaveLength(1);
        for (const protocol of rule.protocols ?? []) {
          expect(Object.keys(protocol)).toHaveLength(1);
          for (const key of ['tcp', 'udp', 'sctp']) if (protocol[key]) expect(Object.keys(protocol[key].destinationPort)).toEqual(['number']);
        }
      }
    }
  });

  test.each(COMBINATIONS)('trap 3: ingress peers are namespaces or pods only, never networks (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      for (const rule of spec(object).ingress ?? []) for (const peer of rule.from) expect(['namespaces', 'pods']).toContain(Object.keys(peer)[0]);
    }
  });

  test.each(COMBINATIONS)('trap 3: cluster-scoped, so no metadata.namespace and the namespace is in the name (%s)', (_name, set) => {
    for (const object of renderChart(set).objects) {
      expect(object.metadata).not.toHaveProperty('namespace');
      expect(object.metadata.name.endsWith(`-${NAMESPACE}`)).toBe(true);
    }
  });

  test.each(COMBINATIONS)('trap 5 / chart defect 1.6.3: the deny-all is explicit Deny rules, its egress including networks 0.0.0.0/0 and ::/0 (%s)', (_name, set) => {
    const { values, objects } = renderChart(set);
    const denyObject = objects.find((o) => o.metadata.name === DENY_NAME);
    if (!denyObject) return;
    expect(spec(denyObject).ingress.every((r: any) => r.action === 'Deny')).toBe(true);
    if (!values.networkPolicy.egress.enabled) return expect(spec(denyObject)).not.toHaveProperty('egress');
    expect(spec(denyObject).egress[0].action).toBe('Deny');
    expect(spec(denyObject).egress[0].to).toContainEqual({ networks: ['0.0.0.0/0', '::/0'] });
  });
});

describe('lint', () => {
  const lint = (set: ValuesInput) => {
    const { allowlist, objects } = renderChart(set);
    return cnp.lint(objects.find((o) => o.metadata.name === ALLOW_NAME)!, allowlist!);
  };
  const egress = (rules: Record<string, unknown>[], dns = true) => on({ defaultDeny: { enabled: true }, egress: { enabled: true, dns }, clusterNetworkPolicy: { egress: rules } });
  const networks = (action: string, protocols?: Record<string, unknown>[]) => ({ name: 'apiserver', action, to: [{ networks: ['10.0.0.10/32'] }], ...(protocols ? { protocols } : {}) });

  test.each<[string, ValuesInput]>([
    ['egress disabled: nothing to check', on({ defaultDeny: { enabled: true } })],
    ['egress off: nothing to check', on()],
    ['networks on 6443 and 443', egress([APISERVER_RULE])],
    ['networks on every port', egress([networks('Accept')])],
    ['networks on a port range', egress([networks('Accept', [{ tcp: { destinationPort: { range: { start: 443, end: 6443 } } } }])])],
    ['Pass skips the rest of Baseline, i.e. to default allow', egress([networks('Pass', [tcp(6443)])])],
  ])('no finding: %s', (_title, set) => {
    expect(lint(set)).toEqual([]);
  });

  test.each<[string, ValuesInput, RegExp]>([
    ['egress with DNS only', egress([]), /no rule allows the kube-apiserver.*networks/],
    ['a namespaces peer matches pods only', egress([{ name: 'x', action: 'Accept', to: [{ namespaces: {} }], protocols: [tcp(6443)] }]), /no rule allows the kube-apiserver/],
    ['a Deny rule to networks', egress([networks('Deny', [tcp(6443)])]), /no rule allows the kube-apiserver/],
    ['a udp rule to networks', egress([networks('Accept', [{ udp: { destinationPort: { number: 6443 } } }])]), /no rule allows the kube-apiserver/],
    ['networks on 443 only', egress([networks('Accept', [tcp(443)])]), /443 only.*6443/],
  ])('warns on networkPolicy.egress.apiserver: %s', (_title, set, message) => {
    const findings = lint(set);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toBe('networkPolicy.egress.apiserver');
    expect(findings[0]!.message).toMatch(message);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['domainNames', { name: 'names', action: 'Accept', to: [{ domainNames: ['example.com'] }], protocols: [tcp(443)] }, 'the egress peer domainNames'],
    ['nodes', { name: 'nodes', action: 'Accept', to: [{ nodes: { matchLabels: { 'node-role.kubernetes.io/control-plane': '' } } }], protocols: [tcp(6443)] }, 'the egress peer nodes'],
  ])('an experimental-channel peer (%s) is valid, with a warning saying what it needs', (_title, rule, peer) => {
    const { allowlist, objects, problems } = renderChart(egress([APISERVER_RULE, rule]));
    expect(problems).toEqual([]);
    expect(validateObject(objects.find((o) => o.metadata.name === ALLOW_NAME)!)).toEqual([]);
    const findings = cnp.lint(objects.find((o) => o.metadata.name === ALLOW_NAME)!, allowlist!);
    expect(findings).toEqual([{ path: 'networkPolicy.clusterNetworkPolicy.egress', message: expect.stringContaining(`${peer}, which only the experimental channel's ClusterNetworkPolicy CRD has`) }]);
  });
});

describe('NetworkPolicy-shaped values translated into ClusterNetworkPolicy peers', () => {
  const metrics = (from: object[]) => spec(allowlist(on({ metrics: { from } }))).ingress.find((r: any) => r.name === 'metrics');
  const byName = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

  test.each<[string, object[], object[]]>([
    ['a namespaceSelector is a namespaces peer', [{ namespaceSelector: byName('monitoring') }], [{ namespaces: byName('monitoring') }]],
    ['a bare podSelector is a pods peer in the policy namespace (a CNP is cluster-scoped)', [{ podSelector: { matchLabels: { app: 'p' } } }], [{ pods: { namespaceSelector: byName(NAMESPACE), podSelector: { matchLabels: { app: 'p' } } } }]],
    ['pods AND namespaces is a pods peer', [{ podSelector: {}, namespaceSelector: { matchLabels: { team: 'obs' } } }], [{ pods: { namespaceSelector: { matchLabels: { team: 'obs' } }, podSelector: {} } }]],
  ])('%s', (_title, from, peers) => {
    expect(metrics(from)).toEqual({ name: 'metrics', action: 'Accept', from: peers, protocols: [tcp(8080)] });
  });

  test('additionalIngress and egress.to become named Accept rules before the closing Deny', () => {
    const object = allowlist(
      on({
        additionalIngress: [{ ports: [{ protocol: 'UDP' }, { port: 9000, endPort: 9010 }, { port: 'https' }] }],
        egress: { enabled: true, dns: false, to: [{ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: [{ port: 6443 }] }, {}] },
      }),
    );
    expect(spec(object).ingress.slice(-2)).toEqual([
      {
        name: 'additional-ingress-0',
        action: 'Accept',
        from: [{ namespaces: {} }],
        protocols: [{ udp: { destinationPort: { range: { start: 1, end: 65535 } } } }, { tcp: { destinationPort: { range: { start: 9000, end: 9010 } } } }, { destinationNamedPort: 'https' }],
      },
      DENY_INGRESS,
    ]);
    expect(spec(object).egress).toEqual([
      { name: 'egress-to-0', action: 'Accept', to: [{ networks: ['10.0.0.10/32'] }], protocols: [tcp(6443)] },
      { name: 'egress-to-1', action: 'Accept', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] },
      DENY_EGRESS,
    ]);
    expect(validateObject(object)).toEqual([]);
  });

  test.each<[string, ValuesInput, string, RegExp]>([
    ['an ingress ipBlock has no CNP peer', on({ metrics: { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] } }), 'networkPolicy.metrics.from', /ingress peers are pods and namespaces only/],
    ['an egress ipBlock with except', on({ egress: { enabled: true, to: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] } }), 'networkPolicy.egress.to[0]', /networks peer has no except/],
    ['a named port beside a networks peer', on({ egress: { enabled: true, to: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 'https' }] }] } }), 'networkPolicy.egress.to[0]', /named port cannot be combined/],
    [
      'more than 25 ingress rules',
      on({ additionalIngress: Array.from({ length: 21 }, (_, i) => ({ ports: [{ port: 1000 + i }] })) }),
      'networkPolicy.clusterNetworkPolicy.ingress',
      /26 ingress rules.*limit of 25/,
    ],
  ])('an error, not an object the API rejects: %s', (_title, set, path, message) => {
    const { problems, objects } = renderChart(set);
    expect(objects).toEqual([]);
    expect(problems).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  test('exactly 25 ingress rules render', () => {
    const { problems } = renderChart(on({ additionalIngress: Array.from({ length: 20 }, (_, i) => ({ ports: [{ port: 1000 + i }] })) }));
    expect(problems).toEqual([]);
  });

  test('a native Accept on the metrics port replaces its generated rule; the closing Deny then denies the rest', () => {
    const native = { name: 'metrics-from-monitoring', action: 'Accept', from: [{ namespaces: byName('monitoring') }], protocols: [tcp(8080)] };
    expect(spec(allowlist(on({ clusterNetworkPolicy: { ingress: [native] } }))).ingress).toEqual([accept('health', 8081), accept('webhook', 9443), accept('gate', 8082), native, DENY_INGRESS]);
  });
});
