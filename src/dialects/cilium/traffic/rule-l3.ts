import { cidrPeerMatches } from './cidr.js';
import type { PeerContext } from './entry.js';
import { entityMatches } from './entity.js';
import { fqdnSelectorMatches } from './fqdn.js';
import { hasReservedLabel } from './identity.js';
import { allOf, ambiguous, anyOf, MATCH, matchIf, narrowedBy, NO_MATCH, type Match } from './match.js';
import { hasL4 } from './ports.js';
import { scopedMatch, scopedPeerSelector } from './scope.js';
import { parseLabelKey, requirementsMatch, selectorRequirements } from './selector.js';
import { toServicesMatches } from './services.js';
import { EGRESS_PEER_FIELDS, INGRESS_PEER_FIELDS } from '../vocabulary.js';

/**
 * The L3 (peer) part of a CiliumNetworkPolicy rule: the union of its selector fields
 * (pkg/policy/utils/parserules.go mergeEndpointSelectors; pkg/policy/api/ingress.go, egress.go).
 */

export const EMPTY_RULE_NOTE =
  'a rule with no peer selector and no toPorts (`{}`): the old policy engine (pkg/policy/rule.go mergeIngress/mergeEgress) selects no peer for it, the PolicyEntry engine ' +
  '(pkg/policy/utils/parserules.go mergeEndpointSelectors) gives it an empty non-nil L3, which pkg/policy/testutils reads as "Empty L3 = match everything"; the permissive reading (allow all) was taken';

export const REQUIRES_ONLY_NOTE =
  'a rule whose only peer field is fromRequires/toRequires: older Cilium adds a requirement and selects no peer; the newest PolicyEntry parser (pkg/k8s/apis/cilium.io/utils ParseCiliumRule) no longer reads ' +
  'fromRequires (deprecated upstream), leaving an empty rule (empty L3 = match everything in pkg/policy/testutils); the permissive reading was taken';

export const EMPTY_LIST_NOTE =
  'an explicitly empty peer list with toPorts (e.g. `fromEntities: []`): newer Cilium selects nothing (parserules.go mergeEndpointSelectors: "Explicitly check for empty non-nil slices"), older versions ' +
  'read the empty selector slice of an L4 rule as the L3 wildcard (pkg/policy/rule.go: "an empty slice of EndpointSelector indicates that the rule allows all at L3"); the wider reading was taken';

export const REQUIRES_NOTE =
  'fromRequires/toRequires of a rule selecting the pod exclude this peer: older Cilium folds them into every fromEndpoints/toEndpoints selector (pkg/policy/rule.go GetSourceEndpointSelectorsWithRequirements); ' +
  'the newest PolicyEntry parser ignores them (deprecated upstream); the wider reading was taken';

const INGRESS_FIELDS: readonly string[] = INGRESS_PEER_FIELDS;
/** toFQDNs is matched on its own below: only allow rules have it. */
const EGRESS_FIELDS: readonly string[] = EGRESS_PEER_FIELDS.filter((field) => field !== 'toFQDNs');

/** One item of one selector field against the peer. */
function itemMatches(field: string, item: unknown, context: PeerContext, namespace: string | undefined): Match {
  const { peer } = context;
  switch (field) {
    case 'fromEndpoints':
    case 'toEndpoints': {
      const scoped = scopedPeerSelector(item, namespace, true);
      if (!scoped) return NO_MATCH;
      const excluded = context.requirements.some((r) => !requirementsMatch(r.strict, peer.labels));
      return narrowedBy(scopedMatch(scoped, peer), excluded, REQUIRES_NOTE);
    }
    case 'fromNodes':
    case 'toNodes': {
      // getNodeSelector adds `reserved:remote-node` Exists; node labels are part of the identity only
      // with --enable-node-selector-labels (default off, language.rst "Node based"), so they are absent here.
      const requirements = selectorRequirements(item, parseLabelKey);
      return matchIf(requirements !== undefined && hasReservedLabel(peer, 'remote-node') && requirementsMatch(requirements, peer.labels));
    }
    case 'fromEntities':
    case 'toEntities':
      return entityMatches(item, peer);
    case 'fromCIDR':
    case 'toCIDR':
    case 'fromCIDRSet':
    case 'toCIDRSet':
      return matchIf(cidrPeerMatches(item, peer, context.objects));
    case 'toServices':
      return toServicesMatches(item, peer, context.cluster);
    case 'toFQDNs': {
      // Only IPs the DNS proxy saw in answers are selected (language.rst "DNS based", "DNS Proxy").
      const endpoint = peer.endpoint;
      if (endpoint.kind !== 'external' || endpoint.hostname === undefined) return NO_MATCH;
      return allOf(fqdnSelectorMatches(item, endpoint.hostname), context.dnsProxied(endpoint.hostname));
    }
    default:
      // fromGroups/toGroups (cloud security groups): nothing in the model resolves them.
      return NO_MATCH;
  }
}

/** `ingress`: the rule is an ingress(Deny) rule; `deny`: toFQDNs does not exist on deny rules. */
export function ruleL3Matches(rule: Record<string, unknown>, ingress: boolean, deny: boolean, namespace: string | undefined, context: PeerContext): Match {
  const fields = ingress ? INGRESS_FIELDS : deny ? EGRESS_FIELDS : [...EGRESS_FIELDS, 'toFQDNs'];
  const present = fields.filter((f) => rule[f] !== undefined && rule[f] !== null);
  const emptyList = present.some((f) => {
    const items = rule[f];
    return Array.isArray(items) && items.length === 0;
  });
  if (emptyList) {
    return Array.isArray(rule.toPorts) && rule.toPorts.length > 0 ? ambiguous(EMPTY_LIST_NOTE) : NO_MATCH;
  }
  if (present.length === 0) {
    if (hasL4(rule)) return MATCH; // an L4-only rule: L3 wildcard in every version
    const requires = rule[ingress ? 'fromRequires' : 'toRequires'];
    return ambiguous(requires !== undefined && requires !== null ? REQUIRES_ONLY_NOTE : EMPTY_RULE_NOTE);
  }
  return anyOf(
    present.flatMap((field) => {
      const items = rule[field];
      return Array.isArray(items) ? items.map((item: unknown) => itemMatches(field, item, context, namespace)) : [NO_MATCH];
    }),
  );
}
