import type { Problem } from '../../krm/result.js';
import * as z from 'zod/mini';
import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import type { AllowlistPlan, DefaultDenyPlan, DnsDestination, NeutralPort } from '../plan.js';
import { nativeOrigins, type Dialect, type Finding, type Origin, type Precedence, type PrecedenceInput, type Rendered } from '../dialect.js';
import { described, nativeRuleLists } from '../native-section.js';
import { CLUSTER_NETWORK_POLICY_MESSAGES, checkClusterNetworkPolicy } from './rules.js';
import { evaluateClusterNetworkPolicy } from './traffic/evaluate-cluster-network-policy.js';
import { cnpAccept, EVERY_NETWORK, MAX_ITEMS, problemAt } from './peers.js';
import { APISERVER_PORTS, apiserverFindings, CIDRS_ADVICE, needsCidrs, reachesApiserverPorts } from '../apiserver.js';

const API_VERSION = 'policy.networking.k8s.io/v1alpha2';
const KIND = 'ClusterNetworkPolicy';
/** Below developer NetworkPolicies, which decide first for every pod they select. */
const TIER = 'Baseline';
const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/** The CRD's priority range (int32, lower = checked first). */
const MIN_PRIORITY = 0;
const MAX_PRIORITY = 1000;
/** The chart's defaults, which cannot work as they are and so are mapped (with a note). */
const CHART_DENY_ORDER = 2000;
const CHART_ALLOW_PRIORITY = 1000;
const MAPPED_ALLOW_PRIORITY = 900;

/**
 * SIG-Network `policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy`: cluster-scoped (the namespace is
 * part of the name), no implicit isolation, so the deny-all is explicit `Deny` rules at a priority
 * checked after the allowlist's `Accept`s.
 */
export const clusterNetworkPolicy = {
  engine: 'clusterNetworkPolicy',
  apiVersion: API_VERSION,
  kind: KIND,
  clusterScoped: true,
  schema: { id: 'cluster-network-policy', file: 'schemas/network-policy-api/experimental/policy.networking.k8s.io_clusternetworkpolicies.yaml', version: 'v1alpha2' },
  validation: { kind: KIND, namespaced: false, validator: 'cluster-network-policy', checkRules: checkClusterNetworkPolicy, messages: CLUSTER_NETWORK_POLICY_MESSAGES },
  section: {
    schema: z.strictObject({
      priority: described(
        z._default(z.int(), CHART_ALLOW_PRIORITY),
        'Priority of the allowlist (0..1000, lower wins); must be lower than the deny-all. With default-deny on, the chart default 1000 means 900.',
      ),
      ...nativeRuleLists('ClusterNetworkPolicy v1alpha2'),
    }),
    description: 'clusterNetworkPolicy engine passthrough and priority.',
  },
  evaluate: evaluateClusterNetworkPolicy,
  namesPort,
  precedence,
  renderAllowlist,
  renderDefaultDeny,
  lint,
} satisfies Dialect;

function inRange(priority: number): boolean {
  return Number.isInteger(priority) && priority >= MIN_PRIORITY && priority <= MAX_PRIORITY;
}

function precedence({ defaultDeny, section }: PrecedenceInput): { precedence: Precedence; problems: Problem[]; notes: string[] } {
  const { enabled: denyOn, order } = defaultDeny;
  const priority = typeof section?.priority === 'number' ? section.priority : CHART_ALLOW_PRIORITY;
  const deny = order === CHART_DENY_ORDER ? MAX_PRIORITY : order;
  const allow = denyOn && priority === CHART_ALLOW_PRIORITY ? MAPPED_ALLOW_PRIORITY : priority;
  const problems: Problem[] = [];
  const notes: string[] = [];
  const range = `${MIN_PRIORITY}..${MAX_PRIORITY}`;

  if (denyOn && deny !== order) {
    notes.push(`networkPolicy.defaultDeny.order is the chart default ${CHART_DENY_ORDER}, outside the ClusterNetworkPolicy priority range ${range} (the API server would reject it): the deny-all uses priority ${deny}`);
  }
  if (allow !== priority) {
    notes.push(`networkPolicy.clusterNetworkPolicy.priority is the chart default ${CHART_ALLOW_PRIORITY}, which would tie with the deny-all: the allowlist uses priority ${allow}`);
  }
  if (!inRange(priority)) {
    problems.push({
      path: 'networkPolicy.clusterNetworkPolicy.priority',
      message: `${priority} is outside the ClusterNetworkPolicy priority range ${range} (the API server rejects it): set an integer in ${range}${denyOn ? ', lower than the deny-all priority' : ''}, e.g. ${MAPPED_ALLOW_PRIORITY}`,
      currentValue: priority,
    });
  }
  if (denyOn && !inRange(deny)) {
    problems.push({
      path: 'networkPolicy.defaultDeny.order',
      message: `${order} is outside the ClusterNetworkPolicy priority range ${range} (the API server rejects it): set an integer in ${range}, higher than the allowlist priority, e.g. ${MAX_PRIORITY}`,
      currentValue: order,
    });
  }
  if (denyOn && inRange(priority) && inRange(deny) && allow >= deny) {
    const why = `lower priorities are checked first and equal ones in undefined order, so the deny-all at ${deny} must come after the allowlist at ${allow}`;
    if (priority !== CHART_ALLOW_PRIORITY && deny > MIN_PRIORITY) {
      problems.push({
        path: 'networkPolicy.clusterNetworkPolicy.priority',
        message: `${priority} must be lower than the deny-all priority ${deny} (networkPolicy.defaultDeny.order): ${why}; set it to ${MIN_PRIORITY}..${deny - 1}`,
        currentValue: priority,
      });
    } else {
      problems.push({
        path: 'networkPolicy.defaultDeny.order',
        message: `${order} must be greater than the allowlist priority ${allow} (networkPolicy.clusterNetworkPolicy.priority): ${why}; set it to ${allow + 1}..${MAX_PRIORITY}`,
        currentValue: order,
      });
    }
  }
  return { precedence: denyOn ? { allow, deny } : { allow }, problems, notes };
}

function tcp(port: number): Record<string, unknown> {
  return { tcp: { destinationPort: { number: port } } };
}

/**
 * The allowlist's own isolation. A CNP has no implicit isolation ("ClusterNetworkPolicy rules should be
 * read as-is", site-src/api-overview.md): Accept rules alone change nothing for other traffic, so the
 * allowlist ends in Deny rules of its own, in the same tier, after its Accepts. Ingress peers match pods
 * only, so the kubelet and the kube-apiserver are neither accepted nor denied by them.
 */
const DENY_REST = 'deny-everything-else';
const DENY_INGRESS = { name: DENY_REST, action: 'Deny', from: [{ namespaces: {} }] };
const DENY_EGRESS = { name: DENY_REST, action: 'Deny', to: [{ namespaces: {} }, { networks: EVERY_NETWORK }] };

function renderAllowlist(plan: AllowlistPlan, precedence: Precedence): Rendered {
  const origins: Origin[] = [];
  const problems: Problem[] = [];
  const accept = (name: string, direction: 'ingress' | 'egress', peers: AllowlistPlan['ingress'][number]['from'], ports: NeutralPort[], origin: string | undefined, into: Record<string, unknown>[]) => {
    const rule = cnpAccept(name, direction, peers, ports, plan.namespace);
    if (origin) {
      problems.push(...problemAt(origin, rule));
      origins.push({ objectPath: `spec.${direction}[${into.length}]`, valuesPath: origin, verbatim: false });
    }
    if (rule.value) into.push(rule.value);
  };

  const ingress: Record<string, unknown>[] = [];
  for (const rule of plan.ingress) accept(rule.name, 'ingress', rule.from, [{ protocol: 'TCP', port: rule.port }], rule.from.length > 0 ? `networkPolicy.${rule.name}.from` : undefined, ingress);
  plan.additionalIngress.forEach((rule, i) => accept(`additional-ingress-${i}`, 'ingress', rule.peers, rule.ports, rule.origin, ingress));
  origins.push(...nativeOrigins('ingress', ingress.length, plan.nativeIngress.map((n) => n.origin)));
  ingress.push(...plan.nativeIngress.map((n) => n.rule), DENY_INGRESS);
  problems.push(...ruleLimit('ingress', ingress.length));

  const spec: Record<string, unknown> = {
    tier: TIER,
    priority: precedence.allow,
    subject: { pods: { namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: plan.namespace } }, podSelector: plan.podSelector } },
    ingress,
  };
  if (plan.egress) {
    const egress: Record<string, unknown>[] = [];
    const dns = plan.egress.dns;
    const destinations = dns?.destinations ?? [];
    destinations.forEach((destination, i) => {
      if (dns) origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: dns.origin, verbatim: false });
      egress.push({
        name: destinations.length > 1 ? `dns-${i}` : 'dns',
        action: 'Accept',
        to: dnsPeers(destination),
        protocols: [{ udp: { destinationPort: { number: destination.port } } }, tcp(destination.port)],
      });
    });
    const apiserver = plan.egress.apiserver;
    if (apiserver) {
      // Only `networks` (or the experimental `nodes`) reach the apiserver: it is no pod.
      if (apiserver.cidrs.length === 0) problems.push(needsCidrs('the clusterNetworkPolicy engine'));
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: apiserver.origin, verbatim: false });
      egress.push({ name: 'apiserver', action: 'Accept', to: [{ networks: apiserver.cidrs }], protocols: apiserver.ports.map(tcp) });
      if (apiserver.service) egress.push({ name: 'apiserver-service', action: 'Accept', to: [{ networks: [apiserver.service.cidr] }], protocols: [tcp(apiserver.service.port)] });
    }
    plan.egress.to.forEach((rule, i) => accept(rule.derived === undefined ? `egress-to-${i}` : `derived-${i}`, 'egress', rule.peers, rule.ports, rule.origin, egress));
    plan.egress.fqdns.forEach((target, i) => {
      const names = target.names.filter(expressible);
      if (names.length === 0) return;
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: target.origin, verbatim: false });
      egress.push({ name: `domain-names-${i}`, action: 'Accept', to: [{ domainNames: names.map(domainName) }], protocols: target.ports.map(tcp) });
    });
    origins.push(...nativeOrigins('egress', egress.length, plan.egress.native.map((n) => n.origin)));
    egress.push(...plan.egress.native.map((n) => n.rule), DENY_EGRESS);
    problems.push(...ruleLimit('egress', egress.length));
    spec.egress = egress;
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: `${plan.name}-${plan.namespace}` }, spec }, origins, problems };
}

function dnsPeers(destination: DnsDestination): Record<string, unknown>[] {
  if (!destination.pods) return [{ networks: destination.cidrs ?? [] }];
  const namespaceSelector = { matchLabels: { [NAMESPACE_LABEL]: destination.pods.namespace } };
  return destination.pods.labels ? [{ pods: { namespaceSelector, podSelector: { matchLabels: destination.pods.labels } } }] : [{ namespaces: namespaceSelector }];
}

/**
 * A name as the experimental `domainNames` peer takes it: an exact name, or `*.` before a name for one
 * more label (apis/v1alpha2 clusternetworkpolicy_types.go, DomainName); see unusableDomainNames.
 */
function domainName(name: { name: string } | { pattern: string }): string {
  return 'name' in name ? name.name : name.pattern;
}

/** What `domainNames` can hold: a name, or `*.` and a name (no other wildcard). */
function expressible(name: { name: string } | { pattern: string }): boolean {
  return 'name' in name || /^\*\.[^*]+$/.test(name.pattern);
}

/** At most 25 rules per direction (types.go, MaxItems=25), the closing Deny included. */
function ruleLimit(direction: 'ingress' | 'egress', count: number): Problem[] {
  if (count <= MAX_ITEMS) return [];
  return [
    {
      path: `networkPolicy.clusterNetworkPolicy.${direction}`,
      message: `the allowlist would hold ${count} ${direction} rules (the generated ones, ${direction === 'ingress' ? 'additionalIngress' : 'egress.to'}, networkPolicy.clusterNetworkPolicy.${direction} and the closing Deny), over ClusterNetworkPolicy's limit of ${MAX_ITEMS} per direction: merge rules (a rule takes up to ${MAX_ITEMS} peers and ${MAX_ITEMS} ports)`,
    },
  ];
}

function renderDefaultDeny(plan: DefaultDenyPlan, precedence: Precedence): Rendered {
  const spec: Record<string, unknown> = {
    tier: TIER,
    priority: precedence.deny,
    subject: { namespaces: { matchLabels: { [NAMESPACE_LABEL]: plan.namespace } } },
    ingress: [{ name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }],
  };
  // `namespaces: {}` matches pods only: the networks peer also denies nodes, the apiserver and the internet.
  if (plan.egress) spec.egress = [{ name: 'deny-all', action: 'Deny', to: [{ namespaces: {} }, { networks: EVERY_NETWORK }] }];
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: `${plan.name}-${plan.namespace}` }, spec }, origins: [], problems: [] };
}

/** Whether a native ingress rule accepts a TCP port by name: the number, or a range holding it. */
function namesPort(rule: Record<string, unknown>, port: number): boolean {
  if (rule.action !== 'Accept' || !Array.isArray(rule.protocols)) return false;
  return rule.protocols.some((protocol) => {
    const destination = isRecord(protocol) && isRecord(protocol.tcp) && isRecord(protocol.tcp.destinationPort) ? protocol.tcp.destinationPort : undefined;
    if (!destination) return false;
    if (destination.number === port) return true;
    const range = isRecord(destination.range) ? destination.range : undefined;
    return range !== undefined && typeof range.start === 'number' && typeof range.end === 'number' && port >= range.start && port <= range.end;
  });
}

function lint(allowlist: KubeObject, plan: AllowlistPlan): Finding[] {
  // The allowlist ends in its own egress Deny, so once egress is on, the apiserver needs an Accept.
  if (!plan.egress) return [];
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  const rules = (Array.isArray(spec.egress) ? spec.egress : []).filter(isRecord);
  return [
    ...experimentalPeers(rules),
    ...unusableDomainNames(plan),
    ...apiserverFindings(new Set(rules.flatMap(apiserverPortsOf)), {
      declare: `with ${CIDRS_ADVICE}; rendered as an Accept rule to those networks on TCP 443 and 6443, before the allowlist's own Deny rules`,
      matches: 'ClusterNetworkPolicy implementations match after DNAT',
      port: '6443',
    }),
  ];
}

/**
 * The egress peers `nodes` and `domainNames` exist in the experimental channel's CRD only
 * (config/crd/experimental in kubernetes-sigs/network-policy-api); the standard CRD's API server
 * prunes or rejects them. Validation reads the experimental schema, so this says what that needs.
 */
function experimentalPeers(rules: readonly Record<string, unknown>[]): Finding[] {
  const used = new Set<string>();
  for (const rule of rules) for (const peer of Array.isArray(rule.to) ? rule.to.filter(isRecord) : []) for (const key of ['nodes', 'domainNames']) if (peer[key] !== undefined) used.add(key);
  if (used.size === 0) return [];
  return [
    {
      path: 'networkPolicy.clusterNetworkPolicy.egress',
      message: `the allowlist uses the egress peer${used.size > 1 ? 's' : ''} ${[...used].join(' and ')}, which only the experimental channel's ClusterNetworkPolicy CRD has: install that channel (kubernetes-sigs/network-policy-api config/crd/experimental), and an implementation that enforces ${used.size > 1 ? 'them' : 'it'}`,
    },
  ];
}

/**
 * `domainNames` takes an exact name or `*.` before a name, for exactly one more label (types.go,
 * DomainName); a derived host glob reads `*` across dots (Go's path.Match), so a pattern matches fewer
 * names here than the controller allows: said once per pattern.
 */
function unusableDomainNames(plan: AllowlistPlan): Finding[] {
  return (plan.egress?.fqdns ?? []).flatMap((target) =>
    target.names.flatMap((n) =>
      !('pattern' in n)
        ? []
        : expressible(n)
          ? [
              {
                path: target.origin,
                message: `${n.pattern} is rendered as domainNames ${domainName(n)}, which matches names one label deeper only; the controller allows any depth: add deeper names to networkPolicy.clusterNetworkPolicy.egress`,
              },
            ]
          : [{ path: target.origin, message: `${n.pattern} is not rendered: ClusterNetworkPolicy domainNames take a name or "*." and a name only, so the controller cannot reach these hosts until they are listed by name` }],
    ),
  );
}

/** The apiserver ports an egress rule lets through: an Accept/Pass to a `networks` (or `nodes`) peer, over TCP. */
function apiserverPortsOf(rule: Record<string, unknown>): number[] {
  if (rule.action !== 'Accept' && rule.action !== 'Pass') return [];
  const peers = Array.isArray(rule.to) ? rule.to.filter(isRecord) : [];
  if (!peers.some((peer) => peer.networks !== undefined || peer.nodes !== undefined)) return [];
  if (!Array.isArray(rule.protocols) || rule.protocols.length === 0) return [...APISERVER_PORTS];
  const ports: unknown[] = [];
  for (const protocol of rule.protocols) {
    if (!isRecord(protocol) || !isRecord(protocol.tcp)) continue;
    const destination = isRecord(protocol.tcp.destinationPort) ? protocol.tcp.destinationPort : undefined;
    if (!destination) ports.push({});
    else if (typeof destination.number === 'number') ports.push(destination.number);
    else if (isRecord(destination.range)) ports.push({ port: destination.range.start, endPort: destination.range.end });
  }
  return ports.length > 0 ? reachesApiserverPorts(ports) : [];
}
