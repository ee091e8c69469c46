import type { DnsPreset, Values } from '../config/values-schema.js';
import type { DnsDestination } from '../dialects/plan.js';
import type { Problem } from '../krm/result.js';

type Egress = Values['networkPolicy']['egress'];

/** The presets whose servers are addresses, given or defaulted by `dnsAddresses`. */
export const PRESETS_WITH_ADDRESSES: readonly DnsPreset[] = ['node-local-dns', 'gke-cloud-dns', 'eks-auto-mode'];

/** The labels CoreDNS pods carry on kubeadm (cmd/kubeadm/app/phases/addons/dns/manifests.go), k3s (manifests/coredns.yaml), kind, EKS, GKE and AKS. */
const KUBE_DNS_LABELS = { 'k8s-app': 'kube-dns' };

/**
 * The DNS servers of each platform whose DNS the chart's rule (the whole DNS namespace on port 53)
 * does not reach, after Service translation (NetworkPolicy matches the endpoint, not the Service):
 * - kube-dns: the CoreDNS pods only, in dnsNamespace;
 * - openshift: openshift/cluster-dns-operator pkg/operator/controller/names.go (namespace
 *   `openshift-dns`, label `dns.operator.openshift.io/daemonset-dns: default`) and
 *   pkg/manifests/assets/dns/daemonset.yaml (the `dns` container port 5353: Service dns-default maps
 *   53 to it);
 * - node-local-dns: kubernetes/kubernetes cluster/addons/dns/nodelocaldns/nodelocaldns.yaml, a
 *   host-network DaemonSet (`k8s-app: node-local-dns`) listening on the link-local 169.254.20.10
 *   (__PILLAR__LOCAL__DNS__) and forwarding misses to kube-dns; with Cilium's Local Redirect Policy
 *   (docs.cilium.io, "Node-local DNS cache") the cache runs as an ordinary pod with the same label;
 * - gke-cloud-dns: GKE's `--cluster-dns=clouddns` writes nameserver 169.254.169.254, the node's
 *   metadata server (cloud.google.com/kubernetes-engine/docs/how-to/cloud-dns);
 * - eks-auto-mode: AWS runs the cluster DNS as part of the nodes' managed networking
 *   (docs.aws.amazon.com/eks/latest/userguide/auto-networking.html), with no CoreDNS pods to select;
 *   the VPC CNI's policy agent matches egress before kube-proxy translates the Service
 *   (open-telemetry/opentelemetry-operator#5621), so the rule names the DNS Service IP the user gives.
 */
export function dnsDestinations(preset: DnsPreset | undefined, egress: Egress): DnsDestination[] | Problem {
  const addresses = egress.dnsAddresses;
  switch (preset) {
    case undefined:
      return [{ pods: { namespace: egress.dnsNamespace }, port: 53 }];
    case 'kube-dns':
      return [{ pods: { namespace: egress.dnsNamespace, labels: KUBE_DNS_LABELS }, port: 53 }];
    case 'openshift':
      return [{ pods: { namespace: 'openshift-dns', labels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } }, port: 5353 }];
    case 'node-local-dns':
      return [
        { cidrs: addresses ?? ['169.254.20.10/32'], onNode: true, port: 53 },
        { pods: { namespace: 'kube-system', labels: { 'k8s-app': 'node-local-dns' } }, port: 53 },
        { pods: { namespace: egress.dnsNamespace, labels: KUBE_DNS_LABELS }, port: 53 },
      ];
    case 'gke-cloud-dns':
      return [{ cidrs: addresses ?? ['169.254.169.254/32'], port: 53 }];
    case 'eks-auto-mode':
      if (!addresses || addresses.length === 0) {
        return {
          path: 'networkPolicy.egress.dnsAddresses',
          message: "the eks-auto-mode preset needs the cluster's DNS Service IP as a /32 (kubectl get service -n kube-system kube-dns -o jsonpath='{.spec.clusterIP}'; controller-network-policy discover finds it)",
        };
      }
      return [{ cidrs: addresses, port: 53 }];
  }
}
