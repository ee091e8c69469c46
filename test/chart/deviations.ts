import type { Assertion } from './helm-unittest';
import type { Outcome } from './render-chart-values';

/**
 * Where this function deliberately renders something other than the chart, per suite and case title:
 * the reason (a chart defect or a KRM-function concern), and the assertions that hold here instead.
 */
export interface Deviation {
  reason: string;
  asserts?: Assertion[];
  check?: (outcome: Outcome) => void;
}

const numericPort = (port: number, extra: Record<string, unknown> = {}): Assertion => ({
  contains: { path: 'spec.ingress', content: { ...extra, ports: [{ protocol: 'TCP', port }] } },
});

const NAMED_PORTS =
  'numeric ports instead of named ones: a named port silently matches nothing when the workload names its container port differently, and some CNIs do not support named ports';

const CILIUM_EMPTY_SECTION =
  'Cilium treats an empty ingress/egress section as absent, so the chart\'s `ingress: []` denies nothing; and an empty rule `{}` selects nothing in the old policy engine but everything in the newer one (pkg/policy/utils/parserules.go): the deny-all names the entity `none`, which never exists, with an explicit enableDefaultDeny';
const CNP_PRIORITY = 'ClusterNetworkPolicy priority is 0..1000 and the API server rejects the chart\'s 2000: the deny-all uses 1000 and the allowlist 900';

const CNP_ISOLATION =
  'a ClusterNetworkPolicy has no implicit isolation (site-src/api-overview.md), so the chart\'s Accept-only allowlist locks nothing down: the allowlist here ends in its own Deny rules, after its Accepts (ingress from all pods; egress to all pods and every network)';

function cnpAllowlist(outcome: Outcome): { ingress: unknown[]; egress: unknown[] } {
  expect(outcome.exitCode).toBe(0);
  const allow = outcome.docs.find((d) => (d.metadata as { name: string }).name === 'stageset-controller-stageset-system');
  return allow?.spec as { ingress: unknown[]; egress: unknown[] };
}

export const DEVIATIONS: Record<string, Record<string, Deviation>> = {
  'networkpolicy_test.yaml': {
    'leaves the metrics and gate ports open by default': { reason: NAMED_PORTS, asserts: [numericPort(8080), numericPort(8082)] },
    'includes the webhook port only when the webhook is enabled': { reason: NAMED_PORTS, asserts: [numericPort(9443)] },
    'omits the webhook port when the webhook is disabled': {
      reason: NAMED_PORTS,
      asserts: [{ notContains: { path: 'spec.ingress', content: { ports: [{ protocol: 'TCP', port: 9443 }] } } }],
    },
    'omits the gate port when the gate is disabled': {
      reason: NAMED_PORTS,
      asserts: [{ notContains: { path: 'spec.ingress', content: { ports: [{ protocol: 'TCP', port: 8082 }] } } }],
    },
    'tightens the metrics port when metrics.from is configured': {
      reason: NAMED_PORTS,
      asserts: [numericPort(8080, { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] })],
    },
    'tightens the gate port when gate.from is configured': {
      reason: NAMED_PORTS,
      asserts: [numericPort(8082, { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flagger-system' } } }] })],
    },
    'admits the kubelet probe port (health) as the first ingress rule': {
      reason: NAMED_PORTS,
      asserts: [{ equal: { path: 'spec.ingress[0].ports[0].port', value: 8081 } }],
    },
  },
  'networkpolicy-default-deny_test.yaml': {
    'denies ingress only by default, leaving egress open (cilium)': {
      reason: CILIUM_EMPTY_SECTION,
      asserts: [
        { equal: { path: 'spec.endpointSelector', value: {} } },
        { equal: { path: 'spec.ingress', value: [{ fromEntities: ['none'] }] } },
        { equal: { path: 'spec.enableDefaultDeny', value: { ingress: true } } },
        { notExists: { path: 'spec.egress' } },
        { notExists: { path: 'spec.ingressDeny' } },
      ],
    },
    'denies egress too once an egress allowlist is enabled (cilium)': {
      reason: CILIUM_EMPTY_SECTION,
      asserts: [
        { equal: { path: 'spec.ingress', value: [{ fromEntities: ['none'] }] } },
        { equal: { path: 'spec.egress', value: [{ toEntities: ['none'] }] } },
        { equal: { path: 'spec.enableDefaultDeny', value: { ingress: true, egress: true } } },
        { notExists: { path: 'spec.egressDeny' } },
      ],
    },
    'denies egress too once an egress allowlist is enabled (clusterNetworkPolicy)': {
      reason: 'a namespaces: {} peer matches pods only, so the chart\'s deny-all leaves every non-pod destination open; the deny also lists networks 0.0.0.0/0 and ::/0',
      asserts: [{ equal: { path: 'spec.egress', value: [{ name: 'deny-all', action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] }] } }],
    },
    'ranks the deny-all after the allowlist via a higher priority number (clusterNetworkPolicy)': {
      reason: CNP_PRIORITY,
      check: (outcome) => {
        expect(outcome.exitCode).toBe(0);
        const priority = (name: string) => (outcome.docs.find((d) => (d.metadata as { name: string }).name === name)?.spec as { priority?: number } | undefined)?.priority;
        expect(priority('stageset-controller-default-deny-stageset-system')).toBe(1000);
        expect(priority('stageset-controller-stageset-system')).toBe(900);
      },
    },
    'honours a custom order as the clusterNetworkPolicy priority': {
      reason: `${CNP_PRIORITY}; an explicit out-of-range value is an error, never a manifest the API server rejects`,
      check: (outcome) => {
        expect(outcome.exitCode).toBe(1);
        expect(outcome.docs).toEqual([]);
        expect(outcome.stderr).toMatch(/networkPolicy\.defaultDeny\.order: .*9000.*0\.\.1000/);
      },
    },
    'the clusterNetworkPolicy deny-all subjects the namespace next to the allowlist': {
      reason: CNP_PRIORITY,
      asserts: [
        { equal: { path: 'spec.subject.namespaces.matchLabels["kubernetes.io/metadata.name"]', value: 'stageset-system' } },
        { equal: { path: 'spec.priority', value: 1000 } },
      ],
    },
  },
  'ciliumnetworkpolicy_test.yaml': {
    'adds a DNS egress rule when egress is enabled': {
      reason:
        'the DNS peer is the configured DNS namespace (the chart hard-codes k8s-app: kube-dns), and the L7 DNS rule is added only when a toFQDNs rule needs the DNS proxy (Cilium rejects L7 rules when its L7 proxy is off)',
      asserts: [
        {
          contains: {
            path: 'spec.egress',
            content: {
              toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
              toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] }],
            },
          },
        },
      ],
    },
  },
  'caliconetworkpolicy_test.yaml': {
    'adds the Egress type and DNS allow rules when egress is enabled': {
      reason: 'the chart allows port 53 to any destination; the DNS rules here are scoped to the DNS namespace',
      asserts: [
        { contains: { path: 'spec.types', content: 'Egress' } },
        ...['UDP', 'TCP'].map((protocol) => ({
          contains: { path: 'spec.egress', content: { action: 'Allow', protocol, destination: { namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: [53] } } },
        })),
      ],
    },
  },
  'clusternetworkpolicy_test.yaml': {
    'accepts the metrics and gate ports from any peer': {
      reason: CNP_ISOLATION,
      check: (outcome) => {
        const ingress = cnpAllowlist(outcome).ingress;
        for (const [name, number] of [['metrics', 8080], ['gate', 8082]] as const) {
          expect(ingress).toContainEqual({ name, action: 'Accept', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number } } }] });
        }
        expect(ingress.at(-1)).toEqual({ name: 'deny-everything-else', action: 'Deny', from: [{ namespaces: {} }] });
      },
    },
    'adds a DNS Accept egress rule when egress is enabled': {
      reason: CNP_ISOLATION,
      check: (outcome) => {
        const egress = cnpAllowlist(outcome).egress;
        expect(egress[0]).toMatchObject({ name: 'dns', action: 'Accept' });
        expect(egress.at(-1)).toEqual({ name: 'deny-everything-else', action: 'Deny', to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }] });
      },
    },
    'pins the Baseline tier and the configured priority': {
      reason: `${CNP_PRIORITY}; the case's priority 1500 is out of range, so it is an error here`,
      check: (outcome) => {
        expect(outcome.exitCode).toBe(1);
        expect(outcome.stderr).toMatch(/networkPolicy\.clusterNetworkPolicy\.priority: .*1500.*0\.\.1000/);
      },
    },
  },
};
