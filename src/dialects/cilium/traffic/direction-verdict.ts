import { describeRef, type KubeObject } from '../../../k8s/kube-object.js';
import { ALLOWED_UNSUBJECTED } from '../../../traffic/cluster.js';
import type { CiliumEntry, PeerContext } from './entry.js';
import { fqdnSelectorMatches } from './fqdn.js';
import { ciliumIdentity, hasReservedLabel, type Identity } from './identity.js';
import { anyOf, type Match } from './match.js';
import { requirementsMatch } from './selector.js';
import { unsubjected } from '../../../traffic/network-policy.js';
import type { ApiserverEndpoint, Cluster, DirectionVerdict, Endpoint, Flow, PodEndpoint, RuleRef } from '../../../traffic/model.js';

export const LOCALHOST_DENY_NOTE =
  'a deny rule matches traffic from the local host, which --allow-localhost=always (the Kubernetes default, daemon/cmd/daemon.go) allows: released Cilium lets the deny win ' +
  '(pkg/policy/mapstate.go determineAllowLocalhostIngress, DenyPreferredInsert), some newer builds insert the localhost allow at the highest precedence of priority 0 (ToPassPrecedence); the wider reading was taken';

export interface DirectionOutcome {
  verdict: DirectionVerdict;
  ambiguities: string[];
}

export interface DirectionInput {
  direction: 'ingress' | 'egress';
  /** The policed pod: the source for egress, the destination for ingress. */
  pod: PodEndpoint;
  /** The other end of the flow. */
  peer: Endpoint;
  flow: Flow;
  cluster: Cluster;
  objects: readonly KubeObject[];
  apiservers: readonly ApiserverEndpoint[];
}

const where = (ref: RuleRef): string => `${describeRef(ref.object)} ${ref.path}`;

/**
 * One direction at one pod (pkg/policy/repository.go computePolicyEnforcementAndRules,
 * pkg/policy/testutils/simulate.go IteratePolicy):
 * 1. no rule selects the pod in this direction: allowed (default policy-enforcement-mode);
 * 2. a matching deny rule wins over every allow, of any kind ("Deny policies take precedence over
 *    allow policies, regardless of whether they are a Cilium Network Policy, a Clusterwide Cilium
 *    Network Policy or even a Kubernetes Network Policy", language.rst "Deny Policies");
 * 3. ingress from the local host (reserved:host) is allowed: `--allow-localhost` defaults to `auto`,
 *    which is `always` in Kubernetes ("Kubernetes demands that the localhost can always reach local
 *    pods", daemon/cmd/daemon.go; language.rst "Access to/from local host");
 * 4. if no selecting rule enables default deny, a wildcard allow is synthesised (repository.go);
 * 5. otherwise an allow rule must match (allows are a union, in no order), else default deny.
 */
export function ciliumDirectionVerdict(entries: readonly CiliumEntry[], input: DirectionInput): DirectionOutcome {
  const { direction, pod, flow, cluster, objects, apiservers } = input;
  const ingress = direction === 'ingress';
  const podIdentity = ciliumIdentity(pod, pod.node, cluster, apiservers);
  const selecting = entries.filter((e) => e.ingress === ingress && e.subject !== undefined && requirementsMatch(e.subject, podIdentity.labels));
  if (selecting.length === 0) return { verdict: ALLOWED_UNSUBJECTED(unsubjected(pod, direction)), ambiguities: [] };

  const peer: Identity = ciliumIdentity(input.peer, pod.node, cluster, apiservers);
  // The pod's own egress L7 DNS rules decide which names the DNS proxy learns for toFQDNs.
  const dnsRules = ingress ? [] : selecting.filter((e) => !e.deny).flatMap((e) => e.dnsRules);
  const dnsProxied = (hostname: string): Match => anyOf(dnsRules.map((r) => fqdnSelectorMatches(r, hostname)));
  const contextFor = (deny: boolean): PeerContext => ({
    flow,
    cluster,
    objects,
    peer,
    destination: ingress ? pod : input.peer,
    requirements: selecting.filter((e) => e.deny === deny).flatMap((e) => e.requirements),
    dnsProxied,
  });

  const denyContext = contextFor(true);
  const denies = selecting.filter((e) => e.deny).map((entry) => ({ entry, match: entry.matches(denyContext) }));
  const localhost = ingress && hasReservedLabel(peer, 'host');
  const notes: string[] = [];
  const denied = denies.find((d) => d.match.min);
  if (denied && !localhost) {
    return { verdict: { allowed: false, rule: denied.entry.ref, reason: `denied by ${where(denied.entry.ref)}: deny rules take precedence over every allow` }, ambiguities: [] };
  }
  if (denied) notes.push(LOCALHOST_DENY_NOTE);
  // A deny matched by some versions only is read narrowly (not applied); say so if the flow is allowed.
  notes.push(...denies.filter((d) => !d.match.min && d.match.max).flatMap((d) => d.match.notes));

  if (localhost) {
    return { verdict: { allowed: true, reason: "allow-localhost: ingress from the pod's own node (reserved:host) is always allowed" }, ambiguities: notes };
  }
  const isolating = selecting.filter((e) => e.defaultDeny);
  if (isolating.length === 0) {
    return { verdict: { allowed: true, reason: `every rule selecting ${pod.namespace}/${pod.name} for ${direction} sets enableDefaultDeny: false, and no deny rule matches` }, ambiguities: notes };
  }
  const allowContext = contextFor(false);
  const allows = selecting.filter((e) => !e.deny).map((entry) => ({ entry, match: entry.matches(allowContext) }));
  const allowed = allows.find((a) => a.match.min) ?? allows.find((a) => a.match.max);
  if (allowed) {
    return { verdict: { allowed: true, rule: allowed.entry.ref, reason: `allowed by ${where(allowed.entry.ref)}` }, ambiguities: [...notes, ...allowed.match.notes] };
  }
  const names = [...new Set(isolating.map((e) => describeRef(e.ref.object)))].join(', ');
  return { verdict: { allowed: false, reason: `default deny: ${pod.namespace}/${pod.name} is isolated for ${direction} by ${names}; no rule allows it` }, ambiguities: [] };
}
