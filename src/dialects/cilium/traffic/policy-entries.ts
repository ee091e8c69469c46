import { isRecord, refOf, type KubeObject } from '../../../k8s/kube-object.js';
import type { CiliumEntry } from './entry.js';
import { allOf } from './match.js';
import { ruleL4Matches } from './ports.js';
import { ruleL3Matches } from './rule-l3.js';
import { scopedPeerSelector, subjectRequirements, type ScopedSelector } from './scope.js';

/**
 * `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy as rule entries
 * (pkg/k8s/apis/cilium.io/utils ParseCiliumRule; pkg/policy/utils/parserules.go):
 * - `spec` and every `specs[]` item are rules; a rule with `nodeSelector` is a host policy, which
 *   applies to nodes (host firewall), not pods, so it selects no pod here;
 * - one entry per item of `ingress`, `ingressDeny`, `egress`, `egressDeny`;
 * - each entry is default-deny unless the rule sets `enableDefaultDeny.<direction>: false`
 *   ("defaultDeny := rule.EnableDefaultDeny.Ingress == nil || *rule.EnableDefaultDeny.Ingress");
 *   `enableDefaultDeny` on a direction without rules has no entry to act through
 *   (pkg/policy/repository.go only considers rules with `len(r.Ingress) > 0 || len(r.IngressDeny) > 0`).
 * A CiliumNetworkPolicy without a namespace is in `default`, where kubectl would create it.
 */

const SECTIONS = [
  { section: 'ingress', ingress: true, deny: false },
  { section: 'ingressDeny', ingress: true, deny: true },
  { section: 'egress', ingress: false, deny: false },
  { section: 'egressDeny', ingress: false, deny: true },
] as const;

const isCnp = (o: KubeObject): boolean => o.apiVersion === 'cilium.io/v2' && o.kind === 'CiliumNetworkPolicy';
const isCcnp = (o: KubeObject): boolean => o.apiVersion === 'cilium.io/v2' && o.kind === 'CiliumClusterwideNetworkPolicy';

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** L7 DNS rules of an egress rule: `toPorts[].rules.dns[]`. */
const dnsRulesOf = (rule: Record<string, unknown>): unknown[] =>
  listOf(rule.toPorts).flatMap((pr) => (isRecord(pr) && isRecord(pr.rules) ? listOf(pr.rules.dns) : []));

function specEntries(object: KubeObject, spec: unknown, specPath: string, namespace: string | undefined): CiliumEntry[] {
  if (!isRecord(spec) || spec.endpointSelector === undefined || spec.endpointSelector === null) return [];
  const subject = subjectRequirements(spec.endpointSelector, namespace);
  const enableDefaultDeny = isRecord(spec.enableDefaultDeny) ? spec.enableDefaultDeny : {};
  return SECTIONS.flatMap(({ section, ingress, deny }) =>
    listOf(spec[section]).flatMap((raw, i): CiliumEntry[] => {
      // A null item (`- ` in YAML) decodes to the zero rule, i.e. `{}`.
      const rule = raw === null ? {} : raw;
      if (!isRecord(rule)) return [];
      const requires = listOf(rule[ingress ? 'fromRequires' : 'toRequires'])
        .map((selector) => scopedPeerSelector(selector, namespace, false))
        .filter((s): s is ScopedSelector => s !== undefined);
      return [
        {
          ref: { object: refOf(object), path: `${specPath}.${section}[${i}]` },
          ingress,
          deny,
          defaultDeny: enableDefaultDeny[ingress ? 'ingress' : 'egress'] !== false,
          subject,
          requirements: requires,
          dnsRules: ingress || deny ? [] : dnsRulesOf(rule),
          matches: (context) => allOf(ruleL3Matches(rule, ingress, deny, namespace, context), ruleL4Matches(rule, context.flow, context.destination)),
        },
      ];
    }),
  );
}

export function ciliumPolicyEntries(objects: readonly KubeObject[]): CiliumEntry[] {
  return objects.flatMap((object) => {
    if (!isCnp(object) && !isCcnp(object)) return [];
    const namespace = isCnp(object) ? (object.metadata.namespace ?? 'default') : undefined;
    return [
      ...specEntries(object, object.spec, 'spec', namespace),
      ...listOf(object.specs).flatMap((spec, j) => specEntries(object, spec, `specs[${j}]`, namespace)),
    ];
  });
}
