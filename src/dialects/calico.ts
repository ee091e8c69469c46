import type { ConfigProblem } from '../config/format-issue.js';
import type { Values } from '../config/values-schema.js';
import { isRecord, type KubeObject } from '../krm/kube-object.js';
import { DNS_PORT, type AllowlistPlan, type DefaultDenyPlan } from '../policy/model.js';
import type { Dialect, Finding, Origin, Precedence, Rendered } from './dialect.js';
import { APISERVER_PORTS, reachesApiserverPorts } from './apiserver-ports.js';
import { calicoSelector } from './calico-selector.js';

const API_VERSION = 'projectcalico.org/v3';
const KIND = 'NetworkPolicy';
const TIER = 'default';
/** Below Kubernetes NetworkPolicies (order 1000 in the default tier) and below any sane deny order. */
const ALLOW_ORDER = 100;

/**
 * `projectcalico.org/v3 NetworkPolicy` (never the `crd.projectcalico.org/v1` backing store). Policies of
 * a tier run by ascending `order`; the deny-all has no rules, so unmatched traffic falls to the tier's
 * end-of-tier deny after every policy of the tier, developer NetworkPolicies included.
 */
export const calico: Dialect = {
  engine: 'calico',
  apiVersion: API_VERSION,
  kind: KIND,
  clusterScoped: false,
  precedence,
  renderAllowlist,
  renderDefaultDeny,
  lint,
};

function precedence(values: Values): { precedence: Precedence; problems: ConfigProblem[]; notes: string[] } {
  const { enabled, order } = values.networkPolicy.defaultDeny;
  const problems: ConfigProblem[] = [];
  if (enabled && order <= ALLOW_ORDER) {
    problems.push({
      path: 'networkPolicy.defaultDeny.order',
      message: `must be greater than the allowlist order ${ALLOW_ORDER} (Calico evaluates lower orders first, so a deny-all at order ${order} would be evaluated before the allowlist); set it above ${ALLOW_ORDER}, e.g. the default 2000`,
      currentValue: order,
    });
  }
  return { precedence: { allow: ALLOW_ORDER, deny: order }, problems, notes: [] };
}

function typesOf(egress: boolean): string[] {
  return egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function renderAllowlist(plan: AllowlistPlan, values: Values, precedence: Precedence): Rendered {
  const passthrough = values.networkPolicy.calico;
  const origins: Origin[] = [];
  const ingress: Record<string, unknown>[] = plan.ingress.map((rule) => ({ action: 'Allow', protocol: 'TCP', destination: { ports: [rule.port] } }));
  passthrough.ingress.forEach((_rule, i) => origins.push({ objectPath: `spec.ingress[${ingress.length + i}]`, valuesPath: `networkPolicy.calico.ingress[${i}]` }));
  ingress.push(...passthrough.ingress);

  const spec: Record<string, unknown> = {
    tier: TIER,
    order: precedence.allow ?? ALLOW_ORDER,
    selector: calicoSelector(plan.podSelector),
    types: typesOf(plan.egress !== undefined),
    ingress,
  };
  if (plan.egress) {
    const egress: Record<string, unknown>[] = [];
    const dnsNamespace = plan.egress.dnsNamespace;
    if (dnsNamespace) {
      // Port 53 of the DNS namespace only; an unscoped rule would open 53 to any destination.
      for (const protocol of ['UDP', 'TCP']) {
        egress.push({ action: 'Allow', protocol, destination: { namespaceSelector: `kubernetes.io/metadata.name == '${dnsNamespace}'`, ports: [DNS_PORT] } });
      }
    }
    passthrough.egress.forEach((_rule, i) => origins.push({ objectPath: `spec.egress[${egress.length + i}]`, valuesPath: `networkPolicy.calico.egress[${i}]` }));
    egress.push(...passthrough.egress);
    // With Egress in types and no rule, the pods are egress-isolated: that is what enabling egress means.
    if (egress.length > 0) spec.egress = egress;
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins };
}

function renderDefaultDeny(plan: DefaultDenyPlan, values: Values, precedence: Precedence): Rendered {
  // No rules: the policy only selects every pod, so what nothing allowed meets the end-of-tier deny.
  // types must be explicit: omitted, Calico assumes [Ingress] for a rule-less policy.
  const spec = { tier: TIER, order: precedence.deny ?? values.networkPolicy.defaultDeny.order, selector: 'all()', types: typesOf(plan.egress) };
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins: [] };
}

/** Destination fields that narrow a rule to pods or named things (which the apiserver endpoints are not). */
const POD_SELECTORS = ['selector', 'namespaceSelector', 'serviceAccounts'] as const;

function lint(allowlist: KubeObject): Finding[] {
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  if (!Array.isArray(spec.types) || !spec.types.includes('Egress')) return [];
  const rules = (Array.isArray(spec.egress) ? spec.egress : []).filter(isRecord);
  const reached = new Set(rules.flatMap(apiserverPortsOf));
  const path = 'networkPolicy.calico.egress';
  if (reached.size === 0) {
    return [
      {
        path,
        message: `egress is enabled but no rule allows the kube-apiserver: add {action: Allow, protocol: TCP, destination: {nets: [<endpoint IPs>/32], ports: [6443, 443]}} (kubectl get endpointslice kubernetes -n default) or {action: Allow, protocol: TCP, destination: {services: {name: kubernetes, namespace: default}}} to ${path}, or the controller is cut off from the cluster`,
      },
    ];
  }
  if (!reached.has(6443)) {
    return [
      {
        path,
        message: `the kube-apiserver rule allows TCP 443 only: Calico matches after DNAT, and the endpoints listen on ${APISERVER_PORTS[1]} on kubeadm, k3s, kubespray and OpenShift; add port 6443 unless your provider serves the endpoints on 443`,
      },
    ];
  }
  return [];
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
