import { parse, stringify } from 'yaml';
import { ENGINES, type Engine } from '../../src/config/values-schema';
import type { KubeObject } from '../../src/krm/kube-object';
import { run } from '../../src/run';
import { EVALUATORS } from '../../src/traffic/evaluate';
import type { PodEndpoint, Protocol } from '../../src/traffic/model';
import { controllerDeployment, otherDeployment, resourceList, typedConfig } from '../support/fixtures';
import { CLUSTER, PEERS, type PeerName } from '../support/traffic-cluster';

/**
 * The traffic matrix: the same values files rendered by every engine, then judged flow by flow by that
 * engine's evaluator. Every flow of the documentation's ingress and egress tables must be allowed; unlisted
 * and disabled ports, every peer outside a port's `from`, neighbours under the default-deny and every
 * destination not allowed once egress is on must be denied. Where an engine cannot express something,
 * the row says which engine and why.
 */

const NAME = (namespace: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': namespace } });

/** Tightening every engine takes from the same values: metrics from monitoring, the gate from Flagger. */
const TIGHT = { metrics: { from: [{ namespaceSelector: NAME('monitoring') }] }, gate: { from: [{ namespaceSelector: NAME('flagger-system') }] } };

/**
 * Egress from the documentation's table: DNS (on by default), the kube-apiserver by its endpoint address
 * on 6443/443, Flux's source-controller on 9090. Cilium's CIDR rules never match an apiserver on a node,
 * so its native entity rule goes along (ignored, with a warning, by the other engines).
 */
const EGRESS = {
  egress: {
    enabled: true,
    to: [
      { to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: [{ protocol: 'TCP', port: 6443 }, { protocol: 'TCP', port: 443 }] },
      { to: [{ namespaceSelector: NAME('flux-system') }], ports: [{ protocol: 'TCP', port: 9090 }] },
    ],
  },
  cilium: { egress: [{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }, { port: '443', protocol: 'TCP' }] }] }] },
};
const DENY = { defaultDeny: { enabled: true } };

/** A developer's own policy for the neighbour, next to the default-deny. */
const DEVELOPER_POLICY = `- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: neighbour-web
    namespace: stageset-system
  spec:
    podSelector:
      matchLabels: {app: neighbour}
    ingress:
    - ports:
      - {protocol: TCP, port: 80}
`;

type Scenario = 'allowlist' | 'allowlist + default-deny' | 'allowlist + egress' | 'egress + default-deny';
const SCENARIOS: Record<Scenario, Record<string, unknown>> = {
  allowlist: TIGHT,
  'allowlist + default-deny': { ...TIGHT, ...DENY },
  'allowlist + egress': { ...TIGHT, ...EGRESS },
  'egress + default-deny': { ...TIGHT, ...EGRESS, ...DENY },
};

function render(engine: Engine, networkPolicy: Record<string, unknown>, top: Record<string, unknown> = {}, extraItems: string[] = []): KubeObject[] {
  const values = stringify({ ...top, networkPolicy: { enabled: true, engine, ...networkPolicy } });
  const output = run(resourceList([controllerDeployment(), otherDeployment('stageset-system', 'neighbour'), ...extraItems], typedConfig(values)));
  expect(output.stderr).not.toMatch(/\[error\]/);
  expect(output.exitCode).toBe(0);
  return (parse(output.stdout) as { items: KubeObject[] }).items;
}

/** Expected verdict: one for all engines, or per engine where engines differ (with the reason in the row). */
type Expected = boolean | ({ default: boolean } & Partial<Record<Engine, boolean>>);
type Row = [title: string, from: PeerName, to: PeerName, port: number, protocol: Protocol, expected: Expected, scenarios?: readonly Scenario[]];

const ALL: readonly Scenario[] = Object.keys(SCENARIOS) as Scenario[];
const WITH_DENY: readonly Scenario[] = ['allowlist + default-deny', 'egress + default-deny'];
const WITHOUT_DENY: readonly Scenario[] = ['allowlist', 'allowlist + egress'];
const WITH_EGRESS: readonly Scenario[] = ['allowlist + egress', 'egress + default-deny'];
const WITHOUT_EGRESS: readonly Scenario[] = ['allowlist', 'allowlist + default-deny'];
/** ClusterNetworkPolicy ingress peers are pods only: a source that is no pod is neither accepted nor denied. */
const NOT_A_POD_UNDER_CNP = { default: false, clusterNetworkPolicy: true } as const;

const ROWS: Row[] = [
  // the documentation's ingress table
  ['the kube-apiserver calls the webhook', 'apiserver', 'controller', 9443, 'TCP', true],
  ['a managed kube-apiserver calls the webhook', 'managedApiserver', 'controller', 9443, 'TCP', true],
  ['the kubelet probes health', 'kubelet', 'controller', 8081, 'TCP', true],
  ['Prometheus scrapes metrics', 'prometheus', 'controller', 8080, 'TCP', true],
  ['Flagger polls the gate', 'flagger', 'controller', 8082, 'TCP', true],
  // every peer outside a port's from
  ['a pod of another namespace on metrics', 'stranger', 'controller', 8080, 'TCP', false],
  ['the neighbour on metrics', 'neighbour', 'controller', 8080, 'TCP', false],
  ['Flagger on metrics', 'flagger', 'controller', 8080, 'TCP', false],
  ['Prometheus on the gate', 'prometheus', 'controller', 8082, 'TCP', false],
  ['the internet on metrics', 'internet', 'controller', 8080, 'TCP', NOT_A_POD_UNDER_CNP],
  ['another node on metrics', 'otherNode', 'controller', 8080, 'TCP', NOT_A_POD_UNDER_CNP],
  // unlisted and disabled ports
  ['a pod on mcp (mcp.enabled is false)', 'stranger', 'controller', 8084, 'TCP', false],
  ['a pod on an unlisted port', 'stranger', 'controller', 9999, 'TCP', false],
  ['the neighbour on an unlisted port', 'neighbour', 'controller', 12345, 'TCP', false],
  ['the webhook port over UDP', 'stranger', 'controller', 9443, 'UDP', false],
  ['the internet on an unlisted port', 'internet', 'controller', 9999, 'TCP', NOT_A_POD_UNDER_CNP],
  // the neighbour, with and without the default-deny
  ['a pod of another namespace reaches the neighbour', 'stranger', 'neighbour', 80, 'TCP', true, WITHOUT_DENY],
  ['the default-deny cuts the neighbour off', 'stranger', 'neighbour', 80, 'TCP', false, WITH_DENY],
  ['the neighbour reaches the internet while egress is off', 'neighbour', 'internet', 443, 'TCP', true, WITHOUT_EGRESS],
  ['the neighbour loses the internet under the egress default-deny', 'neighbour', 'internet', 443, 'TCP', false, ['egress + default-deny']],
  ['the neighbour loses DNS under the egress default-deny', 'neighbour', 'coredns', 53, 'UDP', false, ['egress + default-deny']],
  // egress
  ['the controller reaches anything while egress is off', 'controller', 'internet', 443, 'TCP', true, WITHOUT_EGRESS],
  ['DNS over UDP', 'controller', 'coredns', 53, 'UDP', true, WITH_EGRESS],
  ['DNS over TCP', 'controller', 'coredns', 53, 'TCP', true, WITH_EGRESS],
  ['the local kube-apiserver on its endpoint port', 'controller', 'apiserver', 6443, 'TCP', true, WITH_EGRESS],
  ["Flux's source-controller", 'controller', 'sourceController', 9090, 'TCP', true, WITH_EGRESS],
  ['the internet once egress is on', 'controller', 'internet', 443, 'TCP', false, WITH_EGRESS],
  ['a pod of another namespace once egress is on', 'controller', 'stranger', 80, 'TCP', false, WITH_EGRESS],
  ['DNS pods on another port', 'controller', 'coredns', 80, 'TCP', false, WITH_EGRESS],
  ['source-controller on another port', 'controller', 'sourceController', 80, 'TCP', false, WITH_EGRESS],
  ['Prometheus, not listed for egress', 'controller', 'prometheus', 9090, 'TCP', false, WITH_EGRESS],
  ['another node on the apiserver port', 'controller', 'otherNode', 6443, 'TCP', false, WITH_EGRESS],
  // Cilium's kube-apiserver entity names the apiserver wherever it runs; the others list its address.
  ['a managed apiserver whose address is not listed', 'controller', 'managedApiserver', 443, 'TCP', { default: false, cilium: true }, WITH_EGRESS],
];

describe.each(ENGINES)('%s', (engine) => {
  const evaluate = EVALUATORS[engine];
  describe.each(ALL)('%s', (scenario) => {
    const objects = render(engine, SCENARIOS[scenario]);
    const rows = ROWS.filter(([, , , , , , only]) => !only || only.includes(scenario));
    test.each(rows)('%s', (_title, from, to, port, protocol, expected) => {
      const verdict = evaluate(objects, CLUSTER, { from: PEERS[from], to: PEERS[to], port, protocol });
      const want = typeof expected === 'boolean' ? expected : (expected[engine] ?? expected.default);
      expect({ allowed: verdict.allowed, ambiguities: verdict.ambiguities }).toEqual({ allowed: want, ambiguities: [] });
    });
  });

  test('a developer NetworkPolicy next to the default-deny still opens what it allows', () => {
    const objects = render(engine, SCENARIOS['allowlist + default-deny'], {}, [DEVELOPER_POLICY]);
    const flow = (port: number) => evaluate(objects, CLUSTER, { from: PEERS.stranger, to: PEERS.neighbour, port, protocol: 'TCP' }).allowed;
    expect([flow(80), flow(81)]).toEqual([true, false]);
  });

  test('custom ports.*, webhook and gate off: only the configured ports open', () => {
    const objects = render(engine, TIGHT, { ports: { metrics: 9090, health: 9091 }, webhook: { enabled: false }, gate: { enabled: false } });
    const flow = (from: PeerName, port: number) => evaluate(objects, CLUSTER, { from: PEERS[from], to: PEERS.controller, port, protocol: 'TCP' }).allowed;
    expect({
      metricsFromPrometheus: flow('prometheus', 9090),
      defaultMetricsPort: flow('prometheus', 8080),
      probes: flow('kubelet', 9091),
      defaultHealthPortFromAPod: flow('stranger', 8081),
      webhookFromAPod: flow('stranger', 9443),
      gateFromFlagger: flow('flagger', 8082),
    }).toEqual({ metricsFromPrometheus: true, defaultMetricsPort: false, probes: true, defaultHealthPortFromAPod: false, webhookFromAPod: false, gateFromFlagger: false });
  });

  test('a workload selected by matchExpressions: its pods are protected, a look-alike without the label is not', () => {
    const workload = controllerDeployment().replace(
      /selector:\n(\s+)matchLabels:\n((?:\1 .*\n)+?)(\s+)template:/,
      (_m, indent: string) => `selector:\n${indent}matchLabels:\n${indent}  app.kubernetes.io/name: stageset-controller\n${indent}matchExpressions:\n${indent}- {key: app.kubernetes.io/instance, operator: In, values: [stageset-controller]}\n${indent.slice(2)}template:`,
    );
    expect(workload).toContain('matchExpressions');
    const values = stringify({ networkPolicy: { enabled: true, engine, ...TIGHT } });
    const output = run(resourceList([workload], typedConfig(values)));
    expect(output.exitCode).toBe(0);
    const objects = (parse(output.stdout) as { items: KubeObject[] }).items;
    const lookalike: PodEndpoint = { ...PEERS.controller, name: 'lookalike', labels: { 'app.kubernetes.io/name': 'stageset-controller', 'app.kubernetes.io/instance': 'other' } };
    const flow = (to: PodEndpoint) => evaluate(objects, CLUSTER, { from: PEERS.stranger, to, port: 8080, protocol: 'TCP' }).allowed;
    expect({ controller: flow(PEERS.controller), lookalike: flow(lookalike) }).toEqual({ controller: false, lookalike: true });
  });
});

describe('calico: a deny-all order at or below the allowlist changes nothing (the rule-less deny-all takes no action)', () => {
  test.each([50, 100, 2000])('defaultDeny.order %d', (order) => {
    const objects = render('calico', { ...TIGHT, defaultDeny: { enabled: true, order } });
    const flow = (from: PeerName, to: PeerName, port: number) => EVALUATORS.calico(objects, CLUSTER, { from: PEERS[from], to: PEERS[to], port, protocol: 'TCP' }).allowed;
    expect({
      metricsFromPrometheus: flow('prometheus', 'controller', 8080),
      webhookFromApiserver: flow('apiserver', 'controller', 9443),
      metricsFromStranger: flow('stranger', 'controller', 8080),
      neighbour: flow('stranger', 'neighbour', 80),
    }).toEqual({ metricsFromPrometheus: true, webhookFromApiserver: true, metricsFromStranger: false, neighbour: false });
  });
});
