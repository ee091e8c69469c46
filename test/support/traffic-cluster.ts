import type { ApiserverEndpoint, Cluster, Endpoint, ExternalEndpoint, NodeEndpoint, PodEndpoint } from '../../src/traffic/model';

/**
 * One small cluster for flow tests: the StageSet controller and its neighbour in stageset-system, the
 * peers of the documentation's traffic tables in their usual namespaces, a stranger elsewhere, the
 * kubelet of the controller's node, another node, the kube-apiserver (on a control-plane node, or
 * managed outside the cluster) and the internet.
 */
const ns = (name: string, labels: Record<string, string> = {}) => ({ name, labels });

export const CONTROLLER_LABELS = {
  'app.kubernetes.io/name': 'stageset-controller',
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'stageset-controller',
  'app.kubernetes.io/part-of': 'stageset-controller',
  'app.kubernetes.io/version': 'v1.0.0',
  'pod-template-hash': '7d9f8c6b5',
};

const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string, node: string, namedPorts?: Record<string, number>): PodEndpoint => ({
  kind: 'pod',
  name,
  namespace,
  labels,
  ip,
  node,
  ...(namedPorts ? { namedPorts } : {}),
});

const node = (name: string, ip: string, labels: Record<string, string> = {}): NodeEndpoint => ({ kind: 'node', name, ip, labels: { 'kubernetes.io/hostname': name, ...labels } });

export const PEERS = {
  controller: pod('stageset-controller-7d9f8c6b5-x2v4q', 'stageset-system', CONTROLLER_LABELS, '10.244.1.10', 'worker-a', { metrics: 8080, health: 8081, gate: 8082, mcp: 8084, webhook: 9443 }),
  neighbour: pod('neighbour-5c7b9-abcde', 'stageset-system', { app: 'neighbour' }, '10.244.1.11', 'worker-a'),
  prometheus: pod('prometheus-0', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }, '10.244.2.10', 'worker-b'),
  flagger: pod('flagger-6b8f9-qwert', 'flagger-system', { 'app.kubernetes.io/name': 'flagger' }, '10.244.2.11', 'worker-b'),
  coredns: pod('coredns-7db6d8ff4d-zzzzz', 'kube-system', { 'k8s-app': 'kube-dns' }, '10.244.2.12', 'worker-b'),
  sourceController: pod('source-controller-6c9d-abcde', 'flux-system', { app: 'source-controller' }, '10.244.2.13', 'worker-b'),
  stranger: pod('web-0', 'team-a', { app: 'web' }, '10.244.2.14', 'worker-b'),
  /** The kubelet of the controller's node: its probes. */
  kubelet: node('worker-a', '10.0.1.1', { 'node-role.kubernetes.io/worker': '' }),
  otherNode: node('worker-b', '10.0.1.2', { 'node-role.kubernetes.io/worker': '' }),
  /** kubeadm, k3s, kubespray: on a control-plane node, listening on 6443. */
  apiserver: { kind: 'apiserver', ip: '10.0.0.10', node: 'control-plane' } satisfies ApiserverEndpoint as Endpoint,
  /** EKS, GKE, AKS: outside the cluster. */
  managedApiserver: { kind: 'apiserver', ip: '172.16.0.2' } satisfies ApiserverEndpoint as Endpoint,
  internet: { kind: 'external', ip: '93.184.216.34', hostname: 'bucket.example.com' } satisfies ExternalEndpoint as Endpoint,
} as const;

export type PeerName = keyof typeof PEERS;

export const CLUSTER: Cluster = {
  namespaces: [ns('stageset-system'), ns('monitoring'), ns('flagger-system'), ns('kube-system'), ns('flux-system'), ns('team-a', { team: 'a' }), ns('default')],
  nodes: [node('control-plane', '10.0.0.10', { 'node-role.kubernetes.io/control-plane': '' }), PEERS.kubelet, PEERS.otherNode],
  services: [
    { namespace: 'default', name: 'kubernetes', endpoints: [PEERS.apiserver] },
    { namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, endpoints: [PEERS.coredns] },
  ],
};
