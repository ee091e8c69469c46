import type { Problem } from '../../krm/result.js';
import { isRecord } from '../../k8s/kube-object.js';
import type { NeutralPort, Peer } from '../plan.js';

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';
/** Per rule: peers and protocols (apis/v1alpha2/clusternetworkpolicy_types.go, +kubebuilder:validation:MaxItems=25). */
export const MAX_ITEMS = 25;
/** Every address, as a `networks` peer: matches pods, nodes and the internet alike (site-src/api-overview.md). */
export const EVERY_NETWORK = ['0.0.0.0/0', '::/0'];

type Translated<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

/**
 * A NetworkPolicy peer as a ClusterNetworkPolicy peer. A CNP is cluster-scoped, so "the policy's
 * namespace" of a bare podSelector becomes an explicit namespaceSelector. Ingress peers are pods only
 * (`namespaces`, `pods`): there is no CIDR peer to accept or deny an address; egress `networks` have no `except`.
 */
export function cnpPeer(direction: 'ingress' | 'egress', peer: Peer, policyNamespace: string): Translated<Record<string, unknown>> {
  if (isRecord(peer.ipBlock)) {
    if (direction === 'ingress') {
      return {
        problem:
          'ipBlock cannot be expressed under engine clusterNetworkPolicy: ClusterNetworkPolicy ingress peers are pods and namespaces only, so an address can neither be accepted nor denied (traffic from outside the cluster, nodes and the kube-apiserver is never matched by an ingress rule); remove the ipBlock, or select the pods by podSelector/namespaceSelector',
      };
    }
    const { cidr, except } = peer.ipBlock;
    if (Array.isArray(except) && except.length > 0) {
      return { problem: 'ipBlock.except cannot be expressed under engine clusterNetworkPolicy: a networks peer has no except; list the CIDRs that remain instead' };
    }
    return { value: { networks: [String(cidr)] } };
  }
  if (peer.namespaceSelector === undefined) {
    return { value: { pods: { namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: policyNamespace } }, podSelector: peer.podSelector } } };
  }
  if (peer.podSelector === undefined) return { value: { namespaces: peer.namespaceSelector } };
  return { value: { pods: { namespaceSelector: peer.namespaceSelector, podSelector: peer.podSelector } } };
}

/** NetworkPolicy ports as CNP protocols: a number, a range (`endPort`), every port (`1..65535`), or a named port. */
export function cnpProtocol(port: NeutralPort): Record<string, unknown> {
  if (typeof port.port === 'string') return { destinationNamedPort: port.port };
  const protocol = port.protocol.toLowerCase();
  if (port.port === undefined) return { [protocol]: { destinationPort: { range: { start: 1, end: 65535 } } } };
  if (port.endPort !== undefined && port.endPort > port.port) return { [protocol]: { destinationPort: { range: { start: port.port, end: port.endPort } } } };
  return { [protocol]: { destinationPort: { number: port.port } } };
}

/**
 * One NetworkPolicy rule as a named CNP `Accept` rule. No peers means every peer: all pods for ingress
 * (nothing else can be matched there), all pods and every network for egress.
 */
export function cnpAccept(name: string, direction: 'ingress' | 'egress', peers: readonly Peer[], ports: readonly NeutralPort[], policyNamespace: string): Translated<Record<string, unknown>> {
  const translated: Record<string, unknown>[] = [];
  for (const peer of peers) {
    const one = cnpPeer(direction, peer, policyNamespace);
    if (one.problem !== undefined) return one;
    translated.push(one.value);
  }
  if (translated.length === 0) translated.push({ namespaces: {} }, ...(direction === 'egress' ? [{ networks: EVERY_NETWORK }] : []));
  const protocols = ports.map(cnpProtocol);
  if (translated.length > MAX_ITEMS || protocols.length > MAX_ITEMS) {
    return { problem: `has ${Math.max(translated.length, protocols.length)} ${translated.length > MAX_ITEMS ? 'peers' : 'ports'}: a ClusterNetworkPolicy rule holds at most ${MAX_ITEMS}; split the rule` };
  }
  if (protocols.some((p) => p.destinationNamedPort !== undefined) && translated.some((p) => p.networks !== undefined)) {
    return { problem: 'a named port cannot be combined with an ipBlock peer under engine clusterNetworkPolicy (the API rejects destinationNamedPort with networks peers): use the port number' };
  }
  return { value: { name, action: 'Accept', [direction === 'ingress' ? 'from' : 'to']: translated, ...(protocols.length > 0 ? { protocols } : {}) } };
}

export function problemAt(path: string, translated: Translated<unknown>): Problem[] {
  return translated.problem === undefined ? [] : [{ path, message: translated.problem }];
}
