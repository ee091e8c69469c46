/**
 * The fields of a Cilium rule that name its peers (the L3 part), per direction: pkg/policy/api/ingress.go
 * (IngressCommonRule) and egress.go (EgressCommonRule). At most one kind per rule
 * (pkg/policy/api/rule_validation.go: "combining %s and %s is not supported yet"); `toFQDNs` is an egress
 * allow rule's only (deny rules cannot use it). `fromRequires`/`toRequires` are not peers: they narrow
 * the endpoint selectors of the rules that select the same pods.
 */
export const INGRESS_PEER_FIELDS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromGroups', 'fromNodes'] as const;
export const EGRESS_PEER_FIELDS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes'] as const;
export const REQUIRES_FIELDS = ['fromRequires', 'toRequires'] as const;
