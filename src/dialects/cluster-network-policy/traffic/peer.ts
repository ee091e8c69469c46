import { isRecord } from '../../../k8s/kube-object.js';
import {  } from '../../../traffic/cluster.js';
import { ipInCidr } from '../../../k8s/cidr.js';
import type { ClusterNetworkPolicyAction, ClusterNetworkPolicyMatch } from './read.js';
import { domainNameMatches } from './domain-name.js';
import { namespacedPodsSelect, namespacesSelect } from './subject.js';
import type { Direction } from '../../../traffic/network-policy.js';
import { matchesLabelSelector } from '../../../k8s/label-selector.js';
import type { Cluster, Endpoint } from '../../../traffic/model.js';

/** ClusterNetworkPolicyIngressPeer has only these (types.go): no CIDR, node or domain peer for ingress. */
const INGRESS_PEER_FIELDS = ['namespaces', 'pods'] as const;
/** ClusterNetworkPolicyEgressPeer: standard `namespaces`, `pods`, `networks`; experimental `nodes`, `domainNames`. */
const EGRESS_PEER_FIELDS = ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'] as const;

export interface PeerReading {
  match: ClusterNetworkPolicyMatch;
  /** Set when the reading is one of several (a domainNames peer in a Deny or Pass rule). */
  ambiguity?: string;
}

/**
 * One peer against the flow's other end (`endpoint`). "Exactly one of the fields must be set ... If an
 * implementation sees no fields are set ... it should fail closed" (types.go, Ingress/EgressPeer): a peer
 * with no known field, or with two, is `unreadable` and the rule decides what failing closed means.
 */
export function peerReading(peer: unknown, direction: Direction, action: ClusterNetworkPolicyAction, endpoint: Endpoint, cluster: Cluster): PeerReading {
  if (!isRecord(peer)) return { match: 'unreadable' };
  const known = direction === 'Ingress' ? INGRESS_PEER_FIELDS : EGRESS_PEER_FIELDS;
  const present = known.filter((field) => peer[field] !== undefined && peer[field] !== null);
  if (present.length !== 1) return { match: 'unreadable' };
  const selects = (yes: boolean): PeerReading => ({ match: yes ? 'match' : 'miss' });
  switch (present[0]) {
    case 'namespaces':
      return selects(namespacesSelect(peer.namespaces, endpoint, cluster));
    case 'pods':
      return selects(namespacedPodsSelect(peer.pods, endpoint, cluster));
    case 'networks':
      return selects(networksSelect(peer.networks, endpoint));
    case 'nodes':
      return selects(nodesSelect(peer.nodes, endpoint, cluster));
    default:
      return domainNamesReading(peer.domainNames, action, endpoint);
  }
}

/**
 * `networks` match any address, in-cluster too: "cluster-internal traffic will be checked against the
 * rule as well. So if you Accept or Deny traffic to "0.0.0.0/0", that will allow or deny all IPv4
 * pod-to-pod traffic as well" (types.go, EgressPeer.Networks). Pods, nodes and the apiserver all have an IP.
 */
function networksSelect(networks: unknown, endpoint: Endpoint): boolean {
  return Array.isArray(networks) && networks.some((cidr) => typeof cidr === 'string' && ipInCidr(endpoint.ip, cidr));
}

/**
 * `nodes` "selects the nodeIPs ... present in the node.Status.Addresses field" (types.go), and "traffic
 * towards nodes here includes traffic towards host-networked pods on that node" (NPEP-126; the conformance
 * test CNPAdminTierEgressNodePeers reaches a host-network pod through it). So a kube-apiserver running on
 * a node (a host-network static pod) is matched through its node; a managed one outside the cluster is not.
 */
function nodesSelect(selector: unknown, endpoint: Endpoint, cluster: Cluster): boolean {
  const nodes = cluster.nodes ?? [];
  const labelsOf = (name: string): Readonly<Record<string, string>> => nodes.find((node) => node.name === name)?.labels ?? {};
  if (endpoint.kind === 'node') return matchesLabelSelector(selector, endpoint.labels ?? labelsOf(endpoint.name));
  if (endpoint.kind === 'apiserver' && endpoint.node !== undefined && matchesLabelSelector(selector, labelsOf(endpoint.node))) return true;
  return endpoint.kind !== 'pod' && nodes.some((node) => node.ip === endpoint.ip && matchesLabelSelector(selector, node.labels ?? {}));
}

/**
 * `domainNames` (experimental) match an external endpoint by the name it was resolved from. "DomainNames
 * is only supported for Accept rules" (types.go), and NPEP-133 explains why a Deny cannot be enforced
 * safely; the CRD does not reject it, so in a Deny or Pass rule it is read as matching nothing, the
 * permissive reading, and flagged when the name would have matched.
 */
function domainNamesReading(domainNames: unknown, action: ClusterNetworkPolicyAction, endpoint: Endpoint): PeerReading {
  const hostname = endpoint.kind === 'external' ? endpoint.hostname : undefined;
  const named = hostname !== undefined && Array.isArray(domainNames) && domainNames.some((name) => typeof name === 'string' && domainNameMatches(name, hostname));
  if (action === 'Accept' || !named) return { match: named ? 'match' : 'miss' };
  return {
    match: 'miss',
    ambiguity: `domainNames in a ${action} rule match ${hostname}, but "DomainNames is only supported for Accept rules" (types.go): read as matching nothing`,
  };
}
