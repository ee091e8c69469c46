import { isRecord, type KubeObject } from '../../../k8s/kube-object.js';
import { NAMESPACE_LABEL_PREFIX, prefixedLookup, SERVICE_ACCOUNT_LABEL_PREFIX } from './labels.js';
import type { CalicoPolicy, PolicyRule, RuleAction } from './policy.js';
import { calicoRuleMatch, protocolSupportsPorts } from './rule.js';
import { calicoSelectorMatches, compiledCalicoSelector } from './selector-match.js';
import type { Direction } from '../../../traffic/network-policy.js';

const ACTIONS: readonly RuleAction[] = ['Allow', 'Deny', 'Pass', 'Log'];

function rulesOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function selectorFields(rule: Record<string, unknown>): unknown[] {
  return [rule.source, rule.destination].filter(isRecord).flatMap((entity) => [entity.selector, entity.notSelector, entity.namespaceSelector, isRecord(entity.serviceAccounts) ? entity.serviceAccounts.selector : undefined]);
}

/**
 * Whether validation would reject the object, so it is never enforced: an unparsable selector
 * (`validate:"selector"`), an action outside the enum, or ports on a rule whose protocol has none
 * ("Protocol ... Required if any of the EntityRules contain Ports", policy_common.go).
 */
function rejected(spec: Record<string, unknown>): boolean {
  const selectors = [spec.selector, spec.namespaceSelector, spec.serviceAccountSelector, ...[...rulesOf(spec.ingress), ...rulesOf(spec.egress)].flatMap(selectorFields)];
  if (selectors.some((s) => s !== undefined && (typeof s !== 'string' || compiledCalicoSelector(s) === undefined))) return true;
  return [...rulesOf(spec.ingress), ...rulesOf(spec.egress)].some((rule) => {
    if (!ACTIONS.includes(rule.action as RuleAction)) return true;
    const ports = [rule.source, rule.destination].filter(isRecord).some((e) => (Array.isArray(e.ports) && e.ports.length > 0) || (Array.isArray(e.notPorts) && e.notPorts.length > 0));
    return ports && !protocolSupportsPorts(rule.protocol);
  });
}

/**
 * `types` as the API server defaults it when omitted (clientv3 defaultPolicyTypesField): Egress alone when
 * there are egress rules and no ingress rules, both when both, else Ingress (even with no rules at all).
 */
function typesOf(spec: Record<string, unknown>): Set<Direction> {
  if (Array.isArray(spec.types) && spec.types.length > 0) return new Set(spec.types.filter((t): t is Direction => t === 'Ingress' || t === 'Egress'));
  const ingress = rulesOf(spec.ingress).length > 0;
  const egress = rulesOf(spec.egress).length > 0;
  if (!egress) return new Set(['Ingress']);
  return new Set(ingress ? ['Ingress', 'Egress'] : ['Egress']);
}

export function isCalicoV3Policy(object: KubeObject): boolean {
  return object.apiVersion === 'projectcalico.org/v3' && (object.kind === 'NetworkPolicy' || object.kind === 'GlobalNetworkPolicy');
}

/**
 * A `projectcalico.org/v3` NetworkPolicy or GlobalNetworkPolicy as felix applies it to pods, or undefined
 * when it is not one, would be rejected, or never applies to pods:
 * - NetworkPolicy: pods of its namespace matching `selector` (empty = all()) and `serviceAccountSelector`
 *   (updateprocessors/networkpolicyprocessor.go: "(selector) && projectcalico.org/namespace == '<ns>'");
 * - GlobalNetworkPolicy: `selector`, `namespaceSelector` (on the namespace labels) and
 *   `serviceAccountSelector` (globalnetworkpolicyprocessor.go);
 * - doNotTrack and preDNAT policies go to the untracked and pre-DNAT tiers of host endpoints only, never to
 *   a workload's normal tiers (felix/calc/event_sequencer.go tierInfoToProtoTierInfo).
 */
export function calicoV3Policy(object: KubeObject): CalicoPolicy | undefined {
  if (!isCalicoV3Policy(object)) return undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  if (rejected(spec) || spec.doNotTrack === true || spec.preDNAT === true) return undefined;
  const global = object.kind === 'GlobalNetworkPolicy';
  const namespace = global ? undefined : (object.metadata.namespace ?? 'default');
  const selector = typeof spec.selector === 'string' && spec.selector !== '' ? spec.selector : 'all()';
  const namespaceSelector = global && typeof spec.namespaceSelector === 'string' ? spec.namespaceSelector : '';
  const serviceAccountSelector = typeof spec.serviceAccountSelector === 'string' ? spec.serviceAccountSelector : '';
  const rules = (direction: Direction): PolicyRule[] => {
    const section = direction === 'Ingress' ? 'ingress' : 'egress';
    return rulesOf(spec[section]).map((rule, i) => {
      const peer = direction === 'Ingress' ? rule.source : rule.destination;
      return {
        action: rule.action as RuleAction,
        path: `spec.${section}[${i}]`,
        peerNets: isRecord(peer) && (Array.isArray(peer.nets) || Array.isArray(peer.notNets)),
        matches: (flow, cluster) => calicoRuleMatch(rule, namespace, flow, cluster),
      };
    });
  };
  return {
    object,
    tier: typeof spec.tier === 'string' && spec.tier !== '' ? spec.tier : 'default',
    order: typeof spec.order === 'number' ? spec.order : Infinity,
    tieBreak: `${object.metadata.name}/${namespace ?? ''}/${object.kind}`,
    types: typesOf(spec),
    appliesTo: (pod, labels) =>
      (namespace === undefined || pod.namespace === namespace) &&
      calicoSelectorMatches(selector, labels) &&
      (namespaceSelector === '' || calicoSelectorMatches(namespaceSelector, prefixedLookup(labels, NAMESPACE_LABEL_PREFIX))) &&
      (serviceAccountSelector === '' || calicoSelectorMatches(serviceAccountSelector, prefixedLookup(labels, SERVICE_ACCOUNT_LABEL_PREFIX))),
    rules: { Ingress: rules('Ingress'), Egress: rules('Egress') },
  };
}
