import { isRecord } from '../../k8s/kube-object.js';
import type { NeutralPort, Peer } from '../plan.js';
import type { LabelSelector } from '../../k8s/label-selector.js';
import { calicoSelector } from './selector.js';

/**
 * A NetworkPolicy peer as a Calico EntityRule, the way Calico converts NetworkPolicies itself
 * (libcalico-go/lib/backend/k8s/conversion/conversion.go): a podSelector is a `selector` (the policy's
 * namespace unless a namespaceSelector is given), a namespaceSelector a `namespaceSelector` (`{}` is
 * `all()`, every namespace), both together an AND; an ipBlock is `nets` minus `notNets`.
 */
export function calicoEntity(peer: Peer): Record<string, unknown> {
  if (isRecord(peer.ipBlock)) {
    const { cidr, except } = peer.ipBlock;
    return { nets: [String(cidr)], ...(Array.isArray(except) && except.length > 0 ? { notNets: except.map(String) } : {}) };
  }
  return {
    ...(peer.podSelector !== undefined ? { selector: calicoSelector(peer.podSelector as LabelSelector) } : {}),
    ...(peer.namespaceSelector !== undefined ? { namespaceSelector: calicoSelector(peer.namespaceSelector as LabelSelector) } : {}),
  };
}

/** Calico's port forms: a number, `"min:max"`, or a container port name. */
function calicoPort(port: NeutralPort): number | string | undefined {
  if (port.port === undefined) return undefined;
  return port.endPort !== undefined && typeof port.port === 'number' && port.endPort > port.port ? `${port.port}:${port.endPort}` : port.port;
}

/**
 * One NetworkPolicy rule as Calico `Allow` rules. A Calico rule has one `protocol` and its entity's fields
 * are an AND, so the rule becomes one rule per peer and protocol; a protocol without a port number means
 * every port of it. No peers: any source (resp. destination); no ports: every protocol and port.
 */
export function calicoRules(direction: 'ingress' | 'egress', peers: readonly Peer[], ports: readonly NeutralPort[]): Record<string, unknown>[] {
  const byProtocol = new Map<string, (number | string)[] | undefined>();
  for (const port of ports) {
    const number = calicoPort(port);
    const list = byProtocol.has(port.protocol) ? byProtocol.get(port.protocol) : [];
    // a protocol listed once without a port opens all of its ports
    byProtocol.set(port.protocol, number === undefined || list === undefined ? undefined : [...list, number]);
  }
  const protocols: [string | undefined, (number | string)[] | undefined][] = byProtocol.size > 0 ? [...byProtocol] : [[undefined, undefined]];
  const entities = peers.length > 0 ? peers.map(calicoEntity) : [undefined];
  const rules: Record<string, unknown>[] = [];
  for (const entity of entities) {
    for (const [protocol, numbers] of protocols) {
      const withPorts = numbers ? { ports: numbers } : {};
      const rule: Record<string, unknown> = { action: 'Allow', ...(protocol ? { protocol } : {}) };
      if (direction === 'ingress') {
        if (entity) rule.source = entity;
        if (numbers) rule.destination = withPorts;
      } else if (entity || numbers) {
        rule.destination = { ...entity, ...withPorts };
      }
      rules.push(rule);
    }
  }
  return rules;
}
