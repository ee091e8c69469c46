import type { Problem } from '../krm/result.js';
import type { Values } from '../config/values-schema.js';
import { childPath } from '../k8s/field-path.js';
import { isRecord } from '../k8s/kube-object.js';
import { type Cidr, hostCidr, isStrictSubnet, parseCidr } from '../k8s/cidr.js';
import { PORT_NAMES, type PortName } from '../dialects/plan.js';

/** Address ranges reserved for documentation (RFC 5737, RFC 3849): no real peer lives there. */
const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'].map((text) => parseCidr(text) as Cidr);

/**
 * Foot-guns in the values that still render valid objects: warnings naming the value and the consequence.
 * (What only the rendered objects show, such as egress without the kube-apiserver, is checkPolicies'.)
 */
export function checkValues(values: Values): Problem[] {
  return [...webhookFromPodsOnly(values), ...sharedPorts(values), ...allowAllRules(values), ...documentationAddresses(values)];
}

/** The kube-apiserver calls the webhook and is not a pod: a pods-only `from` cuts it off (but under ClusterNetworkPolicy, which cannot match it at all). */
function webhookFromPodsOnly(values: Values): Problem[] {
  const { from } = values.networkPolicy.webhook;
  if (!values.webhook.enabled || from.length === 0 || values.networkPolicy.engine === 'clusterNetworkPolicy') return [];
  if (from.some((peer) => peer.ipBlock !== undefined)) return [];
  return [
    {
      path: 'networkPolicy.webhook.from',
      message: `lists pods or namespaces only, but the kube-apiserver, which calls the webhook, is not a pod: it can no longer reach port ${values.ports.webhook}, and every write the webhook validates fails (failurePolicy: Fail); leave webhook.from empty (TLS authenticates the apiserver), or add the apiserver's addresses as an ipBlock`,
    },
  ];
}

/** Two enabled ports with one number: one port, two rules, so the narrower `from` restricts nothing. */
function sharedPorts(values: Values): Problem[] {
  const enabled: Record<PortName, boolean> = { health: true, webhook: values.webhook.enabled, metrics: true, gate: values.gate.enabled, mcp: values.mcp.enabled };
  const problems: Problem[] = [];
  const first = new Map<number, PortName>();
  for (const name of PORT_NAMES) {
    if (!enabled[name]) continue;
    const port = values.ports[name];
    const other = first.get(port);
    if (other === undefined) {
      first.set(port, name);
      continue;
    }
    problems.push({
      path: `ports.${name}`,
      message: `is ${port}, the same as ports.${other}: both rules open the same port, so it is reachable from whatever either allows and the narrower from of one is void; give each its container's own port`,
    });
  }
  return problems;
}

/** A rule with neither peers nor ports matches everything: every other restriction of its direction is moot. */
function allowAllRules(values: Values): Problem[] {
  const np = values.networkPolicy;
  const lists: [string, 'from' | 'to', readonly Record<string, unknown>[], string][] = [
    ['networkPolicy.additionalIngress', 'from', np.additionalIngress, 'anything reaches every port of the controller'],
    ['networkPolicy.egress.to', 'to', np.egress.enabled ? np.egress.to : [], 'the controller reaches anything, and egress.enabled restricts nothing'],
  ];
  return lists.flatMap(([path, peers, rules, consequence]) =>
    rules.flatMap((rule, i) => (isEmptyList(rule[peers]) && isEmptyList(rule.ports) ? [{ path: `${path}[${i}]`, message: `allows every peer on every port (no ${peers}, no ports): ${consequence}` }] : [])),
  );
}

function isEmptyList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

/** An address from a documentation range is an example's placeholder left in the values. */
function documentationAddresses(values: Values): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const cidr = parseCidr(value.includes('/') ? value : hostCidr(value));
      const range = typeof cidr !== 'string' ? DOCUMENTATION_RANGES.find((r) => r.canonical === cidr.canonical || isStrictSubnet(cidr, r)) : undefined;
      if (range) problems.push({ path, message: `${value} lies in ${range.canonical}, a range reserved for documentation: no real peer has that address, so this is an example's placeholder still in the values; put the real address here` });
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, childPath(path, i)));
    else if (isRecord(value)) for (const [key, item] of Object.entries(value)) walk(item, childPath(path, key));
  };
  walk(values.networkPolicy, 'networkPolicy');
  return problems;
}
