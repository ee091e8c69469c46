import type { KubeObject } from '../../src/k8s/kube-object';
import { evaluateClusterNetworkPolicy as evaluate } from '../../src/dialects/cluster-network-policy/traffic/evaluate-cluster-network-policy';
import type { ApiserverEndpoint, Cluster, DirectionVerdict, Endpoint, ExternalEndpoint, NodeEndpoint, PodEndpoint, Protocol, Verdict } from '../../src/traffic/model';

/*
 * The ClusterNetworkPolicy engine (kubernetes-sigs/network-policy-api, policy.networking.k8s.io/v1alpha2)
 * plus networking.k8s.io/v1 NetworkPolicy. The first block replays upstream's own examples, each test
 * naming its source (site-src user stories and blog, NPEPs, conformance manifests; v1alpha1 and v1beta1
 * copies are written here as v1alpha2, whose fields they share); the second block covers edge cases.
 */

const V1ALPHA2 = 'policy.networking.k8s.io/v1alpha2';
const HOUSE = 'conformance-house';
const ns = (house: string): string => `network-policy-conformance-${house}`;

const NODES: NodeEndpoint[] = [
  { kind: 'node', name: 'worker-1', ip: '10.0.1.1', labels: { 'kubernetes.io/os': 'linux' } },
  { kind: 'node', name: 'cp-1', ip: '10.0.0.10', labels: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' } },
];

const CLUSTER: Cluster = {
  namespaces: [
    { name: 'sensitive-ns', labels: {} },
    { name: 'monitoring-ns', labels: {} },
    { name: 'kube-system', labels: {} },
    { name: 'foo-ns-1', labels: {} },
    { name: 'bar-ns-1', labels: {} },
    { name: 'ctrl-system', labels: {} },
    { name: 'monitoring', labels: {} },
    { name: 'team-a', labels: { tenant: 'a' } },
    ...['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw'].map((house) => ({ name: ns(house), labels: { [HOUSE]: house } })),
  ],
  nodes: NODES,
};

let nextIp = 10;
function pod(namespace: string, name: string, labels: Record<string, string> = {}, namedPorts?: Record<string, number>): PodEndpoint {
  nextIp += 1;
  return { kind: 'pod', name, namespace, labels, ip: `10.244.0.${nextIp}`, node: 'worker-1', ...(namedPorts ? { namedPorts } : {}) };
}

const KUBELET: NodeEndpoint = NODES[0]!;
const APISERVER_ON_NODE: ApiserverEndpoint = { kind: 'apiserver', ip: '10.0.0.10', node: 'cp-1' };
const MANAGED_APISERVER: ApiserverEndpoint = { kind: 'apiserver', ip: '172.20.0.1' };
const external = (ip: string, hostname?: string): ExternalEndpoint => ({ kind: 'external', ip, ...(hostname ? { hostname } : {}) });

const harry = pod(ns('gryffindor'), 'harry-potter-0', { [HOUSE]: 'gryffindor' });
const harry1 = pod(ns('gryffindor'), 'harry-potter-1', { [HOUSE]: 'gryffindor' });
const draco = pod(ns('slytherin'), 'draco-malfoy-0', { [HOUSE]: 'slytherin' });
const cedric = pod(ns('hufflepuff'), 'cedric-diggory-0', { [HOUSE]: 'hufflepuff' }, { web: 80 });
const luna = pod(ns('ravenclaw'), 'luna-lovegood-0', { [HOUSE]: 'ravenclaw' });
const sensitive = pod('sensitive-ns', 'vault-0', { app: 'vault' });
const prometheus = pod('monitoring-ns', 'prometheus-0', { app: 'prometheus' });
const kubeDns = pod('kube-system', 'coredns-0', { app: 'kube-dns', 'k8s-app': 'kube-dns' });
const foo = pod('foo-ns-1', 'client-0', { app: 'client' });
const svcPub = pod('bar-ns-1', 'svc-pub-0', { app: 'svc-pub' });
const CONTROLLER_LABELS = { 'app.kubernetes.io/name': 'my-controller', 'control-plane': 'controller-manager' };
const controller = pod('ctrl-system', 'my-controller-0', CONTROLLER_LABELS, { webhook: 9443 });
const grafana = pod('monitoring', 'grafana-0', { app: 'grafana' });
const tenantPod = pod('team-a', 'api-0', { app: 'api' });

function flow(from: Endpoint, to: Endpoint, port: number, protocol: Protocol = 'TCP'): Verdict {
  return evaluate(objects, CLUSTER, { from, to, port, protocol });
}

/** The objects every `flow` call in a test evaluates; each test sets them. */
let objects: KubeObject[] = [];
const given = (...list: KubeObject[]): void => {
  objects = list;
};

function cnp(name: string, spec: Record<string, unknown>, apiVersion = V1ALPHA2): KubeObject {
  return { apiVersion, kind: 'ClusterNetworkPolicy', metadata: { name }, spec };
}

function networkPolicy(namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const inNamespace = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
type Rules = { ingress?: unknown[]; egress?: unknown[] };
const admin = (name: string, priority: number, subject: unknown, rules: Rules) => cnp(name, { tier: 'Admin', priority, subject, ...rules });
const baseline = (name: string, priority: number, subject: unknown, rules: Rules) => cnp(name, { tier: 'Baseline', priority, subject, ...rules });
const EVERY_NAMESPACE = { namespaces: {} };
const house = (name: string) => ({ matchLabels: { [HOUSE]: name } });
const tcp = (number: number) => ({ tcp: { destinationPort: { number } } });
const udp = (number: number) => ({ udp: { destinationPort: { number } } });
const range = (protocol: 'tcp' | 'udp' | 'sctp', start: number, end: number) => ({ [protocol]: { destinationPort: { range: { start, end } } } });

/** One direction in one line: who decided and how. */
function said(verdict: DirectionVerdict): string {
  const how = verdict.allowed ? 'accept' : 'deny';
  if (verdict.rule) return `${how} ${verdict.rule.object.kind === 'NetworkPolicy' ? 'NP' : 'CNP'} ${verdict.rule.object.name} ${verdict.rule.path}`;
  if (verdict.allowed && verdict.reason.startsWith('default allow')) return 'default allow';
  if (!verdict.allowed && verdict.reason.startsWith('isolated for')) return 'deny NP isolation';
  return `${how}: ${verdict.reason}`;
}

function summary(verdict: Verdict): { allowed: boolean; egress: string; ingress: string; ambiguities: number } {
  return { allowed: verdict.allowed, egress: said(verdict.egress), ingress: said(verdict.ingress), ambiguities: verdict.ambiguities.length };
}

const ALLOWED = { allowed: true, egress: 'default allow', ingress: 'default allow', ambiguities: 0 };
const deniedAtIngress = (by: string) => ({ allowed: false, egress: 'default allow', ingress: by, ambiguities: 0 });
const deniedAtEgress = (by: string) => ({ allowed: false, egress: by, ingress: 'default allow', ambiguities: 0 });
const acceptedAtIngress = (by: string) => ({ allowed: true, egress: 'default allow', ingress: by, ambiguities: 0 });
const acceptedAtEgress = (by: string) => ({ allowed: true, egress: by, ingress: 'default allow', ambiguities: 0 });

beforeEach(() => {
  objects = [];
});

// ---------------------------------------------------------------------------------------------------
// Upstream examples
// ---------------------------------------------------------------------------------------------------

/** site-src/user-story-examples/user-story-1.yaml (also blog posts/ClusterNetworkPolicy.md, Story 1). */
const STORY_1 = cnp('cluster-wide-deny-example', {
  tier: 'Admin',
  priority: 10,
  subject: { namespaces: inNamespace('sensitive-ns') },
  ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: {} } }], name: 'select-all-deny-all' }],
});

/** site-src/user-story-examples/user-story-2.yaml. */
const STORY_2 = cnp('cluster-wide-allow-example', {
  tier: 'Admin',
  priority: 30,
  subject: { namespaces: {} },
  ingress: [{ action: 'Accept', from: [{ namespaces: inNamespace('monitoring-ns') }] }],
  egress: [{ action: 'Accept', name: 'allow-kube-dns-egress', to: [{ pods: { namespaceSelector: inNamespace('kube-system'), podSelector: { matchLabels: { app: 'kube-dns' } } } }] }],
});

/** site-src/user-story-examples/user-story-3.yaml (v1alpha1 AdminNetworkPolicy `pub-svc-delegate-example`, as v1alpha2). */
const STORY_3 = cnp('pub-svc-delegate-example', {
  tier: 'Admin',
  priority: 20,
  subject: { namespaces: {} },
  egress: [{ action: 'Pass', to: [{ pods: { namespaceSelector: inNamespace('bar-ns-1'), podSelector: { matchLabels: { app: 'svc-pub' } } } }], protocols: [tcp(8080)] }],
});

/** site-src/user-story-examples/user-story-5.yaml (also the blog's Story 5). */
const STORY_5 = cnp('default', {
  tier: 'Baseline',
  priority: 10,
  subject: { namespaces: {} },
  ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
});

const DEFAULT_DENY_INGRESS = (namespace: string) => networkPolicy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const DEFAULT_DENY_BOTH = (namespace: string) => networkPolicy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('upstream user stories and blog examples', () => {
  test('user-story-1.yaml: an Admin Deny from every namespace isolates sensitive-ns, exactly as decided', () => {
    given(STORY_1);
    expect(flow(prometheus, sensitive, 8080)).toEqual({
      allowed: false,
      egress: { allowed: true, reason: 'default allow: no ClusterNetworkPolicy or NetworkPolicy decided egress of monitoring-ns/prometheus-0' },
      ingress: {
        allowed: false,
        rule: { object: { apiVersion: V1ALPHA2, kind: 'ClusterNetworkPolicy', name: 'cluster-wide-deny-example' }, path: 'spec.ingress[0]' },
        reason: 'denied by ClusterNetworkPolicy cluster-wide-deny-example (Admin tier, priority 10) spec.ingress[0] "select-all-deny-all"',
      },
      ambiguities: [],
    });
    expect(summary(flow(sensitive, prometheus, 8080))).toEqual(ALLOWED); // ingress rules only: egress untouched
  });

  test('user-story-1.yaml + api-overview.md "a developer CANNOT override" the Admin tier: a NetworkPolicy allowing everything changes nothing', () => {
    given(STORY_1, networkPolicy('sensitive-ns', 'allow-all', { podSelector: {}, ingress: [{}] }));
    expect(summary(flow(prometheus, sensitive, 8080))).toEqual(deniedAtIngress('deny CNP cluster-wide-deny-example spec.ingress[0]'));
  });

  test('user-story-2.yaml: Admin Accepts (ingress from monitoring-ns, egress to kube-dns) hold against a developer default-deny; the rest is the NetworkPolicy verdict', () => {
    given(STORY_2, DEFAULT_DENY_BOTH('foo-ns-1'));
    expect(summary(flow(prometheus, foo, 9090))).toEqual(acceptedAtIngress('accept CNP cluster-wide-allow-example spec.ingress[0]'));
    expect(summary(flow(foo, kubeDns, 53, 'UDP'))).toEqual(acceptedAtEgress('accept CNP cluster-wide-allow-example spec.egress[0]'));
    expect(summary(flow(foo, svcPub, 8080))).toEqual(deniedAtEgress('deny NP isolation'));
    expect(summary(flow(svcPub, foo, 8080))).toEqual(deniedAtIngress('deny NP isolation'));
  });

  test('user-story-3.yaml + user-stories.md Story 3: Pass delegates to NetworkPolicy; "If no k8s network policies match the delegated traffic, the traffic will be allowed"', () => {
    given(STORY_3);
    const verdict = flow(foo, svcPub, 8080);
    expect(summary(verdict)).toEqual(ALLOWED);
    expect(verdict.egress.reason).toBe(
      'default allow: no ClusterNetworkPolicy or NetworkPolicy decided egress of foo-ns-1/client-0 (after Pass by ClusterNetworkPolicy pub-svc-delegate-example (Admin tier, priority 20) spec.egress[0])',
    );
  });

  test('user-story-3.yaml: after the Pass, a NetworkPolicy selecting the client decides (deny when isolated, accept by its rule)', () => {
    given(STORY_3, networkPolicy('foo-ns-1', 'egress-lockdown', { podSelector: {}, policyTypes: ['Egress'] }));
    expect(summary(flow(foo, svcPub, 8080))).toEqual(deniedAtEgress('deny NP isolation'));
    given(STORY_3, networkPolicy('foo-ns-1', 'to-bar', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: inNamespace('bar-ns-1') }] }] }));
    expect(summary(flow(foo, svcPub, 8080))).toEqual(acceptedAtEgress('accept NP to-bar spec.egress[0]'));
  });

  test('user-story-3.yaml + api-overview.md: "traffic selected by a Pass rule will skip any lower precedence Admin tier rules"', () => {
    const denyAll = cnp('deny-all-egress', { tier: 'Admin', priority: 30, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ namespaces: {} }] }] });
    given(STORY_3, denyAll);
    expect(summary(flow(foo, svcPub, 8080))).toEqual(ALLOWED);
    expect(summary(flow(foo, svcPub, 9090))).toEqual(deniedAtEgress('deny CNP deny-all-egress spec.egress[0]'));
  });

  test('user-story-5.yaml: the Baseline Deny from every namespace is the cluster default', () => {
    given(STORY_5);
    expect(summary(flow(foo, svcPub, 8080))).toEqual(deniedAtIngress('deny CNP default spec.ingress[0]'));
  });

  test('user-story-5.yaml + api-overview.md "CAN be overridden by developer NetworkPolicies": a NetworkPolicy selecting the pod decides instead, both ways', () => {
    given(STORY_5, networkPolicy('bar-ns-1', 'from-foo', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: inNamespace('foo-ns-1') }] }] }));
    expect(summary(flow(foo, svcPub, 8080))).toEqual(acceptedAtIngress('accept NP from-foo spec.ingress[0]'));
    expect(summary(flow(prometheus, svcPub, 8080))).toEqual(deniedAtIngress('deny NP isolation'));
    expect(summary(flow(svcPub, foo, 8080))).toEqual(deniedAtIngress('deny CNP default spec.ingress[0]')); // foo-ns-1 has no NetworkPolicy
  });
});

/** conformance/base/api_integration/standard-anp-np-banp.yaml (stored as v1beta1; same fields). */
const passExample = (action: 'Deny' | 'Pass') =>
  cnp('pass-example', {
    tier: 'Admin',
    priority: 10,
    subject: { namespaces: house('gryffindor') },
    ingress: [{ name: 'deny-all-ingress-from-slytherin', action, from: [{ namespaces: house('slytherin') }] }],
    egress: [{ name: 'deny-all-egress-to-slytherin', action, to: [{ namespaces: house('slytherin') }] }],
  });
// Upstream writes `podSelector:` (null, i.e. every pod); written as {} here.
const GRYFFINDOR_NP = networkPolicy(ns('gryffindor'), 'allow-gress-from-to-slytherin-to-gryffindor', {
  podSelector: {},
  policyTypes: ['Ingress', 'Egress'],
  ingress: [{ from: [{ namespaceSelector: house('slytherin') }] }],
  egress: [{ to: [{ namespaceSelector: house('slytherin') }] }],
});
const BASELINE_DEFAULT = cnp('default', {
  tier: 'Baseline',
  priority: 10,
  subject: { namespaces: house('gryffindor') },
  ingress: [{ name: 'deny-all-ingress-from-slytherin', action: 'Deny', from: [{ namespaces: house('slytherin') }] }],
  egress: [{ name: 'deny-all-egress-to-slytherin', action: 'Deny', to: [{ namespaces: house('slytherin') }] }],
});

describe('conformance CNPAdminTierIntegration (admin-network-policy-standard-integration.go)', () => {
  test('"Should Deny traffic from slytherin to gryffindor respecting admin CNP" (and to slytherin), whatever the NetworkPolicy allows', () => {
    given(passExample('Deny'), GRYFFINDOR_NP, BASELINE_DEFAULT);
    expect(summary(flow(draco, harry, 80))).toEqual(deniedAtIngress('deny CNP pass-example spec.ingress[0]'));
    expect(summary(flow(harry, draco, 8080))).toEqual(deniedAtEgress('deny CNP pass-example spec.egress[0]'));
  });

  test('"Should support a pass-ingress/pass-egress policy for admin CNP and respect the match for network policy"', () => {
    given(passExample('Pass'), GRYFFINDOR_NP, BASELINE_DEFAULT);
    expect(summary(flow(draco, harry, 80))).toEqual(acceptedAtIngress('accept NP allow-gress-from-to-slytherin-to-gryffindor spec.ingress[0]'));
    expect(summary(flow(harry, draco, 80))).toEqual(acceptedAtEgress('accept NP allow-gress-from-to-slytherin-to-gryffindor spec.egress[0]'));
  });

  test('"... respect the match for baseline cluster network policy" once the NetworkPolicy is deleted', () => {
    given(passExample('Pass'), BASELINE_DEFAULT);
    expect(summary(flow(draco, harry, 80))).toEqual(deniedAtIngress('deny CNP default spec.ingress[0]'));
    expect(summary(flow(harry, draco, 8080))).toEqual(deniedAtEgress('deny CNP default spec.egress[0]'));
  });
});

describe('conformance, one manifest each', () => {
  test('CNPAdminTierSamePriority (standard-same-priority.yaml as its test describes it): every same-priority policy applies, none bleeds onto another subject, no ambiguity', () => {
    const both = (name: string, subject: string, peer: string, port: number) =>
      cnp(name, {
        tier: 'Admin',
        priority: 50,
        subject: { namespaces: house(subject) },
        ingress: [{ action: 'Deny', from: [{ namespaces: house(peer) }], protocols: [tcp(port)] }],
        egress: [{ action: 'Deny', to: [{ namespaces: house(peer) }], protocols: [tcp(port)] }],
      });
    given(
      both('same-priority-gryffindor-slytherin', 'gryffindor', 'slytherin', 80),
      both('same-priority-gryffindor-hufflepuff', 'gryffindor', 'hufflepuff', 80),
      both('same-priority-hufflepuff-slytherin', 'hufflepuff', 'slytherin', 8080),
    );
    expect(summary(flow(draco, harry, 80))).toEqual(deniedAtIngress('deny CNP same-priority-gryffindor-slytherin spec.ingress[0]'));
    expect(summary(flow(harry, cedric, 80))).toEqual({
      allowed: false,
      egress: 'deny CNP same-priority-gryffindor-hufflepuff spec.egress[0]',
      ingress: 'default allow',
      ambiguities: 0,
    });
    expect(summary(flow(draco, cedric, 8080))).toEqual(deniedAtIngress('deny CNP same-priority-hufflepuff-slytherin spec.ingress[0]'));
    expect(summary(flow(draco, harry, 8080))).toEqual(ALLOWED);
    expect(summary(flow(draco, cedric, 80))).toEqual(ALLOWED);
    expect(summary(flow(luna, harry, 80))).toEqual(ALLOWED);
  });

  test('CNPAdminTier port ranges (standard-port-range-rules-combined.yaml): inclusive ranges per protocol, then deny-all', () => {
    const accept = (name: string, peer: string, protocol: 'tcp' | 'udp' | 'sctp', start: number, end: number) => ({
      name,
      action: 'Accept',
      from: [{ namespaces: inNamespace(ns(peer)) }],
      protocols: [range(protocol, start, end)],
    });
    given(
      cnp('port-range-rules', {
        tier: 'Admin',
        priority: 9,
        subject: { namespaces: inNamespace(ns('gryffindor')) },
        ingress: [
          accept('allow-from-ravenclaw-tcp-port-range', 'ravenclaw', 'tcp', 80, 8080),
          accept('allow-from-hufflepuff-udp-port-range', 'hufflepuff', 'udp', 53, 5353),
          accept('allow-from-slytherin-sctp-port-range', 'slytherin', 'sctp', 9003, 9005),
          { name: 'deny-all-ingress', action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: HOUSE, operator: 'Exists' }] } }] },
        ],
      }),
    );
    const accepted = (rule: number) => acceptedAtIngress(`accept CNP port-range-rules spec.ingress[${rule}]`);
    const denied = deniedAtIngress('deny CNP port-range-rules spec.ingress[3]');
    expect(summary(flow(luna, harry, 80))).toEqual(accepted(0));
    expect(summary(flow(luna, harry, 8080))).toEqual(accepted(0));
    expect(summary(flow(luna, harry, 79))).toEqual(denied);
    expect(summary(flow(luna, harry, 8081))).toEqual(denied);
    expect(summary(flow(luna, harry, 80, 'UDP'))).toEqual(denied);
    expect(summary(flow(cedric, harry, 5353, 'UDP'))).toEqual(accepted(1));
    expect(summary(flow(cedric, harry, 5354, 'UDP'))).toEqual(denied);
    expect(summary(flow(draco, harry, 9004, 'SCTP'))).toEqual(accepted(2));
    expect(summary(flow(draco, harry, 9004))).toEqual(denied);
    expect(summary(flow(prometheus, harry, 80))).toEqual(ALLOWED); // monitoring-ns has no conformance-house label
  });

  test('CNPAdminTierIngressRulesEgressUnaffected (standard-ingress-isolation.yaml): "CNPs with no egress rules do not affect egress traffic"', () => {
    given(
      cnp('admin-ingress-isolation', {
        tier: 'Admin',
        priority: 20,
        subject: { namespaces: inNamespace(ns('gryffindor')) },
        ingress: [{ name: 'deny-from-slytherin', action: 'Deny', from: [{ namespaces: inNamespace(ns('slytherin')) }] }],
      }),
    );
    expect(summary(flow(draco, harry, 80))).toEqual(deniedAtIngress('deny CNP admin-ingress-isolation spec.ingress[0]'));
    expect(summary(flow(harry, luna, 80))).toEqual(ALLOWED);
    expect(summary(flow(harry, draco, 80))).toEqual(ALLOWED);
  });

  test('CNPAdminTierEgressNodePeers (experimental-egress-selector-rules.yaml): Accept/Pass/Deny to nodes, host-network pods and the apiserver on a node included; networks catch the rest', () => {
    const linux = { matchLabels: { 'kubernetes.io/os': 'linux' } };
    given(
      cnp('node-and-cidr-as-peers-example', {
        tier: 'Admin',
        priority: 75,
        subject: { pods: { namespaceSelector: house('gryffindor'), podSelector: house('gryffindor') } },
        egress: [
          { name: 'allow-egress-to-34345-on-nodes', action: 'Accept', to: [{ nodes: linux }], protocols: [tcp(34345)] },
          { name: 'pass-egress-to-34347-on-nodes', action: 'Pass', to: [{ nodes: linux }], protocols: [udp(34347)] },
          {
            name: 'deny-egress-to-slytherin-and-nodes-and-internet',
            action: 'Deny',
            to: [{ pods: { namespaceSelector: house('slytherin'), podSelector: house('slytherin') } }, { nodes: linux }, { networks: ['0.0.0.0/0', '::/0'] }],
          },
        ],
      }),
    );
    const centaur: NodeEndpoint = KUBELET; // centaur-1, a host-network pod, is its node's endpoint
    expect(summary(flow(harry1, centaur, 34345))).toEqual(acceptedAtEgress('accept CNP node-and-cidr-as-peers-example spec.egress[0]'));
    expect(summary(flow(harry1, centaur, 34347, 'UDP'))).toEqual(ALLOWED);
    const denied = deniedAtEgress('deny CNP node-and-cidr-as-peers-example spec.egress[2]');
    expect(summary(flow(harry1, centaur, 34346))).toEqual(denied);
    expect(summary(flow(harry1, centaur, 34349, 'SCTP'))).toEqual(denied);
    expect(summary(flow(harry1, APISERVER_ON_NODE, 34345))).toEqual(acceptedAtEgress('accept CNP node-and-cidr-as-peers-example spec.egress[0]'));
    expect(summary(flow(harry1, APISERVER_ON_NODE, 6443))).toEqual(denied);
    expect(summary(flow(harry1, MANAGED_APISERVER, 34345))).toEqual(denied); // not a node: only the networks peer matches it
    expect(summary(flow(harry1, draco, 80))).toEqual(denied);
    expect(summary(flow(harry1, external('2001:db8::1'), 443))).toEqual(denied);
  });

  test('CNPAdminTierEgressNamedPort (admin-network-policy-experimental-egress-rules.go): destinationNamedPort "web" is TCP 80 on the server pod', () => {
    given(
      cnp('egress-tcp', {
        tier: 'Admin',
        priority: 3,
        subject: { namespaces: inNamespace(ns('gryffindor')) },
        egress: [
          { name: 'allow-to-hufflepuff-at-web', action: 'Accept', to: [{ namespaces: inNamespace(ns('hufflepuff')) }], protocols: [{ destinationNamedPort: 'web' }] },
          { name: 'deny-to-hufflepuff-everything-else', action: 'Deny', to: [{ namespaces: inNamespace(ns('hufflepuff')) }] },
        ],
      }),
    );
    expect(summary(flow(harry, cedric, 80))).toEqual(acceptedAtEgress('accept CNP egress-tcp spec.egress[0]'));
    expect(summary(flow(harry1, cedric, 8080))).toEqual(deniedAtEgress('deny CNP egress-tcp spec.egress[1]'));
  });

  test('CNPAdminTierHairpin (hairpin-rules.go) + api-overview.md: a pod reaching itself is subject to CNP only through a Service; the flow cannot tell, so the permissive reading wins with an ambiguity', () => {
    given(cnp('hairpin', { tier: 'Admin', priority: 5, subject: { namespaces: house('gryffindor') }, ingress: [{ action: 'Deny', from: [{ namespaces: house('gryffindor') }] }] }));
    const self = flow(harry, harry, 80);
    expect(summary(self)).toEqual({ ...ALLOWED, ambiguities: 1 });
    expect(self.ambiguities[0]).toMatch(/own Pod IP ClusterNetworkPolicy does not apply, through a Service .* it does/);
    expect(summary(flow(harry1, harry, 80))).toEqual(deniedAtIngress('deny CNP hairpin spec.ingress[0]'));
  });
});

describe('NPEP examples', () => {
  /** NPEP-133 "Maintaining an allowlist of domains" (v1alpha1 ANP, as v1alpha2) with the DomainName examples of types.go. */
  test('NPEP-133 + types.go DomainName: exact names and `*.` wildcards (one or more labels) ahead of a Deny to 0.0.0.0/0', () => {
    given(
      cnp('allow-my-service-egress', {
        tier: 'Admin',
        priority: 55,
        subject: { namespaces: inNamespace('monitoring') },
        egress: [
          { name: 'allow-to-my-service', action: 'Accept', to: [{ domainNames: ['my-service.com', '*.cloud-provider.io', 'kubernetes.io'] }], protocols: [tcp(443)] },
          { name: 'default-deny', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] },
        ],
      }),
    );
    const to = (hostname: string) => summary(flow(grafana, external('203.0.113.7', hostname), 443));
    const accepted = acceptedAtEgress('accept CNP allow-my-service-egress spec.egress[0]');
    const denied = deniedAtEgress('deny CNP allow-my-service-egress spec.egress[1]');
    expect(to('my-service.com')).toEqual(accepted);
    expect(to('My-Service.com.')).toEqual(accepted);
    expect(to('www.cloud-provider.io')).toEqual(accepted);
    expect(to('latest.blog.cloud-provider.io')).toEqual(accepted);
    expect(to('kubernetes.io')).toEqual(accepted);
    expect(to('cloud-provider.io')).toEqual(denied);
    expect(to('www.kubernetes.io')).toEqual(denied);
    expect(to('my-kubernetes.io')).toEqual(denied);
    expect(to('wikipedia.org')).toEqual(denied);
    expect(summary(flow(grafana, external('203.0.113.7', 'my-service.com'), 80))).toEqual(denied);
    expect(summary(flow(grafana, external('203.0.113.7'), 443))).toEqual(denied);
  });

  /** NPEP-126 "network-as-egress-peer" ANP + BANP (v1alpha1, as v1alpha2 Admin and Baseline). */
  test('NPEP-126: Deny DNS to external servers, Accept the intranet and the cluster CIDRs, Pass the internet to a Baseline Deny', () => {
    given(
      cnp('network-as-egress-peer', {
        tier: 'Admin',
        priority: 70,
        subject: { namespaces: {} },
        egress: [
          { name: 'deny-egress-to-external-dns-servers', action: 'Deny', to: [{ networks: ['194.0.2.0/24', '205.0.113.15/32', '199.51.100.10/32'] }], protocols: [udp(53)] },
          { name: 'allow-all-egress-to-intranet', action: 'Accept', to: [{ networks: ['192.0.2.0/24', '203.0.113.0/24', '198.51.100.0/24'] }] },
          { name: 'allow-all-intra-cluster-traffic', action: 'Accept', to: [{ networks: ['10.244.0.0/16', '10.0.0.0/16', '10.96.0.0/12'] }] },
          { name: 'pass-all-egress-to-internet', action: 'Pass', to: [{ networks: ['0.0.0.0/0'] }] },
        ],
      }),
      cnp('default', { tier: 'Baseline', priority: 0, subject: { namespaces: {} }, egress: [{ name: 'deny-all-egress-to-internet', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }),
    );
    expect(summary(flow(foo, external('205.0.113.15'), 53, 'UDP'))).toEqual(deniedAtEgress('deny CNP network-as-egress-peer spec.egress[0]'));
    expect(summary(flow(foo, external('205.0.113.15'), 443))).toEqual(deniedAtEgress('deny CNP default spec.egress[0]'));
    expect(summary(flow(foo, external('198.51.100.20'), 443))).toEqual(acceptedAtEgress('accept CNP network-as-egress-peer spec.egress[1]'));
    expect(summary(flow(foo, svcPub, 8080))).toEqual(acceptedAtEgress('accept CNP network-as-egress-peer spec.egress[2]'));
    expect(summary(flow(foo, KUBELET, 10250))).toEqual(acceptedAtEgress('accept CNP network-as-egress-peer spec.egress[2]'));
    expect(summary(flow(foo, external('8.8.8.8'), 443))).toEqual(deniedAtEgress('deny CNP default spec.egress[0]'));
  });
});

// ---------------------------------------------------------------------------------------------------
// Edge cases
// ---------------------------------------------------------------------------------------------------

/** The controller allowlist (Baseline, priority 100), Accept rules only. */
const ALLOWLIST = cnp('ctrl-system-my-controller-allow', {
  tier: 'Baseline',
  priority: 100,
  subject: { pods: { namespaceSelector: inNamespace('ctrl-system'), podSelector: { matchLabels: CONTROLLER_LABELS } } },
  ingress: [
    { name: 'allow-webhook-gate-from-pods', action: 'Accept', from: [{ namespaces: {} }], protocols: [tcp(9443), tcp(8082)] },
    { name: 'allow-metrics-from-monitoring', action: 'Accept', from: [{ namespaces: inNamespace('monitoring') }], protocols: [tcp(8080)] },
  ],
  egress: [
    { name: 'allow-dns', action: 'Accept', to: [{ pods: { namespaceSelector: inNamespace('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }], protocols: [udp(53), tcp(53)] },
    { name: 'allow-apiserver', action: 'Accept', to: [{ networks: ['10.0.0.10/32', '10.96.0.1/32'] }], protocols: [tcp(6443), tcp(443)] },
  ],
});

/** The namespace default-deny (Baseline, priority 1000). */
const DEFAULT_DENY = cnp('ctrl-system-default-deny', {
  tier: 'Baseline',
  priority: 1000,
  subject: { namespaces: inNamespace('ctrl-system') },
  ingress: [{ name: 'default-deny-ingress', action: 'Deny', from: [{ namespaces: {} }] }],
  egress: [{ name: 'default-deny-egress', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }],
});

describe('no implicit isolation (api-overview.md "rules should be read as-is")', () => {
  test('an Accept-only ClusterNetworkPolicy isolates nothing: unmatched ports, peers and destinations stay allowed by default', () => {
    given(ALLOWLIST);
    expect(summary(flow(foo, controller, 9443))).toEqual(acceptedAtIngress('accept CNP ctrl-system-my-controller-allow spec.ingress[0]'));
    expect(summary(flow(foo, controller, 9999))).toEqual(ALLOWED);
    expect(summary(flow(foo, controller, 8080))).toEqual(ALLOWED);
    expect(summary(flow(controller, external('1.1.1.1'), 443))).toEqual(ALLOWED);
    expect(summary(flow(controller, MANAGED_APISERVER, 443))).toEqual(ALLOWED);
  });

  test('an allowlist followed by `Deny from namespaces: {}` isolates the controller from pods, but not from the kubelet or the apiserver', () => {
    given(ALLOWLIST, DEFAULT_DENY);
    expect(summary(flow(foo, controller, 9443))).toEqual(acceptedAtIngress('accept CNP ctrl-system-my-controller-allow spec.ingress[0]'));
    expect(summary(flow(grafana, controller, 8080))).toEqual(acceptedAtIngress('accept CNP ctrl-system-my-controller-allow spec.ingress[1]'));
    expect(summary(flow(foo, controller, 8080))).toEqual(deniedAtIngress('deny CNP ctrl-system-default-deny spec.ingress[0]'));
    expect(summary(flow(foo, controller, 9999))).toEqual(deniedAtIngress('deny CNP ctrl-system-default-deny spec.ingress[0]'));
    // Ingress peers are namespaces/pods only (types.go IngressPeer): non-pod sources match no ingress rule.
    expect(summary(flow(KUBELET, controller, 8081))).toEqual(ALLOWED);
    expect(summary(flow(APISERVER_ON_NODE, controller, 9443))).toEqual(ALLOWED);
    expect(summary(flow(MANAGED_APISERVER, controller, 9999))).toEqual(ALLOWED);
    expect(summary(flow(external('198.51.100.1'), controller, 9999))).toEqual(ALLOWED);
  });

  test('egress Deny to networks [0.0.0.0/0, ::/0] denies pods, nodes, the apiserver (on a node or managed) and the internet alike; the allowlist Accepts come first', () => {
    given(ALLOWLIST, DEFAULT_DENY);
    const denied = { allowed: false, egress: 'deny CNP ctrl-system-default-deny spec.egress[0]', ingress: 'default allow', ambiguities: 0 };
    expect(summary(flow(controller, svcPub, 8080))).toEqual(denied);
    expect(summary(flow(controller, KUBELET, 10250))).toEqual(denied);
    expect(summary(flow(controller, APISERVER_ON_NODE, 2379))).toEqual(denied);
    expect(summary(flow(controller, MANAGED_APISERVER, 443))).toEqual(denied);
    expect(summary(flow(controller, external('2001:db8::10'), 443))).toEqual(denied);
    expect(summary(flow(controller, kubeDns, 53, 'UDP'))).toEqual(acceptedAtEgress('accept CNP ctrl-system-my-controller-allow spec.egress[0]'));
    expect(summary(flow(controller, APISERVER_ON_NODE, 6443))).toEqual(acceptedAtEgress('accept CNP ctrl-system-my-controller-allow spec.egress[1]'));
  });
});

describe('tiers', () => {
  const webhook = { ingress: [{ action: 'Accept', from: [EVERY_NAMESPACE], protocols: [tcp(9443)] }] };
  const baselineAccept = baseline('baseline-webhook', 1, { namespaces: inNamespace('ctrl-system') }, webhook);
  const adminAccept = admin('admin-webhook', 1, { namespaces: inNamespace('ctrl-system') }, webhook);

  test('a developer NetworkPolicy selecting the pod overrides a Baseline Accept ("v1.NetworkPolicy always makes a final decision for selected pods")', () => {
    given(baselineAccept, DEFAULT_DENY_INGRESS('ctrl-system'));
    expect(summary(flow(foo, controller, 9443))).toEqual(deniedAtIngress('deny NP isolation'));
  });

  test('a developer NetworkPolicy does not override an Admin Accept ("No further ... NetworkPolicy rules will be processed")', () => {
    given(adminAccept, DEFAULT_DENY_INGRESS('ctrl-system'));
    expect(summary(flow(foo, controller, 9443))).toEqual(acceptedAtIngress('accept CNP admin-webhook spec.ingress[0]'));
    expect(summary(flow(foo, controller, 9444))).toEqual(deniedAtIngress('deny NP isolation'));
  });

  test('a NetworkPolicy selecting the pod for the other direction only does not stop the Baseline tier', () => {
    given(DEFAULT_DENY, networkPolicy('ctrl-system', 'egress-only', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }));
    expect(summary(flow(foo, controller, 9443))).toEqual(deniedAtIngress('deny CNP ctrl-system-default-deny spec.ingress[0]'));
    expect(summary(flow(controller, foo, 80))).toEqual(acceptedAtEgress('accept NP egress-only spec.egress[0]'));
  });

  test('the NetworkPolicy verdict passes through unchanged, local-node ingress included', () => {
    given(DEFAULT_DENY, DEFAULT_DENY_INGRESS('ctrl-system'));
    const fromKubelet = flow(KUBELET, controller, 8081);
    expect(fromKubelet.ingress).toEqual({ allowed: true, reason: "NetworkPolicy always allows ingress from the pod's local node" });
    expect(flow(foo, controller, 9443).ingress).toEqual({ allowed: false, reason: 'isolated for Ingress by NetworkPolicy default-deny; no rule allows it' });
  });

  test('an egress Accept leaves "any ingress rules at the destination" in force', () => {
    given(
      cnp('admin-egress', { tier: 'Admin', priority: 1, subject: { namespaces: inNamespace('foo-ns-1') }, egress: [{ action: 'Accept', to: [{ namespaces: {} }] }] }),
      DEFAULT_DENY_INGRESS('bar-ns-1'),
    );
    expect(summary(flow(foo, svcPub, 8080))).toEqual({ allowed: false, egress: 'accept CNP admin-egress spec.egress[0]', ingress: 'deny NP isolation', ambiguities: 0 });
  });

  test('Pass in the Baseline tier skips the rest of Baseline and ends in the default allow', () => {
    given(baseline('baseline-pass', 10, { namespaces: inNamespace('ctrl-system') }, { ingress: [{ action: 'Pass', from: [{ namespaces: inNamespace('foo-ns-1') }] }] }), DEFAULT_DENY);
    const verdict = flow(foo, controller, 9999);
    expect(summary(verdict)).toEqual(ALLOWED);
    expect(verdict.ingress.reason).toContain('after Pass by ClusterNetworkPolicy baseline-pass (Baseline tier, priority 10) spec.ingress[0]');
    expect(summary(flow(svcPub, controller, 9999))).toEqual(deniedAtIngress('deny CNP ctrl-system-default-deny spec.ingress[0]'));
  });

  test('an Admin Pass with no NetworkPolicy selecting the pod reaches the Baseline tier', () => {
    given(
      admin('admin-pass', 10, EVERY_NAMESPACE, { ingress: [{ action: 'Pass', from: [EVERY_NAMESPACE] }] }),
      admin('admin-deny', 20, EVERY_NAMESPACE, { ingress: [{ action: 'Deny', from: [EVERY_NAMESPACE] }] }),
      DEFAULT_DENY,
    );
    expect(summary(flow(foo, controller, 9999))).toEqual(deniedAtIngress('deny CNP ctrl-system-default-deny spec.ingress[0]'));
    const elsewhere = flow(svcPub, foo, 9999);
    expect(summary(elsewhere)).toEqual(ALLOWED);
    expect(elsewhere.ingress.reason).toContain('after Pass by ClusterNetworkPolicy admin-pass (Admin tier, priority 10) spec.ingress[0]');
  });
});

describe('priority and rule order', () => {
  const rule = (name: string, priority: number, action: string, tier = 'Admin') =>
    cnp(name, { tier, priority, subject: { namespaces: inNamespace('bar-ns-1') }, ingress: [{ action, from: [{ namespaces: inNamespace('foo-ns-1') }] }] });

  test('lower priority values are checked first', () => {
    given(rule('deny-10', 10, 'Deny'), rule('accept-20', 20, 'Accept'));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtIngress('deny CNP deny-10 spec.ingress[0]'));
    given(rule('deny-30', 30, 'Deny'), rule('accept-20', 20, 'Accept'));
    expect(summary(flow(foo, svcPub, 80))).toEqual(acceptedAtIngress('accept CNP accept-20 spec.ingress[0]'));
  });

  test('inside an object, the first matching rule decides', () => {
    given(
      cnp('ordered', {
        tier: 'Admin',
        priority: 1,
        subject: { namespaces: inNamespace('bar-ns-1') },
        ingress: [
          { action: 'Accept', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'client' } } } }], protocols: [tcp(8080)] },
          { action: 'Deny', from: [{ namespaces: {} }] },
          { action: 'Accept', from: [{ namespaces: {} }] },
        ],
      }),
    );
    expect(summary(flow(foo, svcPub, 8080))).toEqual(acceptedAtIngress('accept CNP ordered spec.ingress[0]'));
    expect(summary(flow(foo, svcPub, 8081))).toEqual(deniedAtIngress('deny CNP ordered spec.ingress[1]'));
  });

  test('equal priority, Accept against Deny on the same flow: undefined order, so the most permissive outcome and one ambiguity', () => {
    given(rule('b-deny', 10, 'Deny'), rule('a-accept', 10, 'Accept'));
    const verdict = flow(foo, svcPub, 80);
    expect(summary(verdict)).toEqual({ ...acceptedAtIngress('accept CNP a-accept spec.ingress[0]'), ambiguities: 1 });
    expect(verdict.ambiguities).toEqual([
      'Admin tier, Ingress: ClusterNetworkPolicies with the same priority 10 match this flow with different outcomes (a-accept spec.ingress[0] (Accept), b-deny spec.ingress[0] (Deny)); the implementation may apply any of them (types.go, Priority): took the most permissive',
    ]);
  });

  test('equal priority with the same verdict either way, or with only one matching, is no ambiguity', () => {
    given(rule('deny-a', 10, 'Deny'), rule('deny-b', 10, 'Deny'));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtIngress('deny CNP deny-a spec.ingress[0]'));
    given(rule('deny-a', 10, 'Deny'), admin('other', 10, { namespaces: inNamespace('bar-ns-1') }, { ingress: [{ action: 'Accept', from: [{ namespaces: inNamespace('monitoring-ns') }] }] }));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtIngress('deny CNP deny-a spec.ingress[0]'));
  });

  test('equal priority, Pass against Deny: the Pass branch is followed to its end before choosing', () => {
    given(rule('pass', 10, 'Pass'), rule('deny', 10, 'Deny'));
    expect(summary(flow(foo, svcPub, 80))).toEqual({ ...ALLOWED, ambiguities: 1 });
    given(rule('pass', 10, 'Pass'), rule('deny', 10, 'Deny'), DEFAULT_DENY_INGRESS('bar-ns-1'));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtIngress('deny CNP deny spec.ingress[0]'));
  });

  test('equal priority in the Baseline tier is just as undefined', () => {
    given(rule('deny', 500, 'Deny', 'Baseline'), rule('accept', 500, 'Accept', 'Baseline'));
    expect(summary(flow(foo, svcPub, 80))).toEqual({ ...acceptedAtIngress('accept CNP accept spec.ingress[0]'), ambiguities: 1 });
  });

  test('every Admin priority comes before every Baseline one', () => {
    given(rule('baseline-accept', 0, 'Accept', 'Baseline'), rule('admin-deny', 1000, 'Deny'));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtIngress('deny CNP admin-deny spec.ingress[0]'));
  });
});

describe('subjects and peers', () => {
  test('host-network pods and nodes are never subjects: egress from the kubelet is not judged by a `namespaces: {}` subject', () => {
    given(cnp('deny-all-egress', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }));
    expect(summary(flow(KUBELET, svcPub, 8080))).toEqual(ALLOWED);
    expect(flow(KUBELET, svcPub, 8080).egress.reason).toBe('default allow: the source is not a pod: no policy applies');
    expect(summary(flow(svcPub, KUBELET, 8080))).toEqual(deniedAtEgress('deny CNP deny-all-egress spec.egress[0]'));
  });

  test('`pods` subject: namespaceSelector AND podSelector; an omitted namespaceSelector means every namespace', () => {
    given(cnp('clients', { tier: 'Admin', priority: 1, subject: { pods: { podSelector: { matchLabels: { app: 'client' } } } }, egress: [{ action: 'Deny', to: [{ namespaces: {} }] }] }));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtEgress('deny CNP clients spec.egress[0]'));
    expect(summary(flow(svcPub, foo, 80))).toEqual(ALLOWED);
    const clientsIn = { pods: { namespaceSelector: inNamespace('bar-ns-1'), podSelector: { matchLabels: { app: 'client' } } } };
    given(admin('clients', 1, clientsIn, { egress: [{ action: 'Deny', to: [EVERY_NAMESPACE] }] }));
    expect(summary(flow(foo, svcPub, 80))).toEqual(ALLOWED);
  });

  test('`namespaces` and `pods` egress peers match pods only, never nodes, the apiserver or external addresses', () => {
    given(cnp('deny-pods', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ namespaces: {} }, { pods: { podSelector: {} } }] }] }));
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtEgress('deny CNP deny-pods spec.egress[0]'));
    expect(summary(flow(foo, KUBELET, 10250))).toEqual(ALLOWED);
    expect(summary(flow(foo, APISERVER_ON_NODE, 6443))).toEqual(ALLOWED);
    expect(summary(flow(foo, external('1.1.1.1'), 443))).toEqual(ALLOWED);
  });

  test('`nodes` {} selects every node and the apiserver on one, not a managed apiserver; labels are the node\'s', () => {
    given(cnp('to-nodes', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { 'node-role.kubernetes.io/control-plane': '' } } }] }] }));
    expect(summary(flow(foo, APISERVER_ON_NODE, 6443))).toEqual(deniedAtEgress('deny CNP to-nodes spec.egress[0]'));
    expect(summary(flow(foo, KUBELET, 10250))).toEqual(ALLOWED);
    expect(summary(flow(foo, MANAGED_APISERVER, 443))).toEqual(ALLOWED);
    given(cnp('to-nodes', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }));
    expect(summary(flow(foo, KUBELET, 10250))).toEqual(deniedAtEgress('deny CNP to-nodes spec.egress[0]'));
    expect(summary(flow(foo, svcPub, 80))).toEqual(ALLOWED);
  });

  test('`domainNames` in a Deny rule ("only supported for Accept rules") matches nothing, with an ambiguity when the name would match', () => {
    given(cnp('deny-domain', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ domainNames: ['*.example.com'] }] }] }));
    const verdict = flow(foo, external('93.184.216.34', 'www.example.com'), 443);
    expect(summary(verdict)).toEqual({ ...ALLOWED, ambiguities: 1 });
    expect(verdict.ambiguities[0]).toContain('"DomainNames is only supported for Accept rules"');
    expect(summary(flow(foo, external('93.184.216.35', 'example.org'), 443))).toEqual(ALLOWED);
  });
});

describe('ports and protocols', () => {
  const acceptOnly = (protocols: unknown[]) => {
    given(
      cnp('ports', {
        tier: 'Admin',
        priority: 1,
        subject: { namespaces: inNamespace('ctrl-system') },
        ingress: [
          { action: 'Accept', from: [{ namespaces: {} }], protocols },
          { action: 'Deny', from: [{ namespaces: {} }] },
        ],
      }),
    );
  };
  const accepted = acceptedAtIngress('accept CNP ports spec.ingress[0]');
  const denied = deniedAtIngress('deny CNP ports spec.ingress[1]');

  test('a range includes both ends and matches only its protocol', () => {
    acceptOnly([range('tcp', 9440, 9445)]);
    expect([9439, 9440, 9443, 9445, 9446].map((port) => summary(flow(foo, controller, port)))).toEqual([denied, accepted, accepted, accepted, denied]);
    expect(summary(flow(foo, controller, 9443, 'UDP'))).toEqual(denied);
  });

  test('destinationNamedPort resolves on the destination pod; an unknown name or a non-pod destination does not match', () => {
    acceptOnly([{ destinationNamedPort: 'webhook' }]);
    expect(summary(flow(foo, controller, 9443))).toEqual(accepted);
    expect(summary(flow(foo, controller, 9444))).toEqual(denied);
    acceptOnly([{ destinationNamedPort: 'metrics' }]);
    expect(summary(flow(foo, controller, 9443))).toEqual(denied);
    given(admin('named-egress', 1, EVERY_NAMESPACE, { egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }], protocols: [{ destinationNamedPort: 'webhook' }] }] }));
    expect(summary(flow(foo, KUBELET, 9443))).toEqual(ALLOWED);
    expect(summary(flow(foo, controller, 9443))).toEqual(deniedAtEgress('deny CNP named-egress spec.egress[0]'));
  });

  test('omitted protocols match every protocol and port; `tcp` without destinationPort matches every TCP port (api-overview.md)', () => {
    acceptOnly([{ tcp: {} }]);
    expect(summary(flow(foo, controller, 1))).toEqual(accepted);
    expect(summary(flow(foo, controller, 53, 'UDP'))).toEqual(denied);
    given(cnp('all', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }));
    expect(summary(flow(foo, controller, 9, 'SCTP'))).toEqual(deniedAtIngress('deny CNP all spec.ingress[0]'));
  });
});

describe('fail closed and ignored objects', () => {
  test('a Deny rule with a peer this version does not know (an ingress `networks`) is "Deny all", non-pod sources included', () => {
    given(cnp('odd-deny', { tier: 'Baseline', priority: 1, subject: { namespaces: inNamespace('ctrl-system') }, ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }));
    const verdict = flow(KUBELET, controller, 8081);
    expect(summary(verdict)).toEqual(deniedAtIngress('deny CNP odd-deny spec.ingress[0]'));
    expect(verdict.ingress.reason).toContain('fails closed');
  });

  test('a Pass rule with an unknown protocol entry fails closed to "Deny all"; an Accept rule with one matches nothing', () => {
    given(cnp('odd-pass', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Pass', to: [{ namespaces: {} }], protocols: [{ icmp: { type: 8 } }] }] }));
    expect(summary(flow(foo, external('1.1.1.1'), 443))).toEqual(deniedAtEgress('deny CNP odd-pass spec.egress[0]'));
    given(
      cnp('odd-accept', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Accept', to: [{ namespaces: {} }, {}] }] }),
      cnp('deny', { tier: 'Admin', priority: 2, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ namespaces: {} }] }] }),
    );
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtEgress('deny CNP deny spec.egress[0]'));
  });

  test('only v1alpha2 ClusterNetworkPolicy and v1 NetworkPolicy are enforced: v1alpha1 AdminNetworkPolicy, other versions and other engines are ignored', () => {
    given(
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        metadata: { name: 'anp' },
        spec: { priority: 1, subject: EVERY_NAMESPACE, ingress: [{ action: 'Deny', from: [EVERY_NAMESPACE] }] },
      },
      cnp('beta', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }, 'policy.networking.k8s.io/v1beta1'),
      { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'deny' }, spec: { selector: 'all()', types: ['Ingress'] } },
      cnp('no-tier', { priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }),
    );
    expect(summary(flow(foo, svcPub, 80))).toEqual(ALLOWED);
  });

  test('an unknown action (v1alpha1 `Allow`) is no rule at all', () => {
    given(cnp('old-words', { tier: 'Admin', priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] }), STORY_5);
    expect(summary(flow(foo, svcPub, 80))).toEqual(deniedAtIngress('deny CNP default spec.ingress[0]'));
  });

  test('namespace subjects and peers also see the automatic kubernetes.io/metadata.name label and namespace labels', () => {
    const tenant = (operator: string) => ({ namespaces: { matchExpressions: [{ key: 'tenant', operator }] } });
    given(admin('tenants', 1, tenant('Exists'), { ingress: [{ action: 'Deny', from: [tenant('DoesNotExist')] }] }));
    expect(summary(flow(foo, tenantPod, 80))).toEqual(deniedAtIngress('deny CNP tenants spec.ingress[0]'));
    expect(summary(flow(tenantPod, foo, 80))).toEqual(ALLOWED);
  });
});
