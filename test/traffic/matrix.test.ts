import { parse, stringify } from 'yaml';
import { ENGINES, type Engine } from '../../src/config/values-schema';
import type { KubeObject } from '../../src/k8s/kube-object';
import { run } from '../../src/run';
import { DIALECTS } from '../../src/dialects/index';
import type { PodEndpoint } from '../../src/traffic/model';
import { controllerDeployment, otherDeployment, resourceList, typedConfig } from '../support/fixtures';
import { CLUSTER, PEERS, type PeerName } from '../support/traffic-cluster';
import { ALL, expectedUnder, ROWS, SCENARIOS, TIGHT } from './matrix-rows';

/**
 * The traffic matrix: the same values files rendered by every engine, then judged flow by flow by that
 * engine's evaluator. Every flow of the documentation's ingress and egress tables must be allowed; unlisted
 * and disabled ports, every peer outside a port's `from`, neighbours under the default-deny and every
 * destination not allowed once egress is on must be denied. Where an engine cannot express something,
 * the row says which engine and why.
 */

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

function render(engine: Engine, networkPolicy: Record<string, unknown>, top: Record<string, unknown> = {}, extraItems: string[] = []): KubeObject[] {
  const values = stringify({ ...top, networkPolicy: { enabled: true, engine, ...networkPolicy } });
  const output = run(resourceList([controllerDeployment(), otherDeployment('stageset-system', 'neighbour'), ...extraItems], typedConfig(values)));
  expect(output.stderr).not.toMatch(/\[error\]/);
  expect(output.exitCode).toBe(0);
  return (parse(output.stdout) as { items: KubeObject[] }).items;
}

describe.each(ENGINES)('%s', (engine) => {
  const evaluate = DIALECTS[engine].evaluate;
  describe.each(ALL)('%s', (scenario) => {
    const objects = render(engine, SCENARIOS[scenario]);
    const rows = ROWS.filter(([, , , , , , only]) => !only || only.includes(scenario));
    test.each(rows)('%s', (_title, from, to, port, protocol, expected) => {
      const verdict = evaluate(objects, CLUSTER, { from: PEERS[from], to: PEERS[to], port, protocol });
      expect({ allowed: verdict.allowed, ambiguities: verdict.ambiguities }).toEqual({ allowed: expectedUnder(expected, engine), ambiguities: [] });
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
    const flow = (from: PeerName, to: PeerName, port: number) => DIALECTS.calico.evaluate(objects, CLUSTER, { from: PEERS[from], to: PEERS[to], port, protocol: 'TCP' }).allowed;
    expect({
      metricsFromPrometheus: flow('prometheus', 'controller', 8080),
      webhookFromApiserver: flow('apiserver', 'controller', 9443),
      metricsFromStranger: flow('stranger', 'controller', 8080),
      neighbour: flow('stranger', 'neighbour', 80),
    }).toEqual({ metricsFromPrometheus: true, webhookFromApiserver: true, metricsFromStranger: false, neighbour: false });
  });
});
