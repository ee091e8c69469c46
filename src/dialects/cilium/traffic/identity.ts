import { namespaceLabels } from '../../../traffic/cluster.js';
import { identityRelevant } from './label-filter.js';
import type { ApiserverEndpoint, Cluster, Endpoint, Flow, PodEndpoint } from '../../../traffic/model.js';

/** One label of a security identity: `k8s:app=web`, `reserved:host=`. */
export interface IdentityLabel {
  source: string;
  key: string;
  value: string;
}

/** The security identity Cilium gives an endpoint, as seen by the agent of the node `localNode`. */
export interface Identity {
  endpoint: Endpoint;
  labels: readonly IdentityLabel[];
  /**
   * A CIDR identity (labels `cidr:…` + `reserved:world`): what CIDR selectors, ipBlock and toFQDNs
   * can select. In-cluster pods and nodes never are one under the default `policy-cidr-match-mode`
   * (pkg/node/manager nodeIdentityLabels adds CIDR labels to nodes only with PolicyCIDRMatchesNodes).
   */
  cidr: boolean;
}

/** The cluster name label every pod carries (`--cluster-name`, "default" unless clustermesh). */
export const CLUSTER_NAME = 'default';

const k8s = (key: string, value: string): IdentityLabel => ({ source: 'k8s', key, value });
const reserved = (key: string): IdentityLabel => ({ source: 'reserved', key, value: '' });

/**
 * A pod's identity labels (Documentation/security/policy/kubernetes.rst; pkg/k8s/apis/cilium.io
 * const.go): its labels, `io.kubernetes.pod.namespace`, its namespace's labels as
 * `io.cilium.k8s.namespace.labels.<key>`, `io.cilium.k8s.policy.serviceaccount` and
 * `io.cilium.k8s.policy.cluster`, all of source `k8s`, then the default label filter.
 */
function podLabels(pod: PodEndpoint, cluster: Cluster): IdentityLabel[] {
  return [
    ...Object.entries(pod.labels).map(([key, value]) => k8s(key, value)),
    k8s('io.kubernetes.pod.namespace', pod.namespace),
    ...Object.entries(namespaceLabels(cluster, pod.namespace)).map(([key, value]) => k8s(`io.cilium.k8s.namespace.labels.${key}`, value)),
    k8s('io.cilium.k8s.policy.serviceaccount', pod.serviceAccount ?? 'default'),
    k8s('io.cilium.k8s.policy.cluster', CLUSTER_NAME),
  ].filter((label) => identityRelevant(label.source, label.key));
}

/** The apiserver endpoints the model knows: Service endpoints and the flow's own ends. */
export function apiserversOf(cluster: Cluster, flow: Flow): ApiserverEndpoint[] {
  const all = [...(cluster.services ?? []).flatMap((s) => s.endpoints), flow.from, flow.to];
  return all.filter((e): e is ApiserverEndpoint => e.kind === 'apiserver');
}

/**
 * Identities of everything else (pkg/identity reserved identities, pkg/ipcache/metadata.go
 * injectLabels):
 * - a node is `reserved:host` on its own agent and `reserved:remote-node` elsewhere; IPs of the
 *   kube-apiserver also carry `reserved:kube-apiserver` (host/remote-node take precedence over world);
 * - an apiserver with no node label of its own (outside the cluster) gets a CIDR identity:
 *   `cidr:<ip>/32 … reserved:world` merged with `reserved:kube-apiserver` (injectLabelsForCIDR), so
 *   CIDR selectors, `world` and `kube-apiserver` all select it;
 * - anything external is a CIDR identity with `reserved:world`.
 */
export function ciliumIdentity(endpoint: Endpoint, localNode: string, cluster: Cluster, apiservers: readonly ApiserverEndpoint[]): Identity {
  const nodeLabel = (node: string): IdentityLabel => reserved(node === localNode ? 'host' : 'remote-node');
  switch (endpoint.kind) {
    case 'pod':
      return { endpoint, labels: podLabels(endpoint, cluster), cidr: false };
    case 'node': {
      const hostsApiserver = apiservers.some((a) => a.node === endpoint.name || a.ip === endpoint.ip);
      return { endpoint, labels: [nodeLabel(endpoint.name), ...(hostsApiserver ? [reserved('kube-apiserver')] : [])], cidr: false };
    }
    case 'apiserver':
      return endpoint.node === undefined
        ? { endpoint, labels: [reserved('kube-apiserver'), reserved('world')], cidr: true }
        : { endpoint, labels: [nodeLabel(endpoint.node), reserved('kube-apiserver')], cidr: false };
    case 'external':
      return { endpoint, labels: [reserved('world')], cidr: true };
  }
}

export function hasReservedLabel(identity: Identity, key: string): boolean {
  return identity.labels.some((l) => l.source === 'reserved' && l.key === key);
}
