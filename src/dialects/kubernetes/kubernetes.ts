import type { V1NetworkPolicyEgressRule, V1NetworkPolicyIngressRule, V1NetworkPolicyPeer, V1NetworkPolicySpec } from '@kubernetes/client-node';
import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import type { AllowlistPlan, DefaultDenyPlan, DnsDestination } from '../plan.js';
import type { Problem } from '../../krm/result.js';
import { noPrecedence, type Dialect, type Finding, type Origin, type Rendered } from '../dialect.js';
import { unexpressibleFqdns } from '../fqdn.js';
import { apiserverFindings, APISERVER_PORTS, CIDRS_ADVICE, needsCidrs, reachesApiserverPorts } from '../apiserver.js';
import { evaluateKubernetes } from './evaluate-kubernetes.js';
import { checkKubernetesNetworkPolicy } from './rules.js';

const API_VERSION = 'networking.k8s.io/v1';
const KIND = 'NetworkPolicy';

/**
 * `networking.k8s.io/v1 NetworkPolicy`: additive allows, so precedence never matters. The values' rules
 * are this dialect's own, so they are rendered as written.
 */
export const kubernetes = {
  engine: 'kubernetes',
  apiVersion: API_VERSION,
  kind: KIND,
  clusterScoped: false,
  schema: { id: 'kubernetes', file: 'schemas/kubernetes/networking.k8s.io_v1_networkpolicies.yaml' },
  validation: { kind: KIND, namespaced: true, validator: 'kubernetes', checkRules: checkKubernetesNetworkPolicy, messages: [] },
  evaluate: evaluateKubernetes,
  namesPort: () => false,
  precedence: noPrecedence,
  renderAllowlist,
  renderDefaultDeny,
  lint,
} satisfies Dialect;

function renderAllowlist(plan: AllowlistPlan): Rendered {
  const origins: Origin[] = [];
  // Numeric ports: a named port silently matches nothing when the workload names it differently.
  // Values are typed as the API's rules here; checkNeutralRules validated them as such.
  const ingress: V1NetworkPolicyIngressRule[] = plan.ingress.map((rule, i) => {
    if (rule.from.length > 0) origins.push({ objectPath: `spec.ingress[${i}].from`, valuesPath: `networkPolicy.${rule.name}.from`, verbatim: true });
    return { ...(rule.from.length > 0 ? { from: rule.from as V1NetworkPolicyPeer[] } : {}), ports: [{ protocol: 'TCP', port: rule.port }] };
  });
  for (const rule of plan.additionalIngress) {
    origins.push({ objectPath: `spec.ingress[${ingress.length}]`, valuesPath: rule.origin, verbatim: true });
    ingress.push(rule.written as V1NetworkPolicyIngressRule);
  }

  const spec: V1NetworkPolicySpec = {
    podSelector: plan.podSelector,
    policyTypes: plan.egress ? ['Ingress', 'Egress'] : ['Ingress'],
    ingress,
  };
  const problems: Problem[] = [];
  if (plan.egress) {
    const egress: V1NetworkPolicyEgressRule[] = [];
    const dns = plan.egress.dns;
    for (const destination of dns?.destinations ?? []) {
      if (dns) origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: dns.origin, verbatim: false });
      egress.push({ to: dnsPeers(destination), ports: [{ protocol: 'UDP', port: destination.port }, { protocol: 'TCP', port: destination.port }] });
    }
    const apiserver = plan.egress.apiserver;
    if (apiserver) {
      // NetworkPolicy has no name for the apiserver: it is reached by address only (it is not a pod).
      if (apiserver.cidrs.length === 0) problems.push(needsCidrs('the kubernetes engine (NetworkPolicy)'));
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: apiserver.origin, verbatim: false });
      egress.push({ to: apiserver.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: apiserver.ports.map((port) => ({ protocol: 'TCP', port })) });
      if (apiserver.service) {
        origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: `${apiserver.origin}.serviceIP`, verbatim: false });
        egress.push({ to: [{ ipBlock: { cidr: apiserver.service.cidr } }], ports: [{ protocol: 'TCP', port: apiserver.service.port }] });
      }
    }
    for (const rule of plan.egress.to) {
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: rule.origin, verbatim: rule.derived === undefined });
      egress.push(rule.written as V1NetworkPolicyEgressRule);
    }
    // With Egress in policyTypes and no rule, nothing leaves the pod: that is what enabling egress means.
    if (egress.length > 0) spec.egress = egress;
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins, problems };
}

function dnsPeers(destination: DnsDestination): V1NetworkPolicyPeer[] {
  if (destination.pods) {
    const { namespace, labels } = destination.pods;
    return [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } }, ...(labels ? { podSelector: { matchLabels: labels } } : {}) }];
  }
  // Host-network and link-local servers are no pods: only an address reaches them.
  return (destination.cidrs ?? []).map((cidr) => ({ ipBlock: { cidr } }));
}

function renderDefaultDeny(plan: DefaultDenyPlan): Rendered {
  return {
    object: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: { name: plan.name, namespace: plan.namespace },
      spec: { podSelector: {}, policyTypes: plan.egress ? ['Ingress', 'Egress'] : ['Ingress'] } satisfies V1NetworkPolicySpec,
    },
    origins: [],
    problems: [],
  };
}

function lint(allowlist: KubeObject, plan: AllowlistPlan): Finding[] {
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  if (!Array.isArray(spec.policyTypes) || !spec.policyTypes.includes('Egress')) return [];
  return [...unexpressibleFqdns(plan, 'NetworkPolicy'), ...apiserverLint(spec)];
}

function apiserverLint(spec: Record<string, unknown>): Finding[] {
  const rules = (Array.isArray(spec.egress) ? spec.egress : []).filter(isRecord);
  // The apiserver is never a pod: only a rule open to every destination or one with an ipBlock can reach it.
  const candidates = rules.filter((rule) => !Array.isArray(rule.to) || rule.to.length === 0 || rule.to.some((peer) => isRecord(peer) && isRecord(peer.ipBlock)));
  // A port entry's protocol defaults to TCP; a UDP or SCTP entry does not reach the apiserver, and a
  // rule whose every entry is such is no apiserver rule at all (an empty list opens every port).
  const ports = candidates.flatMap((rule) => {
    const entries = Array.isArray(rule.ports) ? rule.ports : [];
    const tcp = entries.filter((entry) => !isRecord(entry) || entry.protocol === undefined || entry.protocol === 'TCP');
    return entries.length > 0 && tcp.length === 0 ? [] : [reachesApiserverPorts(tcp)];
  });
  return apiserverFindings(new Set(ports.flat()), {
    declare: `with ${CIDRS_ADVICE}; rendered as an ipBlock rule on TCP ${APISERVER_PORTS.join(' and ')}`,
    matches: 'NetworkPolicy matches after DNAT',
    port: '6443',
  });
}
