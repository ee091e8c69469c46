import { isRecord } from '../../../k8s/kube-object.js';
import { calicoPodLabels, CALICO_NAMESPACE_LABEL, CALICO_SERVICE_ACCOUNT_LABEL, NAMESPACE_LABEL_PREFIX, prefixedLookup, SERVICE_ACCOUNT_LABEL_PREFIX } from './labels.js';
import type { RuleMatch } from './policy.js';
import { calicoSelectorMatches } from './selector-match.js';
import { isPod } from '../../../traffic/cluster.js';
import { ipInCidr, hostCidr } from '../../../k8s/cidr.js';
import type { Cluster, Endpoint, Flow } from '../../../traffic/model.js';

/**
 * Matching of one `projectcalico.org/v3` Rule (api/pkg/apis/projectcalico/v3/policy_common.go): every
 * criterion present must hold ("All the match criteria within a rule must be satisfied").
 */

type Side = 'source' | 'destination';

/** numorstring/protocol.go: names are case-insensitive; numbers 6, 17, 132 are TCP, UDP, SCTP. */
const BY_NAME_OR_NUMBER: Readonly<Record<string, string>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', '6': 'TCP', '17': 'UDP', '132': 'SCTP' };

export function calicoProtocol(value: unknown): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const key = String(value).toLowerCase();
  return BY_NAME_OR_NUMBER[key] ?? key;
}

/** Protocol.SupportsPorts: only TCP, UDP and SCTP rules may name ports. */
export function protocolSupportsPorts(value: unknown): boolean {
  return ['TCP', 'UDP', 'SCTP'].includes(calicoProtocol(value) ?? '');
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** libcalico-go lib/net ParseCIDROrIP: a bare address is its own /32 or /128. */
function inNet(ip: string, net: string): boolean {
  return ipInCidr(ip, net.includes('/') ? net : hostCidr(net));
}

/**
 * numorstring/port.go: a number, a "min:max" range string, or a named port. A named port is expanded to
 * the (IP, port) pairs of the endpoints that declare it (docs: reference/resources, "Named ports"), so only
 * a pod serving that name on the flow's port matches.
 */
function portMatches(entry: unknown, port: number, destination: Endpoint): boolean {
  if (typeof entry === 'number') return entry === port;
  if (typeof entry !== 'string') return false;
  if (/^\d+$/.test(entry)) return Number(entry) === port;
  const range = /^(\d+):(\d+)$/.exec(entry);
  if (range) return Number(range[1]) <= port && port <= Number(range[2]);
  return isPod(destination) && destination.namedPorts?.[entry] === port;
}

/**
 * The selector half of an EntityRule, as updateprocessors/rules.go getEndpointSelector builds it:
 * - `namespaceSelector` selects namespaces (matched on the pcns.-prefixed namespace labels); `all()` there
 *   means every namespace, `global()` only non-namespaced resources (host endpoints, global network sets,
 *   which the model has none of);
 * - without it, a namespaced policy limits the rule to its own namespace "as soon as _any_ of the selector
 *   fields are used, including NotSelector"; a global policy does not;
 * - `selector` and `serviceAccounts` (names → projectcalico.org/serviceaccount, selector → pcsa. labels)
 *   are ANDed with it; `notSelector` is not namespaced.
 * Selectors match Calico endpoints only: nodes, the apiserver and external addresses never match a
 * selector, while `notSelector` lets them through (docs _entityrule.mdx "Understanding notSelector").
 */
function selectorsMatch(entity: Record<string, unknown>, endpoint: Endpoint, policyNamespace: string | undefined, cluster: Cluster): boolean {
  const selector = text(entity.selector);
  const notSelector = text(entity.notSelector);
  const namespaceSelector = text(entity.namespaceSelector);
  const serviceAccounts = isRecord(entity.serviceAccounts) ? entity.serviceAccounts : {};
  const saNames = strings(serviceAccounts.names);
  const saSelector = text(serviceAccounts.selector);
  const positive = selector !== '' || saNames.length > 0 || saSelector !== '';
  const scoped = (namespaceSelector !== '' || policyNamespace !== undefined) && (positive || notSelector !== '' || namespaceSelector !== '');
  const labels = isPod(endpoint) ? calicoPodLabels(endpoint, cluster) : undefined;
  if (scoped || positive) {
    if (!labels) return false;
    if (scoped) {
      const inNamespace =
        namespaceSelector !== ''
          ? calicoSelectorMatches(namespaceSelector, prefixedLookup(labels, NAMESPACE_LABEL_PREFIX), { all: true, global: false })
          : labels[CALICO_NAMESPACE_LABEL] === policyNamespace;
      if (!inNamespace) return false;
    }
    if (selector !== '' && !calicoSelectorMatches(selector, labels)) return false;
    if (saNames.length > 0 && !saNames.includes(labels[CALICO_SERVICE_ACCOUNT_LABEL] ?? '')) return false;
    if (saSelector !== '' && !calicoSelectorMatches(saSelector, prefixedLookup(labels, SERVICE_ACCOUNT_LABEL_PREFIX))) return false;
  }
  return !(notSelector !== '' && labels && calicoSelectorMatches(notSelector, labels));
}

/**
 * `services` (ServiceMatch; namespace defaults to the policy's): the Service's endpoint addresses. As a
 * destination it matches each endpoint's (IP, protocol, port) only (felix/calc/rule_scanner.go
 * DstIPPortSetIDs; service-policy.mdx "Endpoint addresses and ports to allow will be automatically detected
 * from the service"); as a source, addresses only (there is no source IP-port set).
 */
function serviceMatches(match: Record<string, unknown>, endpoint: Endpoint, side: Side, policyNamespace: string | undefined, flow: Flow, cluster: Cluster): boolean {
  const namespace = text(match.namespace) || policyNamespace;
  const service = cluster.services?.find((s) => s.name === match.name && s.namespace === namespace);
  if (!service || !service.endpoints.some((e) => e.ip === endpoint.ip)) return false;
  if (side === 'source' || !service.ports) return true;
  return service.ports.some((p) => p.port === flow.port && (p.protocol ?? 'TCP') === flow.protocol);
}

function entityMatches(entity: unknown, side: Side, policyNamespace: string | undefined, flow: Flow, cluster: Cluster): RuleMatch {
  if (!isRecord(entity)) return true;
  const endpoint = side === 'source' ? flow.from : flow.to;
  const nets = strings(entity.nets);
  if (nets.length > 0 && !nets.some((net) => inNet(endpoint.ip, net))) return false;
  if (strings(entity.notNets).some((net) => inNet(endpoint.ip, net))) return false;
  if (isRecord(entity.services) && !serviceMatches(entity.services, endpoint, side, policyNamespace, flow, cluster)) return false;
  if (!selectorsMatch(entity, endpoint, policyNamespace, cluster)) return false;
  const ports = Array.isArray(entity.ports) ? entity.ports : [];
  const notPorts = Array.isArray(entity.notPorts) ? entity.notPorts : [];
  if (side === 'source') {
    // A flow is judged by its destination port; the client's (ephemeral) source port is not modelled.
    return ports.length > 0 || notPorts.length > 0 ? { unknown: 'it tests the source port, which the flow does not carry' } : true;
  }
  if (ports.length > 0 && !ports.some((p) => portMatches(p, flow.port, flow.to))) return false;
  return !notPorts.some((p) => portMatches(p, flow.port, flow.to));
}

/** Whether a Calico rule of a policy in `policyNamespace` (undefined: a GlobalNetworkPolicy) matches the flow. */
export function calicoRuleMatch(rule: Record<string, unknown>, policyNamespace: string | undefined, flow: Flow, cluster: Cluster): RuleMatch {
  const family = flow.to.ip.includes(':') ? 6 : 4;
  if (typeof rule.ipVersion === 'number' && rule.ipVersion !== family) return false;
  if (rule.protocol !== undefined && calicoProtocol(rule.protocol) !== flow.protocol) return false;
  if (rule.notProtocol !== undefined && calicoProtocol(rule.notProtocol) === flow.protocol) return false;
  const source = entityMatches(rule.source, 'source', policyNamespace, flow, cluster);
  if (source === false) return false;
  const destination = entityMatches(rule.destination, 'destination', policyNamespace, flow, cluster);
  if (destination === false) return false;
  if (rule.http !== undefined) {
    // HTTPMatch is application layer policy, enforced by an L7 proxy when that optional feature is enabled
    // (reference/resources/networkpolicy.mdx "Application layer policy"); the L3/L4 part is all that is judged here.
    return { unknown: 'its HTTP match is enforced only by application layer policy (an L7 proxy) and is not judged' };
  }
  return source === true ? destination : source;
}
