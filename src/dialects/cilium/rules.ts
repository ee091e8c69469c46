import { checkCidr, checkCidrWithExcept } from '../../k8s/cidr.js';
import { childPath } from '../../k8s/field-path.js';
import { arrayAt, hasItems, isRecord, recordAt, type JsonRecord } from '../../validate/json-value.js';
import { checkLabelSelector } from '../../validate/label-selector.js';
import type { MessageOverride } from '../../validate/schema-violations.js';
import type { Violation } from '../../validate/violation.js';
import { EGRESS_PEER_FIELDS, INGRESS_PEER_FIELDS } from './vocabulary.js';

/**
 * cilium.io/v2 CiliumNetworkPolicy: the rule checks of cilium pkg/policy/api/rule_validation.go that
 * the CRD schema cannot express. The agent rejects a policy failing them when it imports it, long
 * after `kubectl apply` succeeded, so the only place to catch them early is here.
 */
// from/toRequires are not L3 selectors: the CRD says they "must always be accompanied with at least one
// matching FromEndpoints" (resp. ToEndpoints), and rule_validation.go does not count them.
const INGRESS_L3: readonly string[] = INGRESS_PEER_FIELDS;
const EGRESS_L3: readonly string[] = EGRESS_PEER_FIELDS;
const SELECTOR_LISTS = ['fromEndpoints', 'fromNodes', 'fromRequires', 'toEndpoints', 'toNodes', 'toRequires'];
const DIRECTIONS = [
  { key: 'ingress', l3: INGRESS_L3, egress: false },
  { key: 'ingressDeny', l3: INGRESS_L3, egress: false },
  { key: 'egress', l3: EGRESS_L3, egress: true },
  { key: 'egressDeny', l3: EGRESS_L3, egress: true },
] as const;

export const CILIUM_MESSAGES: readonly MessageOverride[] = [
  {
    keyword: 'type',
    path: /\.ports\[\d+\]\.port$/,
    message: (value) => (typeof value === 'number' ? `must be a string (Cilium ports are strings: "${value}")` : undefined),
  },
  {
    keyword: 'pattern',
    path: /\.ports\[\d+\]\.port$/,
    message: (value) => `must be a port number 0-65535 or a port name like "http" (got ${JSON.stringify(value)})`,
  },
  {
    keyword: 'pattern',
    path: /\.icmps\[\d+\]\.fields\[\d+\]\.type$/,
    message: (value) => `must be an ICMP type 0-255 or a name such as "EchoRequest" (got ${JSON.stringify(value)})`,
  },
];

export function checkCiliumNetworkPolicy(object: JsonRecord, out: Violation[]): void {
  // The CRD requires neither; the agent then rejects the object as an "empty policy".
  if (object.spec === undefined && object.specs === undefined) out.push({ path: 'spec', message: 'is required (or specs)' });
  const spec = recordAt(object, 'spec');
  if (spec) checkRule(spec, 'spec', out);
  arrayAt(object, 'specs').forEach((rule, i) => {
    if (isRecord(rule)) checkRule(rule, childPath('specs', i), out);
  });
}

function checkRule(rule: JsonRecord, path: string, out: Violation[]): void {
  for (const key of ['endpointSelector', 'nodeSelector']) {
    checkLabelSelector(rule[key], childPath(path, key), out, { allowSourcePrefix: true });
  }
  for (const direction of DIRECTIONS) {
    arrayAt(rule, direction.key).forEach((peerRule, i) => {
      if (isRecord(peerRule)) checkPeerRule(peerRule, childPath(childPath(path, direction.key), i), direction, out);
    });
  }
}

function checkPeerRule(rule: JsonRecord, path: string, direction: (typeof DIRECTIONS)[number], out: Violation[]): void {
  // One kind of L3 selector per rule (Cilium: "combining X and Y is not supported yet").
  const l3 = direction.l3.filter((key) => hasItems(rule, key));
  if (l3.length > 1) {
    out.push({ path, message: `cannot combine ${l3.join(' and ')} in one rule (Cilium rejects it): split it into one rule per selector kind` });
  }
  // Allowed by the newest agents, rejected by older ones (cilium/cilium#20067): output must work on both.
  if (direction.egress && hasItems(rule, 'toServices') && hasItems(rule, 'toPorts')) {
    out.push({ path, message: 'cannot combine toServices and toPorts in one rule (older Cilium agents reject it, cilium/cilium#20067)' });
  }
  if (hasItems(rule, 'icmps') && hasItems(rule, 'toPorts')) {
    out.push({ path, message: 'cannot combine icmps and toPorts in one rule: put them in separate rules' });
  }

  for (const key of SELECTOR_LISTS) {
    arrayAt(rule, key).forEach((selector, i) => checkLabelSelector(selector, childPath(childPath(path, key), i), out, { allowSourcePrefix: true }));
  }
  for (const key of ['fromCIDR', 'toCIDR']) {
    arrayAt(rule, key).forEach((cidr, i) => {
      const problem = typeof cidr === 'string' ? checkCidr(cidr) : undefined;
      if (problem) out.push({ path: childPath(childPath(path, key), i), message: problem });
    });
  }
  for (const key of ['fromCIDRSet', 'toCIDRSet']) {
    arrayAt(rule, key).forEach((set, i) => {
      if (!isRecord(set)) return;
      const setPath = childPath(childPath(path, key), i);
      checkCidrWithExcept(set.cidr, arrayAt(set, 'except'), (j, message) =>
        out.push({ path: j === undefined ? childPath(setPath, 'cidr') : childPath(childPath(setPath, 'except'), j), message }),
      );
      checkLabelSelector(set.cidrGroupSelector, childPath(setPath, 'cidrGroupSelector'), out, { allowSourcePrefix: true });
    });
  }
  arrayAt(rule, 'toServices').forEach((service, i) => {
    const selector = isRecord(service) ? recordAt(service, 'k8sServiceSelector') : undefined;
    const selectorPath = childPath(childPath(childPath(childPath(path, 'toServices'), i), 'k8sServiceSelector'), 'selector');
    if (selector) checkLabelSelector(selector.selector, selectorPath, out);
  });
  arrayAt(rule, 'toPorts').forEach((portRule, i) => {
    if (isRecord(portRule)) checkPortRule(portRule, childPath(childPath(path, 'toPorts'), i), direction.egress, out);
  });
}

/**
 * The CRD's port pattern is anchored on one side only (`^(number)|name$`), so "70000" passes the API
 * server; the agent then parses numbers with strconv.ParseUint(port, 0, 16), which fails above 65535
 * and reads a leading 0 as octal.
 */
function checkPortString(port: string, path: string, out: Violation[]): void {
  if (/^\d+$/.test(port)) {
    if (port.length > 1 && port.startsWith('0')) out.push({ path, message: `${JSON.stringify(port)} has a leading zero (Cilium reads it as octal): write ${JSON.stringify(String(Number(port)))}` });
    else if (Number(port) > 65535) out.push({ path, message: `must be a port number 0-65535 or a port name like "http" (got ${JSON.stringify(port)})` });
  } else if (port.length > 15 || !/^([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$/.test(port)) {
    out.push({ path, message: `${JSON.stringify(port)} is not a valid port name (IANA service name: at most 15 letters, digits and single '-')` });
  }
}

function checkPortRule(portRule: JsonRecord, path: string, egress: boolean, out: Violation[]): void {
  const ports = arrayAt(portRule, 'ports').filter(isRecord);
  arrayAt(portRule, 'ports').forEach((port, i) => {
    if (isRecord(port) && typeof port.port === 'string' && port.port !== '') {
      checkPortString(port.port, childPath(childPath(childPath(path, 'ports'), i), 'port'), out);
    }
  });
  const rules = recordAt(portRule, 'rules');
  if (!rules) return;
  const rulesPath = childPath(path, 'rules');
  // pkg/policy/api/rule_validation.go: PortRule.Validate rejects DNS rules on ingress, L7Rules.Validate
  // asks for at least one port ("port 53 must be specified for DNS rules", though any port passes: the
  // DNS proxy serves 5353 on OpenShift too), and PortProtocol.Validate rejects a range.
  if (hasItems(rules, 'dns')) {
    if (!egress) out.push({ path: childPath(rulesPath, 'dns'), message: 'DNS rules are only allowed on egress' });
    if (ports.length === 0) out.push({ path: childPath(path, 'ports'), message: 'DNS rules need a port (the DNS server\'s: "53", or "5353" on OpenShift)' });
    ports.forEach((port, i) => {
      const portPath = childPath(childPath(path, 'ports'), i);
      if (typeof port.endPort === 'number' && typeof port.port === 'string' && port.endPort > Number(port.port)) {
        out.push({ path: childPath(portPath, 'endPort'), message: 'DNS rules do not support port ranges' });
      }
    });
  } else if (hasItems(rules, 'http') || hasItems(rules, 'kafka') || typeof rules.l7proto === 'string') {
    // The L7 proxy only terminates TCP; only DNS rules may use UDP or ANY.
    ports.forEach((port, i) => {
      if (port.protocol !== 'TCP') {
        out.push({ path: childPath(childPath(childPath(path, 'ports'), i), 'protocol'), message: `L7 rules need protocol TCP (got ${JSON.stringify(port.protocol ?? 'ANY')})` });
      }
    });
  }
}
