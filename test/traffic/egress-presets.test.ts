import { parse, stringify } from 'yaml';
import { ENGINES, type Engine } from '../../src/config/values-schema';
import { DIALECTS } from '../../src/dialects/index';
import type { KubeObject } from '../../src/k8s/kube-object';
import type { Cluster, Endpoint, Protocol } from '../../src/traffic/model';
import { run } from '../../src/run';
import { controllerDeployment, resourceList, typedConfig } from '../support/fixtures';
import { CLUSTER, PEERS } from '../support/traffic-cluster';

/**
 * Egress that works out of the box, proven as traffic: the kube-apiserver declared once and each DNS
 * preset, rendered by every engine and judged by that engine's evaluator. The controller reaches the
 * apiserver on 6443 and DNS on the preset's port, and nothing else.
 */

const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string): Endpoint => ({ kind: 'pod', name, namespace, labels, ip, node: 'worker-b' });

/** The DNS servers of each platform, and one thing next to each that must stay unreachable. */
const DNS = {
  coredns: PEERS.coredns,
  /** Another pod of kube-system: the namespace-wide chart rule reaches it, the kube-dns preset does not. */
  metricsServer: pod('metrics-server-5f9d-qwert', 'kube-system', { 'k8s-app': 'metrics-server' }, '10.244.2.20'),
  openshift: pod('dns-default-x7k2p', 'openshift-dns', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, '10.128.2.5'),
  /** NodeLocal DNSCache: host-network, on the link-local address of the controller's own node. */
  nodeLocal: { kind: 'node', name: 'worker-a', ip: '169.254.20.10' } satisfies Endpoint as Endpoint,
  /** GKE Cloud DNS: the metadata server's address. */
  gkeMetadata: { kind: 'external', ip: '169.254.169.254' } satisfies Endpoint as Endpoint,
  /** EKS Auto Mode: the DNS Service IP, where the VPC CNI's agent matches (before translation). */
  eksDnsService: { kind: 'external', ip: '172.20.0.10' } satisfies Endpoint as Endpoint,
} as const;

/** default/kubernetes by its ClusterIP, as a CNI that enforces before translation sees the connection. */
const SERVICE_IP: Endpoint = { kind: 'external', ip: '10.96.0.1' };

const CLUSTER_WITH_DNS: Cluster = {
  ...CLUSTER,
  namespaces: [...CLUSTER.namespaces, { name: 'openshift-dns', labels: {} }],
};

function render(engine: Engine, egress: Record<string, unknown>): KubeObject[] {
  const values = stringify({ networkPolicy: { enabled: true, engine, egress: { enabled: true, ...egress } } });
  const output = run(resourceList([controllerDeployment()], typedConfig(values)));
  expect(output.stderr).not.toMatch(/\[error\]/);
  expect(output.exitCode).toBe(0);
  return (parse(output.stdout) as { items: KubeObject[] }).items;
}

/**
 * A flow from the controller; `except` names an engine whose verdict differs on purpose and why, and
 * `condition` a documented condition the engine's evaluator attaches to the verdict.
 */
type Flow = [to: Endpoint, port: number, protocol: Protocol, special?: { except?: Engine; condition?: { engine: Engine; matching: RegExp } }];

/** Every scenario: what must be reachable, and what must not. */
const NOTHING_ELSE: Flow[] = [
  [PEERS.stranger, 53, 'UDP'],
  [PEERS.stranger, 443, 'TCP'],
  [PEERS.internet, 443, 'TCP'],
  [PEERS.internet, 53, 'UDP'],
  [PEERS.otherNode, 10250, 'TCP'],
  [PEERS.apiserver, 22, 'TCP'],
];

const KUBEADM = { apiserver: { cidrs: ['10.0.0.10/32'] } };

const SCENARIOS: Record<string, { egress: Record<string, unknown>; reaches: Flow[]; not: Flow[] }> = {
  'the apiserver on a control-plane node (kubeadm, 6443), the chart DNS rule': {
    egress: KUBEADM,
    reaches: [
      [PEERS.apiserver, 6443, 'TCP'],
      [DNS.coredns, 53, 'UDP'],
      [DNS.coredns, 53, 'TCP'],
    ],
    // The test cluster holds two apiservers, which no real cluster does: Cilium's kube-apiserver entity
    // selects whichever the agent knows, the address rules of the other engines the listed one only.
    not: [[PEERS.managedApiserver, 443, 'TCP', { except: 'cilium' }]],
  },
  'a managed apiserver outside the cluster': {
    egress: { apiserver: { cidrs: ['172.16.0.2/32'], external: true } },
    reaches: [[PEERS.managedApiserver, 443, 'TCP']],
    not: [[PEERS.managedApiserver, 80, 'TCP']],
  },
  'the Service IP, for a CNI that matches before translation (the AWS VPC CNI)': {
    egress: { apiserver: { cidrs: ['10.0.0.10/32'], serviceIP: '10.96.0.1' } },
    // Cilium translates the Service first (its socket load balancer): no rule names the ClusterIP there.
    reaches: [[SERVICE_IP, 443, 'TCP', { except: 'cilium' }]],
    not: [[SERVICE_IP, 6443, 'TCP']],
  },
  'preset kube-dns: the CoreDNS pods only': {
    egress: { ...KUBEADM, dnsPreset: 'kube-dns' },
    reaches: [
      [DNS.coredns, 53, 'UDP'],
      [DNS.coredns, 53, 'TCP'],
    ],
    not: [[DNS.metricsServer, 53, 'UDP']],
  },
  'preset openshift: openshift-dns on 5353': {
    egress: { ...KUBEADM, dnsPreset: 'openshift' },
    reaches: [
      [DNS.openshift, 5353, 'UDP'],
      [DNS.openshift, 5353, 'TCP'],
    ],
    not: [
      [DNS.openshift, 53, 'UDP'],
      [DNS.coredns, 53, 'UDP'],
    ],
  },
  'preset node-local-dns: the link-local cache on the node, and kube-dns behind it': {
    egress: { ...KUBEADM, dnsPreset: 'node-local-dns' },
    reaches: [
      // Calico: traffic from a pod to its own host also passes FelixConfiguration
      // defaultEndpointToHostAction (ACCEPT as the manifests and the operator install it).
      [DNS.nodeLocal, 53, 'UDP', { condition: { engine: 'calico', matching: /defaultEndpointToHostAction/ } }],
      [DNS.nodeLocal, 53, 'TCP', { condition: { engine: 'calico', matching: /defaultEndpointToHostAction/ } }],
      [DNS.coredns, 53, 'UDP'],
    ],
    not: [
      [DNS.nodeLocal, 22, 'TCP'],
      [DNS.metricsServer, 53, 'UDP'],
    ],
  },
  'preset gke-cloud-dns: the metadata server': {
    egress: { ...KUBEADM, dnsPreset: 'gke-cloud-dns' },
    reaches: [[DNS.gkeMetadata, 53, 'UDP']],
    not: [
      [DNS.gkeMetadata, 80, 'TCP'],
      [DNS.coredns, 53, 'UDP'],
    ],
  },
  'preset eks-auto-mode: the DNS Service IP given': {
    egress: { ...KUBEADM, dnsPreset: 'eks-auto-mode', dnsAddresses: ['172.20.0.10/32'] },
    reaches: [[DNS.eksDnsService, 53, 'UDP']],
    not: [[DNS.coredns, 53, 'UDP']],
  },
};

describe.each(ENGINES)('%s', (engine) => {
  const evaluate = DIALECTS[engine].evaluate;
  describe.each(Object.entries(SCENARIOS))('%s', (_title, scenario) => {
    const objects = render(engine, scenario.egress);
    const allowed = ([to, port, protocol, special]: Flow) => {
      const verdict = evaluate(objects, CLUSTER_WITH_DNS, { from: PEERS.controller, to, port, protocol });
      if (special?.condition?.engine === engine) expect(verdict.ambiguities).toEqual([expect.stringMatching(special.condition.matching)]);
      else expect(verdict.ambiguities).toEqual([]);
      return verdict.allowed;
    };
    const name = ([to, port, protocol]: Flow) => `${'name' in to ? to.name : to.ip}:${port}/${protocol}`;
    const expected = (flow: Flow, wanted: boolean) => (flow[3]?.except === engine ? !wanted : wanted);
    test.each(scenario.reaches.map((flow) => [name(flow), flow] as const))('reaches %s', (_flow, flow) => expect(allowed(flow)).toBe(expected(flow, true)));
    test.each([...scenario.not, ...NOTHING_ELSE].map((flow) => [name(flow), flow] as const))('does not reach %s', (_flow, flow) => expect(allowed(flow)).toBe(expected(flow, false)));
  });
});

describe.each(['cilium', 'calico'] as const)('%s finds the apiserver without addresses', (engine) => {
  test('apiserver: {} reaches it on the control plane and outside the cluster', () => {
    const objects = render(engine, { apiserver: {} });
    const flow = (to: Endpoint, port: number) => DIALECTS[engine].evaluate(objects, CLUSTER_WITH_DNS, { from: PEERS.controller, to, port, protocol: 'TCP' }).allowed;
    expect({ onNode: flow(PEERS.apiserver, 6443), stranger: flow(PEERS.stranger, 6443), internet: flow(PEERS.internet, 443) }).toEqual({ onNode: true, stranger: false, internet: false });
  });
});

describe('egress derived from the configuration, and Flux\'s side', () => {
  const ITEMS = `- apiVersion: stages.metio.wtf/v1
  kind: StageSet
  metadata:
    name: shop
    namespace: team-a
  spec:
    kubeConfig:
      configMapRef:
        name: remote-cluster
    errorBudget:
      source:
        prometheus:
          address: http://prometheus-operated.monitoring.svc:9090
          query: slo:error_budget_remaining:ratio
    stages:
    - name: prod
      sourceRef:
        name: shop
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: remote-cluster
    namespace: team-a
  data:
    address: https://10.20.0.5:6443
`;
  /** Flux's own policy: flux-system admits ingress from flux-system only (fluxcd/flux2 manifests/policies/allow-egress.yaml). */
  const FLUX_ALLOW_EGRESS = `- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: allow-egress
    namespace: flux-system
  spec:
    podSelector: {}
    ingress:
    - from:
      - podSelector: {}
    egress:
    - {}
    policyTypes:
    - Ingress
    - Egress
`;
  const TOP = {
    controller: { tracing: { endpoint: 'otel-collector.observability.svc:4317' }, allowedActionHosts: ['*.hooks.example.com'] },
    rollbackStore: { backend: 's3', s3: { endpoint: 'minio.storage.svc:9000', useSSL: false } },
  };
  const otel = pod('otel-collector-0', 'observability', { app: 'otel-collector' }, '10.244.2.30');
  const minio = pod('minio-0', 'storage', { app: 'minio' }, '10.244.2.31');
  const remoteApiserver: Endpoint = { kind: 'external', ip: '10.20.0.5' };
  const hook: Endpoint = { kind: 'external', ip: '93.184.216.40', hostname: 'ci.hooks.example.com' };
  const cluster: Cluster = { ...CLUSTER_WITH_DNS, namespaces: [...CLUSTER_WITH_DNS.namespaces, { name: 'observability', labels: {} }, { name: 'storage', labels: {} }] };

  function renderWith(engine: Engine, networkPolicy: Record<string, unknown>, extra: string[]): KubeObject[] {
    const values = stringify({ ...TOP, networkPolicy: { enabled: true, engine, ...networkPolicy } });
    const output = run(resourceList([controllerDeployment(), ...extra], typedConfig(values)));
    expect(output.stderr).not.toMatch(/\[error\]/);
    return (parse(output.stdout) as { items: KubeObject[] }).items;
  }

  /** Names are allowed only by the engines that have name rules: Cilium toFQDNs, ClusterNetworkPolicy domainNames. */
  const NAMES: Record<Engine, boolean> = { kubernetes: false, cilium: true, calico: false, clusterNetworkPolicy: true };

  describe.each(ENGINES)('%s', (engine) => {
    const objects = renderWith(engine, { egress: { enabled: true, apiserver: { cidrs: ['10.0.0.10/32'] }, derived: { enabled: true } } }, [ITEMS]);
    const flow = (to: Endpoint, port: number) => {
      const verdict = DIALECTS[engine].evaluate(objects, cluster, { from: PEERS.controller, to, port, protocol: 'TCP' });
      return verdict.allowed;
    };
    test('reaches what the values and the items imply', () => {
      expect({
        otlp: flow(otel, 4317),
        s3: flow(minio, 9000),
        sourceController: flow(PEERS.sourceController, 9090),
        remoteApiserver: flow(remoteApiserver, 6443),
        prometheus: flow(PEERS.prometheus, 9090),
        apiserver: flow(PEERS.apiserver, 6443),
        actionHost: flow(hook, 443),
      }).toEqual({ otlp: true, s3: true, sourceController: true, remoteApiserver: true, prometheus: true, apiserver: true, actionHost: NAMES[engine] });
    });
    test('and nothing else', () => {
      expect({
        otlpOtherPort: flow(otel, 4318),
        s3OtherPort: flow(minio, 9001),
        remoteOtherPort: flow(remoteApiserver, 22),
        stranger: flow(PEERS.stranger, 9090),
        internet: flow(PEERS.internet, 443),
        hookOtherPort: flow(hook, 8443),
      }).toEqual({ otlpOtherPort: false, s3OtherPort: false, remoteOtherPort: false, stranger: false, internet: false, hookOtherPort: false });
    });

    test("Flux's side: source-controller admits the controller only with the companion", () => {
      const admitted = (companion: boolean, from: Endpoint) => {
        const rendered = renderWith(engine, { companions: { fluxSource: { enabled: companion } } }, [FLUX_ALLOW_EGRESS]);
        return DIALECTS[engine].evaluate(rendered, cluster, { from, to: PEERS.sourceController, port: 9090, protocol: 'TCP' }).allowed;
      };
      expect({ without: admitted(false, PEERS.controller), with: admitted(true, PEERS.controller), stranger: admitted(true, PEERS.stranger) }).toEqual({ without: false, with: true, stranger: false });
    });
  });
});
