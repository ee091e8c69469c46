import { isRecord } from '../../../k8s/kube-object.js';
import type { ClusterNetworkPolicyMatch } from './read.js';
import type { Flow, Protocol } from '../../../traffic/model.js';

const PROTOCOL_FIELDS: Readonly<Record<'tcp' | 'udp' | 'sctp', Protocol>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };
const FIELDS = ['tcp', 'udp', 'sctp', 'destinationNamedPort'] as const;

/**
 * A rule's `protocols`: omitted, "protocol-specific attributes will not be used to match traffic"
 * (types.go); otherwise any entry may match. An entry that is not exactly one known field makes the whole
 * list `unreadable` (fail closed, as for peers: NPEP-187 chose this one-of shape so old clients can tell).
 */
export function protocolsMatch(protocols: unknown, flow: Flow): ClusterNetworkPolicyMatch {
  if (protocols === undefined || protocols === null || (Array.isArray(protocols) && protocols.length === 0)) return 'match';
  if (!Array.isArray(protocols)) return 'unreadable';
  const readings = protocols.map((entry) => protocolMatch(entry, flow));
  if (readings.includes('unreadable')) return 'unreadable';
  return readings.includes('match') ? 'match' : 'miss';
}

function protocolMatch(entry: unknown, flow: Flow): ClusterNetworkPolicyMatch {
  if (!isRecord(entry)) return 'unreadable';
  const present = FIELDS.filter((field) => entry[field] !== undefined && entry[field] !== null);
  if (present.length !== 1) return 'unreadable';
  const field = present[0];
  if (field === undefined) return 'unreadable';
  if (field === 'destinationNamedPort') return namedPortMatch(entry.destinationNamedPort, flow);
  const attributes = entry[field];
  if (!isRecord(attributes)) return 'unreadable';
  const port = portMatch(attributes.destinationPort, flow.port);
  if (port === 'unreadable') return port;
  return PROTOCOL_FIELDS[field] === flow.protocol ? port : 'miss';
}

/**
 * `destinationPort`: exactly one of `number` or an inclusive `range {start, end}` ("PortRange defines an
 * inclusive range of ports from the assigned Start value to End value", types.go). Omitted: "If
 * destinationPort is omitted, all ports for the specified protocol match" (site-src/api-overview.md;
 * the CRD's `minProperties: 1` rejects `tcp: {}`, so this is what a reader of such an object would do).
 */
function portMatch(destinationPort: unknown, port: number): ClusterNetworkPolicyMatch {
  if (destinationPort === undefined || destinationPort === null) return 'match';
  if (!isRecord(destinationPort)) return 'unreadable';
  const { number, range } = destinationPort;
  if ((number === undefined) === (range === undefined)) return 'unreadable';
  if (typeof number === 'number') return number === port ? 'match' : 'miss';
  if (!isRecord(range) || typeof range.start !== 'number' || typeof range.end !== 'number') return 'unreadable';
  return port >= range.start && port <= range.end ? 'match' : 'miss';
}

/**
 * `destinationNamedPort` "selects a destination port on a pod based on the ContainerPort name. You can't
 * use this in a rule that targets resources without named ports (e.g. Nodes or Networks)" (types.go):
 * resolved on the destination pod; a destination that is not a pod, or lacks the name, does not match.
 * The model's named ports carry no protocol, so the number alone decides.
 */
function namedPortMatch(name: unknown, flow: Flow): ClusterNetworkPolicyMatch {
  if (typeof name !== 'string') return 'unreadable';
  return flow.to.kind === 'pod' && flow.to.namedPorts?.[name] === flow.port ? 'match' : 'miss';
}
