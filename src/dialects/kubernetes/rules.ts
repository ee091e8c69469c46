import { checkCidrWithExcept } from '../../k8s/cidr.js';
import { childPath } from '../../k8s/field-path.js';
import { arrayAt, isRecord, isSet, recordAt, type JsonRecord } from '../../validate/json-value.js';
import { checkPortName } from '../../k8s/names.js';
import { checkLabelSelector } from '../../validate/label-selector.js';
import type { Violation } from '../../validate/violation.js';

/**
 * networking.k8s.io/v1 NetworkPolicy: the checks of kubernetes pkg/apis/networking/validation
 * (ValidateNetworkPolicySpec / Peer / Port / IPBlock) that a JSON schema cannot express. Shapes and
 * enums (protocol, policyTypes) are in schemas/kubernetes/.
 */
export function checkKubernetesNetworkPolicy(object: JsonRecord, out: Violation[]): void {
  const spec = recordAt(object, 'spec');
  if (!spec) return;
  checkLabelSelector(spec.podSelector, 'spec.podSelector', out);
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    arrayAt(spec, direction).forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const rulePath = childPath(childPath('spec', direction), i);
      arrayAt(rule, 'ports').forEach((port, j) => checkPort(port, childPath(childPath(rulePath, 'ports'), j), out));
      arrayAt(rule, peers).forEach((peer, j) => checkPeer(peer, childPath(childPath(rulePath, peers), j), out));
    });
  }
}

function checkPeer(peer: unknown, path: string, out: Violation[]): void {
  if (!isRecord(peer)) return;
  const selectors = ['podSelector', 'namespaceSelector'].filter((k) => isSet(peer, k));
  for (const key of selectors) checkLabelSelector(peer[key], childPath(path, key), out);
  const ipBlock = recordAt(peer, 'ipBlock');
  if (ipBlock) {
    const ipBlockPath = childPath(path, 'ipBlock');
    checkCidrWithExcept(ipBlock.cidr, arrayAt(ipBlock, 'except'), (i, message) =>
      out.push({ path: i === undefined ? childPath(ipBlockPath, 'cidr') : childPath(childPath(ipBlockPath, 'except'), i), message }),
    );
  }
  if (!ipBlock && selectors.length === 0) {
    // An empty peer is rejected; "all sources" is written by leaving `from`/`to` out.
    out.push({ path, message: 'must set podSelector, namespaceSelector or ipBlock (omit from/to to match everything)' });
  } else if (ipBlock && selectors.length > 0) {
    out.push({ path, message: `ipBlock cannot be combined with ${selectors.join(' or ')} in one peer: use separate peers` });
  }
}

function checkPort(port: unknown, path: string, out: Violation[]): void {
  if (!isRecord(port)) return;
  const { port: value, endPort } = port;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      out.push({ path: childPath(path, 'port'), message: `must be between 1 and 65535 (got ${value})` });
    }
  } else if (typeof value === 'string') {
    const problem = checkPortName(value);
    if (problem) out.push({ path: childPath(path, 'port'), message: problem });
  }
  if (typeof endPort !== 'number') return;
  const endPortPath = childPath(path, 'endPort');
  if (value === undefined || value === null) {
    out.push({ path: endPortPath, message: 'may not be set without port' });
  } else if (typeof value === 'string') {
    out.push({ path: endPortPath, message: `needs a numeric port, but port ${JSON.stringify(value)} is a named port` });
  } else if (typeof value === 'number' && endPort < value) {
    out.push({ path: endPortPath, message: `must be greater than or equal to port (${endPort} < ${value})` });
  }
  if (endPort < 1 || endPort > 65535) out.push({ path: endPortPath, message: `must be between 1 and 65535 (got ${endPort})` });
}
