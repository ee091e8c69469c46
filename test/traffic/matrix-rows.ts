import type { Engine } from '../../src/config/values-schema';
import type { Protocol } from '../../src/traffic/model';
import type { PeerName } from '../support/traffic-cluster';

/**
 * The traffic matrix's values and rows, shared by test/traffic/matrix.test.ts (the function on a
 * Deployment) and test/e2e/helm-chart.test.ts (the real chart through helm, kustomize and kpt): who
 * must reach which port of the controller, and what must be denied, per scenario and engine.
 */

export const NAME = (namespace: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': namespace } });

/** Tightening every engine takes from the same values: metrics from monitoring, the gate from Flagger. */
export const TIGHT = { metrics: { from: [{ namespaceSelector: NAME('monitoring') }] }, gate: { from: [{ namespaceSelector: NAME('flagger-system') }] } };

/**
 * Egress from the documentation's table: DNS (on by default), the kube-apiserver by its endpoint address
 * on 6443/443, Flux's source-controller on 9090. Cilium's CIDR rules never match an apiserver on a node,
 * so its native entity rule goes along (ignored, with a warning, by the other engines).
 */
export const EGRESS = {
  egress: {
    enabled: true,
    to: [
      { to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: [{ protocol: 'TCP', port: 6443 }, { protocol: 'TCP', port: 443 }] },
      { to: [{ namespaceSelector: NAME('flux-system') }], ports: [{ protocol: 'TCP', port: 9090 }] },
    ],
  },
  cilium: { egress: [{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }, { port: '443', protocol: 'TCP' }] }] }] },
};
export const DENY = { defaultDeny: { enabled: true } };

export type Scenario = 'allowlist' | 'allowlist + default-deny' | 'allowlist + egress' | 'egress + default-deny';
export const SCENARIOS: Record<Scenario, Record<string, unknown>> = {
  allowlist: TIGHT,
  'allowlist + default-deny': { ...TIGHT, ...DENY },
  'allowlist + egress': { ...TIGHT, ...EGRESS },
  'egress + default-deny': { ...TIGHT, ...EGRESS, ...DENY },
};

/** Expected verdict: one for all engines, or per engine where engines differ (with the reason in the row). */
export type Expected = boolean | ({ default: boolean } & Partial<Record<Engine, boolean>>);
export type Row = [title: string, from: PeerName, to: PeerName, port: number, protocol: Protocol, expected: Expected, scenarios?: readonly Scenario[]];

export const ALL: readonly Scenario[] = Object.keys(SCENARIOS) as Scenario[];
export const WITH_DENY: readonly Scenario[] = ['allowlist + default-deny', 'egress + default-deny'];
export const WITHOUT_DENY: readonly Scenario[] = ['allowlist', 'allowlist + egress'];
export const WITH_EGRESS: readonly Scenario[] = ['allowlist + egress', 'egress + default-deny'];
export const WITHOUT_EGRESS: readonly Scenario[] = ['allowlist', 'allowlist + default-deny'];
/** ClusterNetworkPolicy ingress peers are pods only: a source that is no pod is neither accepted nor denied. */
export const NOT_A_POD_UNDER_CNP = { default: false, clusterNetworkPolicy: true } as const;

export const ROWS: Row[] = [
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


/** The verdict a row expects under an engine. */
export function expectedUnder(expected: Expected, engine: Engine): boolean {
  return typeof expected === 'boolean' ? expected : (expected[engine] ?? expected.default);
}
