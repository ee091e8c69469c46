import * as z from 'zod/mini';
import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import type { AllowlistPlan, ApiserverPlan, DefaultDenyPlan, DnsDestination } from '../plan.js';
import { unexpressibleFqdns } from '../fqdn.js';
import { nativeOrigins, type Dialect, type Finding, type Origin, type Precedence, type PrecedenceInput, type Rendered } from '../dialect.js';
import { nativeRuleLists } from '../native-section.js';
import { apiserverFindings, reachesApiserverPorts } from '../apiserver.js';
import { calicoRules } from './peers.js';
import { CALICO_MESSAGES, checkCalicoNetworkPolicy } from './rules.js';
import { evaluateCalico } from './traffic/evaluate-calico.js';
import { calicoSelector } from './selector.js';

const API_VERSION = 'projectcalico.org/v3';
const KIND = 'NetworkPolicy';
const TIER = 'default';
/** Before Kubernetes NetworkPolicies (order 1000 in the default tier): hygiene, since allows never conflict. */
const ALLOW_ORDER = 100;

/**
 * `projectcalico.org/v3 NetworkPolicy` (never the `crd.projectcalico.org/v1` backing store). Policies of
 * a tier run by ascending `order`; the deny-all has no rules, so it takes no action and unmatched
 * traffic falls to the tier's end-of-tier deny after every policy of the tier, developer NetworkPolicies
 * included, whatever the orders (tigera/docs calico/reference/resources/tier.mdx: "If the Tier applies to
 * the endpoint, but takes no action on the packet the packet is dropped").
 */
export const calico = {
  engine: 'calico',
  apiVersion: API_VERSION,
  kind: KIND,
  clusterScoped: false,
  schema: { id: 'calico', file: 'schemas/calico/projectcalico.org_networkpolicies.yaml', version: 'v3' },
  validation: { kind: KIND, namespaced: true, validator: 'calico', checkRules: checkCalicoNetworkPolicy, messages: CALICO_MESSAGES },
  section: { schema: z.strictObject(nativeRuleLists('Calico v3 NetworkPolicy')), description: 'calico engine passthrough.' },
  evaluate: evaluateCalico,
  namesPort,
  precedence,
  renderAllowlist,
  renderDefaultDeny,
  lint,
} satisfies Dialect;

/** Any deny order works: a rule-less policy takes no action, so where it sits in the tier changes nothing. */
function precedence({ defaultDeny }: PrecedenceInput): { precedence: Precedence; problems: []; notes: string[] } {
  return { precedence: { allow: ALLOW_ORDER, deny: defaultDeny.order }, problems: [], notes: [] };
}

function typesOf(egress: boolean): string[] {
  return egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function renderAllowlist(plan: AllowlistPlan, precedence: Precedence): Rendered {
  const origins: Origin[] = [];
  const ingress: Record<string, unknown>[] = [];
  for (const rule of plan.ingress) {
    if (rule.from.length > 0) origins.push({ objectPath: `spec.ingress[${ingress.length}]`, valuesPath: `networkPolicy.${rule.name}.from`, verbatim: false });
    ingress.push(...calicoRules('ingress', rule.from, [{ protocol: 'TCP', port: rule.port }]));
  }
  for (const rule of plan.additionalIngress) {
    origins.push({ objectPath: `spec.ingress[${ingress.length}]`, valuesPath: rule.origin, verbatim: false });
    ingress.push(...calicoRules('ingress', rule.peers, rule.ports));
  }
  origins.push(...nativeOrigins('ingress', ingress.length, plan.nativeIngress.map((n) => n.origin)));
  ingress.push(...plan.nativeIngress.map((n) => n.rule));

  const spec: Record<string, unknown> = {
    tier: TIER,
    order: precedence.allow ?? ALLOW_ORDER,
    selector: calicoSelector(plan.podSelector),
    types: typesOf(plan.egress !== undefined),
    ingress,
  };
  if (plan.egress) {
    const egress: Record<string, unknown>[] = [];
    // The DNS servers only (scoped by namespace or address); an unscoped rule would open the port anywhere.
    const dns = plan.egress.dns;
    for (const destination of dns?.destinations ?? []) {
      for (const protocol of ['UDP', 'TCP']) {
        if (dns) origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: dns.origin, verbatim: false });
        egress.push({ action: 'Allow', protocol, destination: { ...dnsDestination(destination), ports: [destination.port] } });
      }
    }
    const apiserver = plan.egress.apiserver;
    if (apiserver) {
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: apiserver.origin, verbatim: false });
      egress.push(...apiserverRules(apiserver));
    }
    for (const rule of plan.egress.to) {
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: rule.origin, verbatim: false });
      egress.push(...calicoRules('egress', rule.peers, rule.ports));
    }
    origins.push(...nativeOrigins('egress', egress.length, plan.egress.native.map((n) => n.origin)));
    egress.push(...plan.egress.native.map((n) => n.rule));
    // With Egress in types and no rule, the pods are egress-isolated: that is what enabling egress means.
    if (egress.length > 0) spec.egress = egress;
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins, problems: [] };
}

function dnsDestination(destination: DnsDestination): Record<string, unknown> {
  if (!destination.pods) return { nets: destination.cidrs ?? [] };
  const { namespace, labels } = destination.pods;
  return { namespaceSelector: `kubernetes.io/metadata.name == '${namespace}'`, ...(labels ? { selector: calicoSelector({ matchLabels: labels }) } : {}) };
}

/**
 * Without addresses, the default/kubernetes Service: Calico allows its endpoints on their own ports
 * (tigera/docs calico/network-policy/policy-rules/service-policy.mdx, "Allow access to the Kubernetes
 * API"; a `services` match takes no ports). With addresses, those nets on the declared ports.
 */
function apiserverRules(apiserver: ApiserverPlan): Record<string, unknown>[] {
  const endpoints =
    apiserver.cidrs.length === 0
      ? { action: 'Allow', protocol: 'TCP', destination: { services: { name: 'kubernetes', namespace: 'default' } } }
      : { action: 'Allow', protocol: 'TCP', destination: { nets: apiserver.cidrs, ports: apiserver.ports } };
  const service = apiserver.service && { action: 'Allow', protocol: 'TCP', destination: { nets: [apiserver.service.cidr], ports: [apiserver.service.port] } };
  return service ? [endpoints, service] : [endpoints];
}

function renderDefaultDeny(plan: DefaultDenyPlan, precedence: Precedence): Rendered {
  // No rules: the policy only selects every pod, so what nothing allowed meets the end-of-tier deny.
  // types must be explicit: omitted, Calico assumes [Ingress] for a rule-less policy.
  const spec = { tier: TIER, order: precedence.deny, selector: 'all()', types: typesOf(plan.egress) };
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins: [], problems: [] };
}

/**
 * Whether a native ingress rule allows a TCP port by name: the number, or a `"min:max"` range. Only an
 * Allow takes a port over: a Deny or Pass tightens nothing the generated rule would open.
 */
function namesPort(rule: Record<string, unknown>, port: number): boolean {
  if (rule.action !== 'Allow' || (rule.protocol !== 'TCP' && rule.protocol !== 6)) return false;
  const ports = isRecord(rule.destination) && Array.isArray(rule.destination.ports) ? rule.destination.ports : [];
  return ports.some((entry) => {
    if (entry === port) return true;
    const range = typeof entry === 'string' ? /^(\d+):(\d+)$/.exec(entry) : null;
    return range !== null && port >= Number(range[1]) && port <= Number(range[2]);
  });
}

/** Destination fields that narrow a rule to pods or named things (which the apiserver endpoints are not). */
const POD_SELECTORS = ['selector', 'namespaceSelector', 'serviceAccounts'] as const;

function lint(allowlist: KubeObject, plan: AllowlistPlan): Finding[] {
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  if (!Array.isArray(spec.types) || !spec.types.includes('Egress')) return [];
  const rules = (Array.isArray(spec.egress) ? spec.egress : []).filter(isRecord);
  // Calico Open Source has no domain-name rules (Calico Enterprise's `domains` are not in this API).
  return [...unexpressibleFqdns(plan, 'Calico Open Source'), ...apiserverFindings(new Set(rules.flatMap(apiserverPortsOf)), {
    declare: 'apiserver: {} is enough: rendered as a rule to the default/kubernetes Service, whose endpoints and ports Calico looks up; with cidrs, as a rule to those nets on TCP 443 and 6443',
    matches: 'Calico matches after DNAT',
    port: '6443',
  })];
}

/** The apiserver ports an egress rule allows: an Allow over TCP to `nets`, the kubernetes Service, or any destination. */
function apiserverPortsOf(rule: Record<string, unknown>): number[] {
  if (rule.action !== 'Allow') return [];
  if (rule.protocol !== undefined && String(rule.protocol).toUpperCase() !== 'TCP' && rule.protocol !== 6) return [];
  const destination = isRecord(rule.destination) ? rule.destination : {};
  const toService = isRecord(destination.services) && destination.services.name === 'kubernetes' && destination.services.namespace === 'default';
  const toNets = Array.isArray(destination.nets) && destination.nets.length > 0;
  const anywhere = destination.services === undefined && POD_SELECTORS.every((key) => destination[key] === undefined);
  if (!toService && !toNets && !anywhere) return [];
  return reachesApiserverPorts(Array.isArray(destination.ports) ? destination.ports : []);
}
