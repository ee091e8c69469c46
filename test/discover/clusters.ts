import type { KubeObject } from '../../src/k8s/kube-object';

/**
 * The clusters the discover tests read: what their API servers answer to discover's queries, shaped
 * after the upstream manifests named next to each object (kubeadm, k3s, OpenShift's DNS operator, GKE,
 * EKS, NodeLocal DNSCache, Cilium, Calico, network-policy-api). Only the fields discover reads, and
 * enough around them to look like the real thing.
 */
type Labels = Record<string, string>;
interface Port {
  name: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP';
}
interface Container {
  name: string;
  image: string;
  ports?: Port[];
  args?: string[];
}

const meta = (namespace: string | undefined, name: string, labels: Labels = {}, annotations: Labels = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...(Object.keys(labels).length ? { labels } : {}),
  ...(Object.keys(annotations).length ? { annotations } : {}),
  uid: `00000000-0000-4000-8000-${(name.length * 7919).toString(16).padStart(12, '0')}`,
  resourceVersion: '1000',
  creationTimestamp: '2025-01-01T00:00:00Z',
});

const containers = (list: Container[]) => list.map((c) => ({ name: c.name, image: c.image, ...(c.args ? { args: c.args } : {}), ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}) }));

export function service(namespace: string, name: string, clusterIP: string, selector: Labels | undefined, ports: { name: string; port: number; protocol?: string; targetPort?: number | string }[], labels: Labels = {}, annotations: Labels = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(namespace, name, labels, annotations),
    spec: { clusterIP, clusterIPs: [clusterIP], ...(selector ? { selector } : {}), ports: ports.map((p) => ({ protocol: 'TCP', ...p })), type: 'ClusterIP', ipFamilies: ['IPv4'] },
  };
}

export function pod(namespace: string, name: string, labels: Labels, list: Container[], ip: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(namespace, name, labels), spec: { containers: containers(list), nodeName: 'node-1' }, status: { phase: 'Running', podIP: ip } };
}

export function daemonSet(namespace: string, name: string, list: Container[], labels: Labels = { 'k8s-app': name }, hostNetwork = false): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(namespace, name, labels),
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { ...(hostNetwork ? { hostNetwork } : {}), containers: containers(list) } } },
  };
}

/** default/kubernetes, which the kube-apiserver keeps itself (pkg/controlplane/reconcilers). */
export function apiserver(clusterIP: string, addresses: string[], port: number): KubeObject[] {
  return [
    service('default', 'kubernetes', clusterIP, undefined, [{ name: 'https', port: 443, targetPort: port }], { component: 'apiserver', provider: 'kubernetes' }),
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta('default', 'kubernetes', { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' }),
      addressType: 'IPv4',
      endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
      ports: [{ name: 'https', port, protocol: 'TCP' }],
    },
  ];
}

/** CoreDNS as kubeadm deploys it (cmd/kubeadm/app/phases/addons/dns/manifests.go): Service kube-dns, targetPort 53. */
export function coreDns(serviceIP: string, image: string, pods: string[], options: { labels?: Labels; podLabels?: Labels; targetPort?: boolean } = {}): KubeObject[] {
  const selector = { 'k8s-app': 'kube-dns' };
  const target = (port: number) => (options.targetPort === false ? {} : { targetPort: port });
  return [
    service('kube-system', 'kube-dns', serviceIP, selector, [
      { name: 'dns', port: 53, protocol: 'UDP', ...target(53) },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', ...target(53) },
      { name: 'metrics', port: 9153, protocol: 'TCP', ...target(9153) },
    ], { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS', ...options.labels }),
    ...pods.map((name, i) =>
      pod('kube-system', name, { ...selector, 'pod-template-hash': name.split('-').at(-2)!, ...options.podLabels }, [{ name: 'coredns', image, ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }, { name: 'metrics', containerPort: 9153 }] }], `10.244.0.${i + 2}`),
    ),
  ];
}

/** fluxcd/source-controller config/manager/deployment.yaml: label app=source-controller, port http 9090. */
export function fluxSourceController(namespace = 'flux-system'): KubeObject {
  return pod(namespace, 'source-controller-6d597849c8-kxz4w', { app: 'source-controller', 'pod-template-hash': '6d597849c8' }, [
    { name: 'manager', image: 'ghcr.io/fluxcd/source-controller:v1.4.1', ports: [{ name: 'http', containerPort: 9090 }, { name: 'http-prom', containerPort: 8080 }, { name: 'healthz', containerPort: 9440 }] },
  ], '10.244.1.20');
}

/** A Prometheus of the Prometheus operator (pkg/prometheus/server/statefulset.go: port web 9090). */
export function prometheus(namespace: string, name: string, port = 9090, container = 'prometheus'): KubeObject {
  return pod(namespace, `prometheus-${name}-0`, { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'prometheus-operator', prometheus: name }, [
    { name: container, image: 'quay.io/prometheus/prometheus:v2.54.1', ports: [{ name: 'web', containerPort: port }] },
  ], '10.244.1.30');
}

export function crd(name: string, versions: string[], annotations: Labels = {}): KubeObject {
  const [plural, ...group] = name.split('.');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(undefined, name, {}, annotations),
    spec: { group: group.join('.'), names: { plural, kind: plural }, scope: 'Namespaced', versions: versions.map((v, i) => ({ name: v, served: true, storage: i === versions.length - 1 })) },
  };
}

const kubeProxy = (image: string) => daemonSet('kube-system', 'kube-proxy', [{ name: 'kube-proxy', image }]);

export const CLUSTERS: Record<string, KubeObject[]> = {
  // kind v0.23 (kubeadm): the apiserver in the control-plane container on 6443; kindnet.
  kind: [
    ...apiserver('10.96.0.1', ['172.18.0.2'], 6443),
    ...coreDns('10.96.0.10', 'registry.k8s.io/coredns/coredns:v1.11.1', ['coredns-7db6d8ff4d-4ktbz', 'coredns-7db6d8ff4d-x7wjz']),
    daemonSet('kube-system', 'kindnet', [{ name: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20240513-cd2ac642' }], { app: 'kindnet' }, true),
    kubeProxy('registry.k8s.io/kube-proxy:v1.30.0'),
    fluxSourceController(),
  ],
  // k3s manifests/coredns.yaml: the Service has no targetPort; the apiserver listens on 6443.
  k3s: [
    ...apiserver('10.43.0.1', ['192.168.64.2'], 6443),
    ...coreDns('10.43.0.10', 'rancher/mirrored-coredns-coredns:1.11.3', ['coredns-ccb96694c-8jx9n'], { targetPort: false }),
    daemonSet('kube-system', 'svclb-traefik-3f0ad1a9', [{ name: 'lb-tcp-80', image: 'rancher/klipper-lb:v0.4.9' }], { app: 'svclb-traefik-3f0ad1a9' }),
  ],
  // OpenShift 4: openshift/cluster-dns-operator pkg/manifests/assets/dns/{service,daemonset}.yaml.
  openshift: [
    ...apiserver('172.30.0.1', ['10.0.0.3', '10.0.0.4', '10.0.0.5'], 6443),
    service('openshift-dns', 'dns-default', '172.30.0.10', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' },
      { name: 'metrics', port: 9154, protocol: 'TCP', targetPort: 'metrics' },
    ], { 'dns.operator.openshift.io/owning-dns': 'default' }),
    ...['dns-default-4xb7k', 'dns-default-9qz2m'].map((name, i) =>
      pod('openshift-dns', name, { 'dns.operator.openshift.io/daemonset-dns': 'default', 'controller-revision-hash': '6f8d8c7b9' }, [
        { name: 'dns', image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:2f1e2c0e', ports: [{ name: 'dns', containerPort: 5353, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 5353 }] },
        { name: 'kube-rbac-proxy', image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:9c1d2b3a', ports: [{ name: 'metrics', containerPort: 9154 }] },
      ], `10.128.0.${i + 10}`),
    ),
    daemonSet('openshift-dns', 'dns-default', [{ name: 'dns', image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:2f1e2c0e' }], { 'dns.operator.openshift.io/daemonset-dns': 'default' }),
    daemonSet('openshift-dns', 'node-resolver', [{ name: 'dns-node-resolver', image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:5a6b7c8d' }], { 'dns.operator.openshift.io/daemonset-node-resolver': '' }, true),
    daemonSet('openshift-ovn-kubernetes', 'ovnkube-node', [{ name: 'ovnkube-controller', image: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:7e8f9a0b' }], { app: 'ovnkube-node' }, true),
    // cluster-monitoring-operator: Prometheus' web port is kube-rbac-proxy-web's 9091
    prometheus('openshift-monitoring', 'k8s', 9091, 'kube-rbac-proxy-web'),
  ],
  // GKE Standard with Cloud DNS and Dataplane V2: the control plane's private endpoint on 443, a
  // kube-dns Service with no pod behind it.
  gke: [
    ...apiserver('34.118.224.1', ['172.16.0.2'], 443),
    service('kube-system', 'kube-dns', '34.118.224.10', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }], { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'KubeDNS' }),
    daemonSet('kube-system', 'anetd', [{ name: 'cilium-agent', image: 'gke.gcr.io/cilium/cilium:v1.14.12-gke.700' }], { 'k8s-app': 'cilium' }, true),
    daemonSet('kube-system', 'fluentbit-gke', [{ name: 'fluentbit', image: 'gke.gcr.io/fluent-bit:v1.8.12-gke.39' }]),
    daemonSet('kube-system', 'gke-metrics-agent', [{ name: 'gke-metrics-agent', image: 'gke.gcr.io/gke-metrics-agent:1.11.3-gke.10' }]),
    daemonSet('kube-system', 'pdcsi-node', [{ name: 'csi-driver-registrar', image: 'gke.gcr.io/csi-node-driver-registrar:v2.9.4-gke.13' }], { app: 'gcp-compute-persistent-disk-csi-driver' }),
  ],
  // EKS: the control plane's cross-account network interfaces on 443; the VPC CNI (aws-node).
  eks: [
    ...apiserver('10.100.0.1', ['10.0.1.47', '10.0.2.118'], 443),
    ...coreDns('10.100.0.10', '602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.3-eksbuild.1', ['coredns-787cb67946-dv8lg', 'coredns-787cb67946-ht4nw'], { labels: { 'eks.amazonaws.com/component': 'kube-dns' }, podLabels: { 'eks.amazonaws.com/component': 'coredns' } }),
    daemonSet('kube-system', 'aws-node', [{ name: 'aws-node', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.5-eksbuild.1' }], { 'k8s-app': 'aws-node' }, true),
    kubeProxy('602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.0-minimal-eksbuild.2'),
    daemonSet('kube-system', 'eks-pod-identity-agent', [{ name: 'eks-pod-identity-agent', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/eks-pod-identity-agent:0.1.10' }], { 'app.kubernetes.io/name': 'eks-pod-identity-agent' }, true),
    fluxSourceController(),
    prometheus('monitoring', 'kube-prometheus-stack-prometheus'),
  ],
  // kubeadm with the NodeLocal DNSCache add-on (cluster/addons/dns/nodelocaldns/nodelocaldns.yaml):
  // its kube-dns-upstream Service carries k8s-app=kube-dns too.
  'node-local-dns': [
    ...apiserver('10.96.0.1', ['192.168.10.11'], 6443),
    ...coreDns('10.96.0.10', 'registry.k8s.io/coredns/coredns:v1.11.1', ['coredns-5dd5756b68-2vj7q']),
    service('kube-system', 'kube-dns-upstream', '10.96.118.240', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }], { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'KubeDNSUpstream' }),
    daemonSet('kube-system', 'node-local-dns', [{ name: 'node-cache', image: 'registry.k8s.io/dns/k8s-dns-node-cache:1.23.1', args: ['-localip', '169.254.20.10,10.96.0.10', '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream'], ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }, { name: 'metrics', containerPort: 9253 }] }], { 'k8s-app': 'node-local-dns' }, true),
    kubeProxy('registry.k8s.io/kube-proxy:v1.30.4'),
  ],
  // kubeadm with Cilium 1.16 from its Helm chart (install/kubernetes/cilium): three control-plane
  // nodes, policy-cidr-match-mode left at its default.
  cilium: [
    ...apiserver('10.96.0.1', ['192.168.20.10', '192.168.20.11', '192.168.20.12'], 6443),
    ...coreDns('10.96.0.10', 'registry.k8s.io/coredns/coredns:v1.11.3', ['coredns-7c65d6cfc9-jk4lm']),
    daemonSet('kube-system', 'cilium', [{ name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.16.3@sha256:62d2a09bbef840a46099ac4c69421c90f84f28d018d479749049011329aa7f28' }], { 'k8s-app': 'cilium' }, true),
    daemonSet('kube-system', 'cilium-envoy', [{ name: 'cilium-envoy', image: 'quay.io/cilium/cilium-envoy:v1.29.9-1728346947-0d05e48bfbb8c4737ec40d5781d970a550ed2bbd' }], { 'k8s-app': 'cilium-envoy' }, true),
    crd('ciliumnetworkpolicies.cilium.io', ['v2']),
    crd('ciliumclusterwidenetworkpolicies.cilium.io', ['v2']),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-system', 'cilium-config'), data: { 'enable-policy': 'default', 'identity-allocation-mode': 'crd', 'kube-proxy-replacement': 'true', 'routing-mode': 'tunnel' } },
    fluxSourceController(),
    prometheus('monitoring', 'kube-prometheus-stack-prometheus'),
  ],
  // kubeadm with Calico 3.32 from the Tigera operator: calico-system, the Calico API server, and the
  // ClusterNetworkPolicy CRD of the standard channel, which Calico 3.32 implements.
  calico: [
    ...apiserver('10.96.0.1', ['10.10.0.5'], 6443),
    ...coreDns('10.96.0.10', 'registry.k8s.io/coredns/coredns:v1.11.3', ['coredns-7c65d6cfc9-p9w8x']),
    daemonSet('calico-system', 'calico-node', [{ name: 'calico-node', image: 'quay.io/calico/node:v3.32.0' }], { 'k8s-app': 'calico-node' }, true),
    daemonSet('calico-system', 'csi-node-driver', [{ name: 'calico-csi', image: 'quay.io/calico/csi:v3.32.0' }], { 'k8s-app': 'csi-node-driver' }),
    kubeProxy('registry.k8s.io/kube-proxy:v1.31.2'),
    crd('networkpolicies.crd.projectcalico.org', ['v1']),
    { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: meta(undefined, 'v3.projectcalico.org'), spec: { group: 'projectcalico.org', version: 'v3', service: { name: 'calico-api', namespace: 'calico-apiserver', port: 443 } }, status: { conditions: [{ type: 'Available', status: 'True' }] } },
    crd('clusternetworkpolicies.policy.networking.k8s.io', ['v1alpha2'], { 'policy.networking.k8s.io/bundle-version': 'v0.2.0', 'policy.networking.k8s.io/channel': 'standard' }),
    prometheus('monitoring', 'kube-prometheus-stack-prometheus'),
  ],
  // kind with kube-network-policies and the experimental ClusterNetworkPolicy CRD
  // (kubernetes-sigs/network-policy-api config/crd/experimental).
  'cluster-network-policy': [
    ...apiserver('10.96.0.1', ['172.18.0.3'], 6443),
    ...coreDns('10.96.0.10', 'registry.k8s.io/coredns/coredns:v1.11.3', ['coredns-7c65d6cfc9-q2r4t']),
    daemonSet('kube-system', 'kindnet', [{ name: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20241023-a345ebe4' }], { app: 'kindnet' }, true),
    daemonSet('kube-system', 'kube-network-policies', [{ name: 'kube-network-policies', image: 'registry.k8s.io/networking/kube-network-policies:v0.9.0' }], { app: 'kube-network-policies' }, true),
    crd('clusternetworkpolicies.policy.networking.k8s.io', ['v1alpha2'], { 'policy.networking.k8s.io/bundle-version': 'v0.2.0', 'policy.networking.k8s.io/channel': 'experimental' }),
    fluxSourceController(),
  ],
};
