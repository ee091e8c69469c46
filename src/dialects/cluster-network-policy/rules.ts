import { checkCidr } from '../../k8s/cidr.js';
import { childPath } from '../../k8s/field-path.js';
import { arrayAt, isRecord, recordAt, type JsonRecord } from '../../validate/json-value.js';
import { checkPortName } from '../../k8s/names.js';
import { checkLabelSelector } from '../../validate/label-selector.js';
import type { MessageOverride } from '../../validate/schema-violations.js';
import type { Violation } from '../../validate/violation.js';

/**
 * policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy (standard channel): the CRD's CEL rules
 * (`isCIDR`, range start < end), the experimental channel's named-port rule, and the label selectors
 * the CRD leaves unchecked. Everything else (tier, priority 0-1000, one key per peer/protocol, list
 * limits, `tcp: {}`) is in the CRD schema; the overrides below word its best-known traps.
 */
export const CLUSTER_NETWORK_POLICY_MESSAGES: readonly MessageOverride[] = [
  {
    keyword: 'enum',
    path: /\.action$/,
    message: (value) => (value === 'Allow' ? 'must be one of Accept, Deny, Pass (v1alpha2 renamed "Allow" to "Accept")' : undefined),
  },
  {
    keyword: 'maximum',
    path: /^spec\.priority$/,
    message: (value) => `must be at most 1000 (got ${String(value)}); lower values win, so give a default-deny a larger value than the allowlist, still <= 1000`,
  },
  {
    keyword: 'minProperties',
    path: /\.protocols\[\d+\]\.(tcp|udp|sctp)$/,
    message: (_, path) =>
      `must set destinationPort: "${path.slice(path.lastIndexOf('.') + 1)}: {}" is invalid; to match every port, omit protocols or use range 1-65535`,
  },
  {
    keyword: 'additionalProperties',
    path: /^spec\.ingress\[\d+\]\.from\[\d+\]\.networks$/,
    message: () => 'unknown field "networks": ingress peers can only be namespaces or pods',
  },
];

export function checkClusterNetworkPolicy(object: JsonRecord, out: Violation[]): void {
  const spec = recordAt(object, 'spec');
  if (!spec) return;
  const subject = recordAt(spec, 'subject');
  if (subject) {
    checkLabelSelector(subject.namespaces, 'spec.subject.namespaces', out);
    checkPodsPeer(subject.pods, 'spec.subject.pods', out);
  }
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    arrayAt(spec, direction).forEach((rule, i) => {
      if (isRecord(rule)) checkRule(rule, childPath(childPath('spec', direction), i), peersKey, out);
    });
  }
}

function checkPodsPeer(pods: unknown, path: string, out: Violation[]): void {
  if (!isRecord(pods)) return;
  checkLabelSelector(pods.namespaceSelector, childPath(path, 'namespaceSelector'), out);
  checkLabelSelector(pods.podSelector, childPath(path, 'podSelector'), out);
}

function checkRule(rule: JsonRecord, path: string, peersKey: 'from' | 'to', out: Violation[]): void {
  let hasNetworks = false;
  arrayAt(rule, peersKey).forEach((peer, i) => {
    if (!isRecord(peer)) return;
    const peerPath = childPath(childPath(path, peersKey), i);
    checkLabelSelector(peer.namespaces, childPath(peerPath, 'namespaces'), out);
    checkPodsPeer(peer.pods, childPath(peerPath, 'pods'), out);
    arrayAt(peer, 'networks').forEach((network, j) => {
      hasNetworks = true;
      const problem = typeof network === 'string' ? checkCidr(network) : undefined;
      if (problem) out.push({ path: childPath(childPath(peerPath, 'networks'), j), message: problem });
    });
  });

  arrayAt(rule, 'protocols').forEach((protocol, i) => {
    if (!isRecord(protocol)) return;
    const protocolPath = childPath(childPath(path, 'protocols'), i);
    const namedPort = protocol.destinationNamedPort;
    if (typeof namedPort === 'string') {
      const namedPortPath = childPath(protocolPath, 'destinationNamedPort');
      const problem = checkPortName(namedPort);
      if (problem) out.push({ path: namedPortPath, message: problem });
      // Named ports are resolved on the selected pods; a CIDR peer has none.
      if (hasNetworks) out.push({ path: namedPortPath, message: 'cannot be used in a rule with networks peers: use tcp/udp/sctp destinationPort' });
    }
    for (const l4 of ['tcp', 'udp', 'sctp']) {
      const range = recordAt(recordAt(recordAt(protocol, l4) ?? {}, 'destinationPort') ?? {}, 'range');
      if (range && typeof range.start === 'number' && typeof range.end === 'number' && range.start >= range.end) {
        out.push({
          path: childPath(childPath(childPath(protocolPath, l4), 'destinationPort'), 'range'),
          message: `start must be less than end (got ${range.start}-${range.end}; for a single port use number)`,
        });
      }
    }
  });
}
