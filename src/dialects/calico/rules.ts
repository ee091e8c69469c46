import { checkCalicoSelector } from './selector-grammar.js';
import { checkCidr } from '../../k8s/cidr.js';
import { childPath } from '../../k8s/field-path.js';
import { arrayAt, hasItems, isRecord, isSet, recordAt, type JsonRecord } from '../../validate/json-value.js';
import type { MessageOverride } from '../../validate/schema-violations.js';
import type { Violation } from '../../validate/violation.js';

/**
 * projectcalico.org/v3 NetworkPolicy: the CRD's CEL rules (x-kubernetes-validations, which cannot run
 * here) and the Calico API server's validation that the schema does not carry: protocol/port syntax
 * and dependencies, canonical nets, selector syntax.
 */
const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];
/** Protocols with ports, by name and number (6 TCP, 17 UDP, 132 SCTP, 136 UDPLite). */
const PORT_PROTOCOLS: readonly unknown[] = ['TCP', 'UDP', 'SCTP', 'UDPLite', 6, 17, 132, 136];
const NAMED_PORT = /^[A-Za-z0-9_.-]{1,128}$/;

export const CALICO_MESSAGES: readonly MessageOverride[] = [
  {
    keyword: 'additionalProperties',
    path: /^spec\.namespaceSelector$/,
    message: () =>
      'unknown field "namespaceSelector": a namespaced Calico NetworkPolicy has no spec.namespaceSelector (use namespaceSelector inside a rule\'s source or destination)',
  },
  {
    keyword: 'enum',
    path: /\.action$/,
    message: (value) => (value === 'Accept' ? 'must be one of Allow, Deny, Log, Pass (Calico says "Allow", not "Accept")' : undefined),
  },
];

export function checkCalicoNetworkPolicy(object: JsonRecord, out: Violation[]): void {
  const spec = recordAt(object, 'spec');
  if (!spec) return;
  checkSelector(spec.selector, 'spec.selector', false, out);
  checkSelector(spec.serviceAccountSelector, 'spec.serviceAccountSelector', false, out);
  for (const direction of ['ingress', 'egress']) {
    arrayAt(spec, direction).forEach((rule, i) => {
      if (isRecord(rule)) checkRule(rule, childPath(childPath('spec', direction), i), out);
    });
  }
}

function checkSelector(selector: unknown, path: string, allowGlobal: boolean, out: Violation[]): void {
  if (typeof selector !== 'string') return;
  const problem = checkCalicoSelector(selector);
  if (problem) out.push({ path, message: `invalid selector: ${problem}` });
  else if (!allowGlobal && selector.includes('global(')) {
    out.push({ path, message: 'global() can only be used in a source/destination namespaceSelector' });
  }
}

function protocolProblem(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1 && value <= 255 ? undefined : `must be 1-255 or one of ${PROTOCOLS.join(', ')} (got ${value})`;
  }
  if (typeof value !== 'string' || PROTOCOLS.includes(value)) return undefined;
  const sameCase = PROTOCOLS.find((p) => p.toLowerCase() === value.toLowerCase());
  const hint = sameCase ? `; did you mean "${sameCase}"?` : /^\d+$/.test(value) ? `; write the number ${value} unquoted` : '';
  return `must be one of ${PROTOCOLS.join(', ')} or a number 1-255 (got ${JSON.stringify(value)}${hint})`;
}

function checkPortValue(value: unknown, path: string, out: Violation[]): void {
  const inRange = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;
  if (typeof value === 'number') {
    if (!inRange(value)) out.push({ path, message: `must be between 1 and 65535 (got ${value})` });
    return;
  }
  if (typeof value !== 'string') return;
  const range = /^(\d+):(\d+)$/.exec(value);
  if (/^\d+$/.test(value)) {
    if (!inRange(Number(value))) out.push({ path, message: `must be between 1 and 65535 (got ${JSON.stringify(value)})` });
  } else if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    if (!inRange(low) || !inRange(high) || low > high) {
      out.push({ path, message: `must be a range "min:max" with 1 <= min <= max <= 65535 (got ${JSON.stringify(value)})` });
    }
  } else if (!NAMED_PORT.test(value)) {
    out.push({ path, message: `must be a port number, a range "min:max" or a port name (got ${JSON.stringify(value)})` });
  }
}

function checkEntityRule(entity: JsonRecord, path: string, out: Violation[]): void {
  checkSelector(entity.selector, childPath(path, 'selector'), false, out);
  checkSelector(entity.notSelector, childPath(path, 'notSelector'), false, out);
  checkSelector(entity.namespaceSelector, childPath(path, 'namespaceSelector'), true, out);
  const serviceAccounts = recordAt(entity, 'serviceAccounts');
  if (serviceAccounts) checkSelector(serviceAccounts.selector, childPath(childPath(path, 'serviceAccounts'), 'selector'), false, out);
  for (const key of ['nets', 'notNets']) {
    arrayAt(entity, key).forEach((net, i) => {
      const problem = typeof net === 'string' ? checkCidr(net) : undefined;
      if (problem) out.push({ path: childPath(childPath(path, key), i), message: problem });
    });
  }
  for (const key of ['ports', 'notPorts']) {
    arrayAt(entity, key).forEach((port, i) => checkPortValue(port, childPath(childPath(path, key), i), out));
  }

  const services = recordAt(entity, 'services');
  if (!services) return;
  const servicesPath = childPath(path, 'services');
  const conflicts = [
    ...(typeof entity.namespaceSelector === 'string' && entity.namespaceSelector !== '' ? ['namespaceSelector'] : []),
    ...(isSet(entity, 'serviceAccounts') ? ['serviceAccounts'] : []),
    ...['selector', 'notSelector'].filter((k) => typeof entity[k] === 'string' && entity[k] !== ''),
    ...['nets', 'notNets'].filter((k) => hasItems(entity, k)),
  ];
  if (conflicts.length > 0) out.push({ path: servicesPath, message: `cannot be combined with ${conflicts.join(', ')}` });
  if (typeof services.name !== 'string' || services.name === '') out.push({ path: childPath(servicesPath, 'name'), message: 'is required' });
}

function checkRule(rule: JsonRecord, path: string, out: Violation[]): void {
  const { protocol, notProtocol, action, ipVersion } = rule;
  const problems = { protocol: protocolProblem(protocol), notProtocol: protocolProblem(notProtocol) };
  for (const [key, problem] of Object.entries(problems)) if (problem) out.push({ path: childPath(path, key), message: problem });

  const entities = (['source', 'destination'] as const).flatMap((key) => {
    const entity = recordAt(rule, key);
    return entity ? [{ key, entity }] : [];
  });
  for (const { key, entity } of entities) checkEntityRule(entity, childPath(path, key), out);

  // Calico: "rule contains ports but protocol is not TCP/UDP/SCTP/UDPLite" – ports only exist for those.
  const withPorts = entities.filter(({ entity }) => hasItems(entity, 'ports') || hasItems(entity, 'notPorts')).map(({ key }) => key);
  if (withPorts.length > 0 && !problems.protocol && !PORT_PROTOCOLS.includes(protocol)) {
    out.push({
      path: childPath(path, 'protocol'),
      message:
        protocol === undefined
          ? `is required when ${withPorts.join('/')} ports are set: add protocol TCP, UDP, SCTP or UDPLite`
          : `must be TCP, UDP, SCTP or UDPLite when ${withPorts.join('/')} ports are set (got ${JSON.stringify(protocol)})`,
    });
  }

  const destination = recordAt(rule, 'destination');
  if (destination && isSet(destination, 'services') && (hasItems(destination, 'ports') || hasItems(destination, 'notPorts'))) {
    out.push({ path: childPath(childPath(path, 'destination'), 'services'), message: 'cannot be combined with destination ports or notPorts' });
  }
  if (isSet(rule, 'http')) {
    if (protocol !== undefined && protocol !== 'TCP' && protocol !== 6) out.push({ path: childPath(path, 'http'), message: 'needs protocol TCP (or no protocol)' });
    if (action !== 'Allow') out.push({ path: childPath(path, 'http'), message: 'is only valid on Allow rules' });
  }
  if (isSet(rule, 'icmp') && !['ICMP', 'ICMPv6', 1, 58].includes(protocol as string | number)) {
    out.push({ path: childPath(path, 'icmp'), message: 'needs protocol ICMP or ICMPv6' });
  }
  for (const key of ['icmp', 'notICMP']) {
    const icmp = recordAt(rule, key);
    if (icmp && isSet(icmp, 'code') && !isSet(icmp, 'type')) out.push({ path: childPath(childPath(path, key), 'code'), message: 'needs an ICMP type' });
  }
  for (const [key, value] of [['protocol', protocol], ['notProtocol', notProtocol]] as const) {
    if ((value === 'ICMP' || value === 1) && ipVersion !== undefined && ipVersion !== 4) {
      out.push({ path: childPath(path, key), message: 'ICMP requires ipVersion 4' });
    }
    if ((value === 'ICMPv6' || value === 58) && ipVersion !== undefined && ipVersion !== 6) {
      out.push({ path: childPath(path, key), message: 'ICMPv6 requires ipVersion 6' });
    }
  }
}
