import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { parseCalicoSelector, type SelectorNode } from '../../dialects/calico/selector-grammar.js';
import { isCalicoV3Policy } from '../../dialects/calico/traffic/v3-policy.js';
import { calicoProtocol } from '../../dialects/calico/traffic/rule.js';
import { NAMESPACE_NAME_LABEL } from '../../traffic/cluster.js';
import type { Protocol } from '../../traffic/model.js';
import { listOf, namedPort, rulesOfSpec, specOf, type NamedPeer, type ReadPolicy } from './reader.js';
import { hostCidr } from '../../k8s/cidr.js';

/**
 * `projectcalico.org/v3` NetworkPolicy and GlobalNetworkPolicy (api/pkg/apis/projectcalico/v3/policy_common.go):
 * ingress rules name their peer in `source`, egress rules in `destination`; the ports are the
 * destination's, for the rule's `protocol`. Selectors are Calico expressions (`app == 'web' && has(tier)`);
 * a `namespaceSelector` on `projectcalico.org/name` or `kubernetes.io/metadata.name` names the namespace.
 */
export function readCalicoPolicy(object: KubeObject): ReadPolicy | undefined {
  if (!isCalicoV3Policy(object)) return undefined;
  const global = object.kind === 'GlobalNetworkPolicy';
  const namespace = global ? undefined : (object.metadata.namespace ?? 'default');
  const spec = specOf(object);
  const rules = rulesOfSpec(spec, (rule, direction) => {
    const peer = rule[direction === 'ingress' ? 'source' : 'destination'];
    const destination = isRecord(rule.destination) ? rule.destination : {};
    const protocol = calicoProtocol(rule.protocol);
    const known: Protocol | undefined = protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP' ? protocol : undefined;
    return {
      peers: peersOf(peer, namespace),
      ports: known ? listOf(destination.ports).flatMap((p) => namedPort(p, known)) : [],
      ...(rule.action === 'Log' ? { inert: true as const } : {}),
    };
  });
  return { object, ...(namespace ? { namespace } : {}), rules };
}

function peersOf(peer: unknown, namespace: string | undefined): NamedPeer[] {
  if (!isRecord(peer)) return [];
  const nets = listOf(peer.nets).flatMap((net): NamedPeer[] => (typeof net === 'string' ? [{ kind: 'cidr', cidr: net.includes('/') ? net : hostCidr(net) }] : []));
  const selector = typeof peer.selector === 'string' ? peer.selector : undefined;
  const namespaceSelector = typeof peer.namespaceSelector === 'string' ? peer.namespaceSelector : undefined;
  if (selector === undefined && namespaceSelector === undefined) return nets;
  const labels = selector === undefined ? {} : labelsOf(selector);
  if (labels === undefined) return nets;
  if (namespaceSelector === undefined) return [...nets, namespace === undefined ? { kind: 'pods', anyNamespace: true, labels } : { kind: 'pods', labels }];
  const namespaceLabels = labelsOf(namespaceSelector);
  if (namespaceLabels === undefined) return nets;
  const name = namespaceLabels[NAMESPACE_NAME_LABEL] ?? namespaceLabels['projectcalico.org/name'];
  if (name !== undefined) return [...nets, { kind: 'pods', namespace: name, labels }];
  return [...nets, Object.keys(namespaceLabels).length === 0 ? { kind: 'pods', anyNamespace: true, labels } : { kind: 'pods', namespaceLabels, labels }];
}

/** Labels that satisfy a Calico selector, following `&&` and the first branch of `||`; undefined when none can (`!all()`). */
function labelsOf(selector: string): Record<string, string> | undefined {
  const parsed = parseCalicoSelector(selector);
  if ('problem' in parsed) return undefined;
  const labels: Record<string, string> = {};
  const visit = (node: SelectorNode): boolean => {
    switch (node.kind) {
      case 'all':
        return true;
      case 'global':
        return false;
      case 'has':
        labels[node.label] ??= '';
        return true;
      case 'compare':
        if (node.op === '==' || node.op === 'starts with' || node.op === 'ends with' || node.op === 'contains') labels[node.label] = node.value;
        return true;
      case 'set':
        if (node.op === 'in' && node.values[0] !== undefined) labels[node.label] = node.values[0];
        return true;
      case 'not':
        return node.operand.kind !== 'all';
      case 'and':
        return node.operands.every(visit);
      case 'or':
        return node.operands[0] !== undefined && visit(node.operands[0]);
    }
  };
  return visit(parsed.node) ? labels : undefined;
}
