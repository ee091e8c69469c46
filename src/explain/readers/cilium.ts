import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { EGRESS_PEER_FIELDS, INGRESS_PEER_FIELDS, REQUIRES_FIELDS } from '../../dialects/cilium/vocabulary.js';
import { hasL4 } from '../../dialects/cilium/traffic/ports.js';
import { listOf, namedPort, type NamedPeer, type NamedPort, type ReadPolicy, type ReadRule } from './reader.js';
import type { Protocol } from '../../traffic/model.js';

/**
 * `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy: `spec` and every `specs[]`
 * item, their `ingress`, `ingressDeny`, `egress` and `egressDeny` rules (pkg/policy/api/rule.go). Label
 * keys carry a source prefix (`k8s:`, `any:`; `reserved:` names no pod); the namespace is the label
 * `io.kubernetes.pod.namespace`, namespace labels are `io.cilium.k8s.namespace.labels.<key>`
 * (Documentation/security/policy/kubernetes.rst). A CiliumNetworkPolicy's endpoint selectors stay in its
 * namespace unless they name one (pkg/k8s/apis/cilium.io/utils/utils.go getEndpointSelector).
 */
const SECTIONS = [
  { section: 'ingress', direction: 'ingress' },
  { section: 'ingressDeny', direction: 'ingress' },
  { section: 'egress', direction: 'egress' },
  { section: 'egressDeny', direction: 'egress' },
] as const;

const NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
const NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';

export function readCiliumPolicy(object: KubeObject): ReadPolicy | undefined {
  const clusterwide = object.kind === 'CiliumClusterwideNetworkPolicy';
  if (object.apiVersion !== 'cilium.io/v2' || (object.kind !== 'CiliumNetworkPolicy' && !clusterwide)) return undefined;
  const namespace = clusterwide ? undefined : (object.metadata.namespace ?? 'default');
  const specs: [unknown, (string | number)[]][] = [[object.spec, ['spec']], ...listOf(object.specs).map((spec, j): [unknown, (string | number)[]] => [spec, ['specs', j]])];
  const rules: ReadRule[] = [];
  const emptySections = new Set<'ingress' | 'egress'>();
  for (const [spec, at] of specs) {
    if (!isRecord(spec)) continue;
    for (const { section, direction } of SECTIONS) {
      listOf(spec[section]).forEach((raw, index) => rules.push(ruleOf(raw === null ? {} : raw, direction, [...at, section], index, namespace)));
    }
    // An empty list reads as absent: it selects the pods for nothing (pkg/policy/repository.go only counts rules with entries).
    for (const direction of ['ingress', 'egress'] as const) {
      const allow = spec[direction];
      const deny = spec[`${direction}Deny`];
      if (Array.isArray(allow) && allow.length === 0 && listOf(deny).length === 0) emptySections.add(direction);
    }
  }
  return { object, ...(namespace ? { namespace } : {}), rules, ...(emptySections.size > 0 ? { emptySections: [...emptySections] } : {}) };
}

function ruleOf(raw: unknown, direction: 'ingress' | 'egress', list: (string | number)[], index: number, namespace: string | undefined): ReadRule {
  const rule = isRecord(raw) ? raw : {};
  const fields: readonly string[] = direction === 'ingress' ? INGRESS_PEER_FIELDS : EGRESS_PEER_FIELDS;
  const present = fields.filter((f) => rule[f] !== undefined && rule[f] !== null);
  const peers = present.flatMap((field) => listOf(rule[field]).flatMap((item) => peerOf(field, item, namespace)));
  const onlyNone = present.length > 0 && present.every((f) => f.endsWith('Entities') && listOf(rule[f]).every((e) => e === 'none'));
  const requires = REQUIRES_FIELDS.some((f) => rule[f] !== undefined && rule[f] !== null);
  const path = `${list.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('')}[${index}]`;
  return {
    direction,
    list,
    index,
    path,
    peers,
    ports: listOf(rule.toPorts).flatMap((pr) => (isRecord(pr) ? listOf(pr.ports).flatMap(portOf) : [])),
    ...(onlyNone ? { inert: true as const } : {}),
    ...(present.length === 0 && !requires && !hasL4(rule) ? { empty: true as const } : {}),
  };
}

function peerOf(field: string, item: unknown, namespace: string | undefined): NamedPeer[] {
  if (field.endsWith('Endpoints')) return endpointsPeer(item, namespace);
  if (field.endsWith('CIDR')) return typeof item === 'string' ? [{ kind: 'cidr', cidr: item }] : [];
  if (field.endsWith('CIDRSet')) return isRecord(item) && typeof item.cidr === 'string' ? [{ kind: 'cidr', cidr: item.cidr }] : [];
  if (field === 'toFQDNs' && isRecord(item)) {
    const name = typeof item.matchName === 'string' ? item.matchName : typeof item.matchPattern === 'string' ? item.matchPattern.replace(/\*/g, 'a') : undefined;
    return name ? [{ kind: 'fqdn', name: name.replace(/\.$/, '') }] : [];
  }
  return [];
}

/** An endpoint selector as pods: labels without their source, the namespace and namespace labels apart. */
function endpointsPeer(selector: unknown, namespace: string | undefined): NamedPeer[] {
  if (!isRecord(selector)) return [];
  const pairs: [string, string][] = [];
  if (isRecord(selector.matchLabels)) for (const [k, v] of Object.entries(selector.matchLabels)) if (typeof v === 'string') pairs.push([k, v]);
  for (const e of listOf(selector.matchExpressions)) {
    if (!isRecord(e) || typeof e.key !== 'string') continue;
    const first = listOf(e.values)[0];
    if (e.operator === 'In' && typeof first === 'string') pairs.push([e.key, first]);
    if (e.operator === 'Exists') pairs.push([e.key, '']);
  }
  const labels: Record<string, string> = {};
  const namespaceLabels: Record<string, string> = {};
  let named: string | undefined;
  for (const [rawKey, value] of pairs) {
    const colon = rawKey.indexOf(':');
    const source = colon < 0 ? 'any' : rawKey.slice(0, colon);
    const key = colon < 0 ? rawKey : rawKey.slice(colon + 1);
    if (source === 'reserved') return [];
    if (key === NAMESPACE_KEY) named = value;
    else if (key.startsWith(NAMESPACE_LABELS)) namespaceLabels[key.slice(NAMESPACE_LABELS.length)] = value;
    else if (!key.startsWith('io.cilium.k8s.')) labels[key] = value;
  }
  if (named !== undefined) return [{ kind: 'pods', namespace: named, labels }];
  if (Object.keys(namespaceLabels).length > 0) return [{ kind: 'pods', namespaceLabels, labels }];
  return [namespace === undefined ? { kind: 'pods', anyNamespace: true, labels } : { kind: 'pods', labels }];
}

function portOf(entry: unknown): NamedPort[] {
  if (!isRecord(entry)) return [];
  const protocol = typeof entry.protocol === 'string' && entry.protocol !== '' ? entry.protocol.toUpperCase() : 'ANY';
  const protocols: Protocol[] = protocol === 'ANY' ? ['TCP', 'UDP'] : protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP' ? [protocol] : [];
  if (entry.port === undefined || entry.port === '0' || entry.port === 0) return [];
  return protocols.flatMap((p) => namedPort(entry.port, p));
}
