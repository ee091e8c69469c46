import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { CLUSTER_NETWORK_POLICY_API_VERSION } from '../../dialects/cluster-network-policy/traffic/read.js';
import type { Protocol } from '../../traffic/model.js';
import { labelsSatisfying, listOf, podsPeer, specOf, type NamedPeer, type NamedPort, rulesOfSpec, type ReadPolicy } from './reader.js';

/**
 * `policy.networking.k8s.io/v1alpha2` ClusterNetworkPolicy (kubernetes-sigs/network-policy-api
 * apis/v1alpha2/clusternetworkpolicy_types.go): named rules with an action; peers are `namespaces`,
 * `pods` (namespaceSelector + podSelector), `networks`, `nodes` and `domainNames`; ports are
 * `protocols[]` of `tcp`/`udp`/`sctp` with a `destinationPort` number or range, or a `destinationNamedPort`.
 */
const PROTOCOLS: Readonly<Record<string, Protocol>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

export function readClusterNetworkPolicy(object: KubeObject): ReadPolicy | undefined {
  if (object.apiVersion !== CLUSTER_NETWORK_POLICY_API_VERSION || object.kind !== 'ClusterNetworkPolicy') return undefined;
  const spec = specOf(object);
  const rules = rulesOfSpec(spec, (rule, direction) => ({
    ...(typeof rule.name === 'string' ? { name: rule.name } : {}),
    peers: listOf(rule[direction === 'ingress' ? 'from' : 'to']).flatMap(peerOf),
    ports: listOf(rule.protocols).flatMap(portOf),
  }));
  return { object, rules, ...(typeof spec.tier === 'string' ? { tier: spec.tier } : {}) };
}

function peerOf(peer: unknown): NamedPeer[] {
  if (!isRecord(peer)) return [];
  if (peer.namespaces !== undefined && peer.namespaces !== null) return [podsPeer({}, labelsSatisfying(peer.namespaces))];
  if (isRecord(peer.pods)) return [podsPeer(labelsSatisfying(peer.pods.podSelector), labelsSatisfying(peer.pods.namespaceSelector))];
  if (Array.isArray(peer.networks)) return peer.networks.flatMap((cidr): NamedPeer[] => (typeof cidr === 'string' ? [{ kind: 'cidr', cidr }] : []));
  if (Array.isArray(peer.domainNames)) return peer.domainNames.flatMap((name): NamedPeer[] => (typeof name === 'string' ? [{ kind: 'fqdn', name: name.replace(/\*/g, 'a') }] : []));
  return [];
}

function portOf(entry: unknown): NamedPort[] {
  if (!isRecord(entry)) return [];
  if (typeof entry.destinationNamedPort === 'string') return [{ name: entry.destinationNamedPort, protocol: 'TCP' }];
  for (const [field, protocol] of Object.entries(PROTOCOLS)) {
    const attributes = entry[field];
    if (!isRecord(attributes) || !isRecord(attributes.destinationPort)) continue;
    const { number, range } = attributes.destinationPort;
    if (typeof number === 'number') return [{ port: number, protocol }];
    if (isRecord(range) && typeof range.start === 'number') return [{ port: range.start, protocol }];
  }
  return [];
}
