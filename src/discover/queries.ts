/**
 * Every read `discover` makes, in one table: the live client runs these requests, `--from` answers
 * them from a dump, and the ClusterRole (`discover --rbac`) and the dump command (`discover
 * --dump-command`) are generated from it, so none of the four can ask for more than the others.
 */
export interface Query {
  id: QueryId;
  /** What the answer is used for, in warnings. */
  purpose: string;
  /** API group ('' is the core group), version and plural resource name. */
  group: string;
  version: string;
  resource: string;
  kind: string;
  /** The namespace read; absent: all namespaces (or a cluster-scoped resource). */
  namespace?: string;
  clusterScoped?: boolean;
  /** get one object by name; absent: list (with labelSelector, when set). */
  name?: string;
  labelSelector?: string;
}

export type QueryId =
  | 'apiserver-endpoints'
  | 'apiserver-service'
  | 'dns-service'
  | 'dns-pods'
  | 'openshift-dns-service'
  | 'openshift-dns-pods'
  | 'daemonsets'
  | 'crd-cilium'
  | 'crd-calico'
  | 'crd-calico-v3'
  | 'crd-cluster-network-policy'
  | 'calico-apiservice'
  | 'cilium-config'
  | 'flux-source-controller'
  | 'prometheus';

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', clusterScoped: true } as const;

export const QUERIES: readonly Query[] = [
  // The kube-apiserver's endpoints: the Service `default/kubernetes` is maintained by the apiserver
  // itself (kubernetes/kubernetes pkg/controlplane/controller/kubernetesservice).
  { id: 'apiserver-endpoints', purpose: 'the kube-apiserver endpoints', group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespace: 'default', labelSelector: 'kubernetes.io/service-name=kubernetes' },
  { id: 'apiserver-service', purpose: "the kube-apiserver Service's ClusterIP", group: '', version: 'v1', resource: 'services', kind: 'Service', namespace: 'default', name: 'kubernetes' },
  // CoreDNS and kube-dns keep the Service name and label kube-dns (kubeadm
  // cmd/kubeadm/app/phases/addons/dns/manifests.go, k3s manifests/coredns.yaml).
  { id: 'dns-service', purpose: 'the DNS Service', group: '', version: 'v1', resource: 'services', kind: 'Service', namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' },
  { id: 'dns-pods', purpose: 'the DNS pods', group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' },
  // OpenShift's DNS operator: Service dns-default in openshift-dns, pods labelled
  // dns.operator.openshift.io/daemonset-dns=default (openshift/cluster-dns-operator pkg/operator/controller/names.go).
  { id: 'openshift-dns-service', purpose: "OpenShift's DNS Service", group: '', version: 'v1', resource: 'services', kind: 'Service', namespace: 'openshift-dns', name: 'dns-default' },
  { id: 'openshift-dns-pods', purpose: "OpenShift's DNS pods", group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespace: 'openshift-dns', labelSelector: 'dns.operator.openshift.io/daemonset-dns=default' },
  // The node agents: Cilium, Calico, NodeLocal DNSCache and the managed platforms' own DaemonSets.
  { id: 'daemonsets', purpose: 'the DaemonSets (Cilium, Calico, NodeLocal DNSCache, the platform)', group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { id: 'crd-cilium', purpose: 'the CiliumNetworkPolicy CRD', ...CRDS, name: 'ciliumnetworkpolicies.cilium.io' },
  { id: 'crd-calico', purpose: "Calico's own NetworkPolicy CRD", ...CRDS, name: 'networkpolicies.crd.projectcalico.org' },
  { id: 'crd-calico-v3', purpose: "Calico's projectcalico.org/v3 NetworkPolicy CRD", ...CRDS, name: 'networkpolicies.projectcalico.org' },
  { id: 'crd-cluster-network-policy', purpose: 'the ClusterNetworkPolicy CRD', ...CRDS, name: 'clusternetworkpolicies.policy.networking.k8s.io' },
  // The Calico API server serves projectcalico.org/v3 through this APIService (tigera/operator, calico/apiserver).
  { id: 'calico-apiservice', purpose: 'the Calico API server', group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', kind: 'APIService', clusterScoped: true, name: 'v3.projectcalico.org' },
  // cilium/cilium Documentation/security/policy/language.rst, "Selecting nodes with CIDR / ipBlock".
  { id: 'cilium-config', purpose: "Cilium's policy-cidr-match-mode", group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespace: 'kube-system', name: 'cilium-config' },
  // Flux: source-controller pods carry app=source-controller (fluxcd/source-controller config/manager/deployment.yaml).
  { id: 'flux-source-controller', purpose: "Flux's source-controller", group: '', version: 'v1', resource: 'pods', kind: 'Pod', labelSelector: 'app=source-controller' },
  // The Prometheus operator and the prometheus-community chart both label the server app.kubernetes.io/name=prometheus.
  { id: 'prometheus', purpose: 'Prometheus', group: '', version: 'v1', resource: 'pods', kind: 'Pod', labelSelector: 'app.kubernetes.io/name=prometheus' },
];

export function queryOf(id: QueryId): Query {
  const query = QUERIES.find((q) => q.id === id);
  if (!query) throw new Error(`no query ${id}`);
  return query;
}

/** `pods`, `daemonsets.apps`: the name kubectl and RBAC messages use. */
export function qualifiedResource(query: Query): string {
  return query.group ? `${query.resource}.${query.group}` : query.resource;
}

/** The permission a query needs, as a sentence: `list pods in namespace kube-system`. */
export function permissionOf(query: Query): string {
  const verb = query.name ? 'get' : 'list';
  const what = query.name ? `${qualifiedResource(query)} "${query.name}"` : qualifiedResource(query);
  const where = query.clusterScoped ? '' : query.namespace ? ` in namespace ${query.namespace}` : ' in all namespaces';
  return `${verb} ${what}${where}`;
}
