import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { isNetworkPolicy } from '../../traffic/network-policy.js';
import { labelsSatisfying, listOf, namedPort, podsPeer, protocolOf, specOf, type NamedPeer, type NamedPort, rulesOfSpec, type ReadPolicy } from './reader.js';

/**
 * `networking.k8s.io/v1 NetworkPolicy` (kubernetes/api networking/v1/types.go): every engine enforces
 * it, so every engine's reading includes this one. A peer is an ipBlock, or pods by podSelector and
 * namespaceSelector (a missing namespaceSelector: the policy's namespace).
 */
export function readNetworkPolicy(object: KubeObject): ReadPolicy | undefined {
  if (!isNetworkPolicy(object)) return undefined;
  const spec = specOf(object);
  const rules = rulesOfSpec(spec, (rule, direction) => ({
    peers: listOf(rule[direction === 'ingress' ? 'from' : 'to']).flatMap(peerOf),
    ports: listOf(rule.ports).flatMap(portOf),
  }));
  return { object, namespace: object.metadata.namespace ?? 'default', rules };
}

function peerOf(peer: unknown): NamedPeer[] {
  if (!isRecord(peer)) return [];
  if (isRecord(peer.ipBlock)) return typeof peer.ipBlock.cidr === 'string' ? [{ kind: 'cidr', cidr: peer.ipBlock.cidr }] : [];
  const pods = peer.podSelector ?? undefined;
  const namespaces = peer.namespaceSelector ?? undefined;
  if (pods === undefined && namespaces === undefined) return [];
  return [podsPeer(labelsSatisfying(pods), namespaces === undefined ? undefined : labelsSatisfying(namespaces))];
}

function portOf(entry: unknown): NamedPort[] {
  if (!isRecord(entry)) return [];
  const protocol = protocolOf(entry.protocol);
  return protocol ? namedPort(entry.port, protocol) : [];
}
