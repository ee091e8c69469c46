import type { V1NetworkPolicyEgressRule, V1NetworkPolicyIngressRule, V1NetworkPolicyPeer, V1NetworkPolicySpec } from '@kubernetes/client-node';
import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { DNS_PORT, type AllowlistPlan, type DefaultDenyPlan } from '../plan.js';
import { noPrecedence, type Dialect, type Finding, type Origin, type Rendered } from '../dialect.js';
import { apiserverFindings, APISERVER_PORTS, reachesApiserverPorts } from '../apiserver.js';
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
  if (plan.egress) {
    const egress: V1NetworkPolicyEgressRule[] = [];
    if (plan.egress.dnsNamespace) {
      egress.push({
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': plan.egress.dnsNamespace } } }],
        ports: [
          { protocol: 'UDP', port: DNS_PORT },
          { protocol: 'TCP', port: DNS_PORT },
        ],
      });
    }
    for (const rule of plan.egress.to) {
      origins.push({ objectPath: `spec.egress[${egress.length}]`, valuesPath: rule.origin, verbatim: true });
      egress.push(rule.written as V1NetworkPolicyEgressRule);
    }
    // With Egress in policyTypes and no rule, nothing leaves the pod: that is what enabling egress means.
    if (egress.length > 0) spec.egress = egress;
  }
  return { object: { apiVersion: API_VERSION, kind: KIND, metadata: { name: plan.name, namespace: plan.namespace }, spec }, origins, problems: [] };
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

function lint(allowlist: KubeObject): Finding[] {
  const spec = isRecord(allowlist.spec) ? allowlist.spec : {};
  if (!Array.isArray(spec.policyTypes) || !spec.policyTypes.includes('Egress')) return [];
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
    path: 'networkPolicy.egress.to',
    add: `an ipBlock rule for its endpoint addresses on TCP ${APISERVER_PORTS.join('/')} (kubectl get endpointslice kubernetes -n default)`,
    matches: 'NetworkPolicy matches after DNAT',
    port: '6443',
  });
}
