import * as z from 'zod/mini';
import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { DNS_PORT, type AllowlistPlan, type ApiserverPlan, type DefaultDenyPlan, type DnsDestination, type NativeRule } from '../plan.js';
import { nativeOrigins, noPrecedence, type Dialect, type Finding, type Origin, type Rendered } from '../dialect.js';
import { APISERVER_PORTS, apiserverFindings, reachesApiserverPorts } from '../apiserver.js';
import { nativeRuleLists } from '../native-section.js';
import { ciliumRules, NAMESPACE_KEY } from './peers.js';
import { EGRESS_PEER_FIELDS, INGRESS_PEER_FIELDS, REQUIRES_FIELDS } from './vocabulary.js';
import { CILIUM_MESSAGES, checkCiliumNetworkPolicy } from './rules.js';
import { evaluateCilium } from './traffic/evaluate-cilium.js';

const API_VERSION = 'cilium.io/v2';
const KIND = 'CiliumNetworkPolicy';

/**
 * A peer that can be selected but never exists (pkg/policy/api/entity.go, EntityNone). A rule naming it
 * selects nothing on every Cilium version, while an empty rule `{}` selects nothing in the old policy
 * engine (pkg/policy/rule.go, mergeIngress) and everything in the newer one (pkg/policy/utils/
 * parserules.go, mergeEndpointSelectors: an empty non-nil L3; pkg/policy/testutils: "Empty L3 = match
 * everything"). So a direction that must allow nothing holds one rule naming `none`.
 */
const NOTHING = { ingress: { fromEntities: ['none'] }, egress: { toEntities: ['none'] } } as const;

const DEFAULT_DENY_DESCRIPTION =
  'Namespace default-deny: allows nothing (its only rule names the entity "none", which never exists) and only puts every endpoint of the namespace into default-deny, so the allowlists of this and other policies still apply. Deliberately no ingressDeny/egressDeny: they would override every allow.';

/**
 * `cilium.io/v2 CiliumNetworkPolicy`: allows are unioned and there is no precedence field. Deny
 * rules (`ingressDeny`/`egressDeny`) beat every allow, so they are never rendered; default deny is asked
 * for explicitly (`enableDefaultDeny`, Cilium >= 1.16) for every direction a policy restricts.
 */
export const cilium = {
  engine: 'cilium',
  apiVersion: API_VERSION,
  kind: KIND,
  clusterScoped: false,
  schema: { id: 'cilium', file: 'schemas/cilium/ciliumnetworkpolicies.yaml', version: 'v2' },
  validation: { kind: KIND, namespaced: true, validator: 'cilium', checkRules: checkCiliumNetworkPolicy, messages: CILIUM_MESSAGES },
  section: { schema: z.strictObject(nativeRuleLists('CiliumNetworkPolicy')), description: 'cilium engine passthrough.' },
  evaluate: evaluateCilium,
  namesPort,
  precedence: noPrecedence,
  renderAllowlist,
  renderDefaultDeny,
  lint,
} satisfies Dialect;

function renderAllowlist(plan: AllowlistPlan): Rendered {
  const origins: Origin[] = [];
  const ingress: Record<string, unknown>[] = [];
  // A port open to every peer is toPorts alone, the L3 wildcard: the apiserver and the kubelet are no pods.
  for (const rule of plan.ingress) {
    const rules = ciliumRules('ingress', rule.from, [{ protocol: 'TCP', port: rule.port }], plan.namespace);
    if (rule.from.length > 0) origins.push(translated(`spec.ingress[${ingress.length}]`, `networkPolicy.${rule.name}.from`));
    ingress.push(...rules);
  }
  for (const rule of plan.additionalIngress) {
    origins.push(translated(`spec.ingress[${ingress.length}]`, rule.origin));
    ingress.push(...ciliumRules('ingress', rule.peers, rule.ports, plan.namespace));
  }
  origins.push(...nativeOrigins('ingress', ingress.length, plan.nativeIngress.map((n) => n.origin)));
  ingress.push(...plan.nativeIngress.map((n) => n.rule));

  const spec: Record<string, unknown> = { endpointSelector: plan.podSelector, enableDefaultDeny: { ingress: true, ...(plan.egress ? { egress: true } : {}) }, ingress };
  if (plan.egress) {
    const egress: Record<string, unknown>[] = [];
    // The DNS proxy (rules.dns) is needed only to learn the IPs of toFQDNs names; it also needs the L7 proxy.
    const needsProxy = plan.egress.fqdns.length > 0 || plan.egress.native.some((n) => usesFqdns(n.rule));
    const dns = plan.egress.dns;
    for (const destination of dns?.destinations ?? []) {
      const ports = [
        { port: String(destination.port), protocol: 'UDP' },
        { port: String(destination.port), protocol: 'TCP' },
      ];
      if (dns) origins.push(translated(`spec.egress[${egress.length}]`, dns.origin));
      egress.push({ ...dnsPeers(destination), toPorts: [{ ports, ...(needsProxy ? { rules: { dns: [{ matchPattern: '*' }] } } : {}) }] });
    }
    const apiserver = plan.egress.apiserver;
    if (apiserver) {
      origins.push(translated(`spec.egress[${egress.length}]`, apiserver.origin));
      egress.push(...apiserverRules(apiserver));
    }
    for (const rule of plan.egress.to) {
      origins.push(translated(`spec.egress[${egress.length}]`, rule.origin));
      egress.push(...ciliumRules('egress', rule.peers, rule.ports, plan.namespace));
    }
    for (const target of plan.egress.fqdns) {
      origins.push(translated(`spec.egress[${egress.length}]`, target.origin));
      egress.push({ toFQDNs: target.names.map(fqdnSelector), toPorts: [{ ports: target.ports.map((port) => ({ port: String(port), protocol: 'TCP' })) }] });
    }
    origins.push(...nativeOrigins('egress', egress.length, plan.egress.native.map((n: NativeRule) => n.origin)));
    egress.push(...plan.egress.native.map((n) => n.rule));
    spec.egress = egress.length > 0 ? egress : [NOTHING.egress];
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins, problems: [] };
}

/**
 * DNS servers as Cilium selects them: pods by their namespace (and labels); a server on the client's own
 * node as the `host` entity, since CIDR selectors never match in-cluster entities such as the host
 * (Documentation/security/policy/language.rst, "Selecting nodes with CIDR / ipBlock"); other
 * addresses (link-local metadata servers, outside the cluster) by CIDR.
 */
function dnsPeers(destination: DnsDestination): Record<string, unknown> {
  if (destination.pods) return { toEndpoints: [{ matchLabels: { [NAMESPACE_KEY]: destination.pods.namespace, ...destination.pods.labels } }] };
  if (destination.onNode) return { toEntities: ['host'] };
  return { toCIDR: destination.cidrs ?? [] };
}

/**
 * The kube-apiserver entity: "both deployments of the kube-apiserver: within the cluster and outside
 * of the cluster" (Documentation/security/policy/language.rst, Entities), matched after service
 * translation, so the Service IP needs no rule. For a control plane outside the cluster the addresses
 * are added too, where the entity depends on the agent having learnt them.
 */
function apiserverRules(apiserver: ApiserverPlan): Record<string, unknown>[] {
  const toPorts = [{ ports: apiserver.ports.map((port) => ({ port: String(port), protocol: 'TCP' })) }];
  const entity = { toEntities: ['kube-apiserver'], toPorts };
  return apiserver.external && apiserver.cidrs.length > 0 ? [entity, { toCIDR: apiserver.cidrs, toPorts }] : [entity];
}

/**
 * A derived host glob reads `*` across dots (the controller matches with Go's path.Match); Cilium's
 * matchPattern `*` stays within one label, and a leading `**.` spans any number of labels in newer
 * Cilium (pkg/fqdn/matchpattern/matchpattern.go; older versions read it as one label, which is narrower).
 */
function fqdnSelector(name: { name: string } | { pattern: string }): Record<string, string> {
  if ('name' in name) return { matchName: name.name };
  return { matchPattern: name.pattern.startsWith('*.') ? `*${name.pattern}` : name.pattern };
}

function translated(objectPath: string, valuesPath: string): Origin {
  return { objectPath, valuesPath, verbatim: false };
}

function renderDefaultDeny(plan: DefaultDenyPlan): Rendered {
  const spec: Record<string, unknown> = {
    description: DEFAULT_DENY_DESCRIPTION,
    endpointSelector: {},
    enableDefaultDeny: { ingress: true, ...(plan.egress ? { egress: true } : {}) },
    ingress: [NOTHING.ingress],
  };
  if (plan.egress) spec.egress = [NOTHING.egress];
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins: [], problems: [] };
}

/** Whether a native ingress rule's toPorts name a TCP port: the number itself, or a range up to endPort. */
function namesPort(rule: Record<string, unknown>, port: number): boolean {
  const portRules = Array.isArray(rule.toPorts) ? rule.toPorts.filter(isRecord) : [];
  return portRules.some((portRule) =>
    (Array.isArray(portRule.ports) ? portRule.ports.filter(isRecord) : []).some((entry) => {
      if (typeof entry.port !== 'string' || !/^\d+$/.test(entry.port)) return false;
      if (entry.protocol !== undefined && entry.protocol !== 'TCP' && entry.protocol !== 'ANY') return false;
      const from = Number(entry.port);
      return port === from || (typeof entry.endPort === 'number' && port > from && port <= entry.endPort);
    }),
  );
}

/** L3 selectors of an egress rule that can match the kube-apiserver, by how they match it. */
const APISERVER_ENTITIES = new Set(['kube-apiserver', 'all', 'cluster', 'host', 'remote-node', 'world']);
const CIDR_SELECTORS = ['toCIDR', 'toCIDRSet', 'toServices', 'toGroups'] as const;
const L3_SELECTORS = [...EGRESS_PEER_FIELDS, 'toRequires'] as const;

/** Keys that give a rule its peers or its ports; a rule with none of them is the ambiguous empty rule. */
const SELECTING_KEYS = new Set<string>([...INGRESS_PEER_FIELDS, ...EGRESS_PEER_FIELDS, ...REQUIRES_FIELDS, 'toPorts', 'icmps']);

function lint(allowlist: KubeObject, plan: AllowlistPlan): Finding[] {
  const findings: Finding[] = emptyRules(plan);
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  if (!Array.isArray(spec.egress)) return findings;
  const rules = spec.egress.filter(isRecord);

  const direct = new Set<number>();
  const viaCidr = new Set<number>();
  for (const rule of rules) {
    const reach = apiserverReach(rule);
    if (reach === 'none') continue;
    for (const port of tcpPortsOf(rule)) (reach === 'direct' ? direct : viaCidr).add(port);
  }
  const path = 'networkPolicy.cilium.egress';
  const entityRule = `{toEntities: [kube-apiserver], toPorts: [{ports: [{port: "6443", protocol: TCP}, {port: "443", protocol: TCP}]}]}`;
  if (direct.size === 0 && viaCidr.size > 0) {
    findings.push({
      path,
      message: `the kube-apiserver is reachable only through toCIDR/toCIDRSet-style rules, and Cilium CIDR selectors never match node IPs (where a self-managed apiserver listens) unless policy-cidr-match-mode=nodes: use ${entityRule} instead`,
    });
  } else {
    findings.push(...apiserverFindings(direct, { declare: `apiserver: {} is enough: rendered as ${entityRule}`, matches: 'Cilium matches after service translation', port: '"6443"' }));
  }

  if (rules.some(usesFqdns) && !rules.some(proxiesDns)) {
    findings.push({
      path: 'networkPolicy.egress.dns',
      message: `a ${path} rule uses toFQDNs, but no egress rule sends DNS on port ${DNS_PORT} through Cilium's DNS proxy (toPorts with rules.dns): Cilium learns the IPs of FQDNs only from proxied lookups, so the toFQDNs rules allow nothing; set networkPolicy.egress.dns: true, or add such a DNS rule to ${path}`,
    });
  }
  return findings;
}

/** A passthrough rule that selects nothing and names no port reads as "nothing" or "everything" by version. */
function emptyRules(plan: AllowlistPlan): Finding[] {
  return [...plan.nativeIngress, ...(plan.egress?.native ?? [])].flatMap(({ rule, origin }) =>
    Object.keys(rule).some((key) => SELECTING_KEYS.has(key))
      ? []
      : [
          {
            path: origin,
            message: `is an empty rule: Cilium's older policy engine reads it as allowing nothing, the newer PolicyEntry engine as allowing every peer on every port (pkg/policy/utils/parserules.go), so its meaning depends on the Cilium version; write ${origin.includes('.ingress[') ? 'fromEntities' : 'toEntities'}: [all] to allow everything, or remove it`,
          },
        ],
  );
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
/** A rule that sends DNS through the proxy: DNS rules on its ports (53, or 5353 where the server listens there). */
function proxiesDns(rule: Record<string, unknown>): boolean {
  if (!Array.isArray(rule.toPorts)) return false;
  return rule.toPorts.some((portRule) => isRecord(portRule) && isRecord(portRule.rules) && Array.isArray(portRule.rules.dns) && portRule.rules.dns.length > 0);
}
