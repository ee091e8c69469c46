import type { Values } from '../config/values-schema.js';
import { isRecord, type KubeObject } from '../krm/kube-object.js';
import { DNS_PORT, type AllowlistPlan, type DefaultDenyPlan } from '../policy/model.js';
import { noPrecedence, type Dialect, type Finding, type Origin, type Rendered } from './dialect.js';
import { APISERVER_PORTS, reachesApiserverPorts } from './apiserver-ports.js';

const API_VERSION = 'cilium.io/v2';
const KIND = 'CiliumNetworkPolicy';
/** The label Cilium gives every endpoint for its namespace; without it `toEndpoints` means "this namespace". */
const NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';

const DEFAULT_DENY_DESCRIPTION =
  'Namespace default-deny: allows nothing and only puts every endpoint of the namespace into default-deny (the empty rules select no peer), so the allowlists of this and other policies still apply. Deliberately no ingressDeny/egressDeny: they would override every allow.';

/**
 * `cilium.io/v2 CiliumNetworkPolicy`: allows are unioned and there is no precedence field. Deny
 * rules (`ingressDeny`/`egressDeny`) beat every allow, so they are never rendered.
 */
export const cilium: Dialect = {
  engine: 'cilium',
  apiVersion: API_VERSION,
  kind: KIND,
  clusterScoped: false,
  precedence: noPrecedence,
  renderAllowlist,
  renderDefaultDeny,
  lint,
};

function renderAllowlist(plan: AllowlistPlan, values: Values): Rendered {
  const passthrough = values.networkPolicy.cilium;
  const origins: Origin[] = [];
  // toPorts without any from* is an L3 wildcard: the apiserver and the kubelet are no pods, they must match too.
  const ingress: Record<string, unknown>[] = plan.ingress.map((rule) => ({ toPorts: [{ ports: [{ port: String(rule.port), protocol: 'TCP' }] }] }));
  passthrough.ingress.forEach((_rule, i) => origins.push({ objectPath: `spec.ingress[${ingress.length + i}]`, valuesPath: `networkPolicy.cilium.ingress[${i}]` }));
  ingress.push(...passthrough.ingress);

  const spec: Record<string, unknown> = { endpointSelector: plan.podSelector, ingress };
  if (plan.egress) {
    const egress: Record<string, unknown>[] = [];
    if (plan.egress.dnsNamespace) {
      // The DNS proxy (rules.dns) is needed only to learn the IPs of toFQDNs names; it also needs the L7 proxy.
      const needsProxy = passthrough.egress.some(usesFqdns);
      egress.push({
        toEndpoints: [{ matchLabels: { [NAMESPACE_LABEL]: plan.egress.dnsNamespace } }],
        toPorts: [
          {
            ports: [
              { port: String(DNS_PORT), protocol: 'UDP' },
              { port: String(DNS_PORT), protocol: 'TCP' },
            ],
            ...(needsProxy ? { rules: { dns: [{ matchPattern: '*' }] } } : {}),
          },
        ],
      });
    }
    passthrough.egress.forEach((_rule, i) => origins.push({ objectPath: `spec.egress[${egress.length + i}]`, valuesPath: `networkPolicy.cilium.egress[${i}]` }));
    egress.push(...passthrough.egress);
    // Cilium isolates a direction only when the policy has a rule for it: an empty rule allows nothing but isolates.
    spec.egress = egress.length > 0 ? egress : [{}];
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins };
}

function renderDefaultDeny(plan: DefaultDenyPlan): Rendered {
  // `ingress: []` would be "no ingress section" (no isolation); `[{}]` is one rule selecting no peer.
  const spec: Record<string, unknown> = { description: DEFAULT_DENY_DESCRIPTION, endpointSelector: {}, ingress: [{}] };
  if (plan.egress) spec.egress = [{}];
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins: [] };
}

/** L3 selectors of an egress rule that can match the kube-apiserver, by how they match it. */
const APISERVER_ENTITIES = new Set(['kube-apiserver', 'all', 'cluster', 'host', 'remote-node', 'world']);
const CIDR_SELECTORS = ['toCIDR', 'toCIDRSet', 'toServices', 'toGroups'] as const;
const L3_SELECTORS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes', 'toRequires'] as const;

function lint(allowlist: KubeObject): Finding[] {
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  if (!Array.isArray(spec.egress)) return [];
  const rules = spec.egress.filter(isRecord);
  const findings: Finding[] = [];

  const direct = new Set<number>();
  const viaCidr = new Set<number>();
  for (const rule of rules) {
    const reach = apiserverReach(rule);
    if (reach === 'none') continue;
    for (const port of tcpPortsOf(rule)) (reach === 'direct' ? direct : viaCidr).add(port);
  }
  const path = 'networkPolicy.cilium.egress';
  const entityRule = `{toEntities: [kube-apiserver], toPorts: [{ports: [{port: "6443", protocol: TCP}, {port: "443", protocol: TCP}]}]}`;
  if (direct.size === 0 && viaCidr.size === 0) {
    findings.push({ path, message: `egress is enabled but no rule allows the kube-apiserver: add ${entityRule} to ${path}, or the controller is cut off from the cluster` });
  } else if (direct.size === 0) {
    findings.push({
      path,
      message: `the kube-apiserver is reachable only through toCIDR/toCIDRSet-style rules, and Cilium CIDR selectors never match node IPs (where a self-managed apiserver listens) unless policy-cidr-match-mode=nodes: use ${entityRule} instead`,
    });
  } else if (!direct.has(6443)) {
    findings.push({
      path,
      message: `the kube-apiserver rule allows TCP 443 only: Cilium matches after service translation, and the endpoints listen on ${APISERVER_PORTS[1]} on kubeadm, k3s, kubespray and OpenShift; add port "6443" unless your provider serves the endpoints on 443`,
    });
  }

  if (rules.some(usesFqdns) && !rules.some(proxiesDns)) {
    findings.push({
      path: 'networkPolicy.egress.dns',
      message: `a ${path} rule uses toFQDNs, but no egress rule sends DNS on port ${DNS_PORT} through Cilium's DNS proxy (toPorts with rules.dns): Cilium learns the IPs of FQDNs only from proxied lookups, so the toFQDNs rules allow nothing; set networkPolicy.egress.dns: true, or add such a DNS rule to ${path}`,
    });
  }
  return findings;
}

function usesFqdns(rule: Record<string, unknown>): boolean {
  return Array.isArray(rule.toFQDNs) && rule.toFQDNs.length > 0;
}

/** How an egress rule can match the kube-apiserver: not at all, through its identity, or only by IP. */
function apiserverReach(rule: Record<string, unknown>): 'none' | 'direct' | 'cidr' {
  const selectors = L3_SELECTORS.filter((key) => rule[key] !== undefined);
  // toPorts alone is an L3 wildcard; a rule with neither selects no peer.
  if (selectors.length === 0) return Array.isArray(rule.toPorts) && rule.toPorts.length > 0 ? 'direct' : 'none';
  const entities = Array.isArray(rule.toEntities) ? rule.toEntities : [];
  if (entities.some((e) => typeof e === 'string' && APISERVER_ENTITIES.has(e))) return 'direct';
  if (Array.isArray(rule.toNodes) && rule.toNodes.length > 0) return 'direct';
  if (CIDR_SELECTORS.some((key) => Array.isArray(rule[key]) && (rule[key] as unknown[]).length > 0)) return 'cidr';
  return 'none';
}

/** The apiserver ports (TCP) a rule's toPorts open; no toPorts opens every port. */
function tcpPortsOf(rule: Record<string, unknown>): number[] {
  if (!Array.isArray(rule.toPorts) || rule.toPorts.length === 0) return [...APISERVER_PORTS];
  const open = new Set<number>();
  for (const portRule of rule.toPorts) {
    if (!isRecord(portRule)) continue;
    const ports = Array.isArray(portRule.ports) ? portRule.ports : [];
    if (ports.length === 0) {
      APISERVER_PORTS.forEach((p) => open.add(p));
      continue;
    }
    const tcp = ports.filter((p) => isRecord(p) && (p.protocol === undefined || p.protocol === 'TCP' || p.protocol === 'ANY'));
    if (tcp.length > 0) reachesApiserverPorts(tcp).forEach((p) => open.add(p));
  }
  return [...open];
}

/** A rule that sends DNS through the proxy: some toPorts entry with rules.dns that covers port 53. */
function proxiesDns(rule: Record<string, unknown>): boolean {
  if (!Array.isArray(rule.toPorts)) return false;
  return rule.toPorts.some((portRule) => {
    if (!isRecord(portRule) || !isRecord(portRule.rules) || !Array.isArray(portRule.rules.dns)) return false;
    const ports = Array.isArray(portRule.ports) ? portRule.ports : [];
    return ports.length === 0 || ports.some((p) => isRecord(p) && (p.port === String(DNS_PORT) || p.port === DNS_PORT));
  });
}
