import { isRecord } from '../../../k8s/kube-object.js';
import { ambiguous, anyOf, matchIf, NO_MATCH, MATCH, type Match } from './match.js';
import type { Endpoint, Flow } from '../../../traffic/model.js';

/**
 * L4 of a rule (pkg/policy/api/l4.go PortProtocol; pkg/policy/rule.go mergeIngress/mergeEgress;
 * pkg/policy/testutils/simulate.go flattenMatchingL4):
 * - no `toPorts` and no `icmps`: every port ("L3-only rule");
 * - `icmps` only: ICMP only, which no TCP/UDP/SCTP flow matches;
 * - otherwise a flow must match one `ports` entry of one PortRule; a PortRule without ports matches
 *   nothing. L7 `rules` never change the L3/L4 verdict.
 * A port entry: `port` a number as a string (or a named port of the destination pod; `endPort` is
 * then ignored), "0" or absent = every port; `endPort` makes a range; `protocol` TCP/UDP/SCTP, or
 * ANY/empty = any transport protocol.
 */

export const ANY_SCTP_NOTE =
  'protocol ANY covers SCTP only in newer Cilium (pkg/policy/rule.go expands ANY to TCP, UDP and SCTP; older versions to TCP and UDP); the wider reading was taken';

const hasEntries = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** Whether a rule carries L4 (non-empty `toPorts` or `icmps`): without, its L3 is an L3-only rule. */
export const hasL4 = (rule: Record<string, unknown>): boolean => hasEntries(rule.toPorts) || hasEntries(rule.icmps);

/** One PortProtocol; `destination` resolves named ports (the pod receiving the flow). */
export function portProtocolMatches(entry: unknown, flow: Flow, destination: Endpoint): Match {
  if (!isRecord(entry)) return NO_MATCH;
  const protocol = typeof entry.protocol === 'string' && entry.protocol !== '' ? entry.protocol.toUpperCase() : 'ANY';
  const protocolMatch = protocol === 'ANY' ? (flow.protocol === 'SCTP' ? ambiguous(ANY_SCTP_NOTE) : MATCH) : matchIf(protocol === flow.protocol);
  if (!protocolMatch.max) return NO_MATCH;
  const port = entry.port;
  if (port === undefined || port === null || port === '' || port === '0' || port === 0) return protocolMatch;
  const numeric = typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : undefined;
  if (numeric !== undefined) {
    const end = typeof entry.endPort === 'number' && entry.endPort > numeric ? entry.endPort : numeric;
    return flow.port >= numeric && flow.port <= end ? protocolMatch : NO_MATCH;
  }
  if (typeof port !== 'string' || destination.kind !== 'pod') return NO_MATCH;
  return destination.namedPorts?.[port] === flow.port ? protocolMatch : NO_MATCH;
}

/** A rule's L4 (`toPorts` + `icmps`) against the flow. */
export function ruleL4Matches(rule: Record<string, unknown>, flow: Flow, destination: Endpoint): Match {
  const portRules: unknown[] = Array.isArray(rule.toPorts) ? rule.toPorts : [];
  if (portRules.length === 0) return hasEntries(rule.icmps) ? NO_MATCH : MATCH;
  return anyOf(portRules.map((pr) => (isRecord(pr) && Array.isArray(pr.ports) ? anyOf(pr.ports.map((p) => portProtocolMatches(p, flow, destination))) : NO_MATCH)));
}
