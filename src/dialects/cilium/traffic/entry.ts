import type { KubeObject } from '../../../k8s/kube-object.js';
import type { Identity } from './identity.js';
import type { Match } from './match.js';
import type { ScopedSelector } from './scope.js';
import type { Requirement } from './selector.js';
import type { Cluster, Endpoint, Flow, RuleRef } from '../../../traffic/model.js';

/**
 * One rule of one policy, the way Cilium's policy repository holds it (pkg/policy/types PolicyEntry:
 * a subject, a direction, allow or deny, default-deny or not, an L3 and an L4).
 */
export interface CiliumEntry {
  ref: RuleRef;
  ingress: boolean;
  deny: boolean;
  /** Whether selecting a pod puts it in default-deny for this direction (`enableDefaultDeny`). */
  defaultDeny: boolean;
  /** Requirements on the identity labels of the pods it applies to; undefined selects nothing. */
  subject: readonly Requirement[] | undefined;
  /** L3 and L4 against the other end of the flow. */
  matches: (context: PeerContext) => Match;
  /** Its `fromRequires`/`toRequires`, which older versions fold into every selecting rule's peers. */
  requirements: readonly ScopedSelector[];
  /** Its L7 `rules.dns` entries: the names whose queries the DNS proxy sees (allow egress rules). */
  dnsRules: readonly unknown[];
}

/** What a rule is matched against: the flow, the model, and the peer as the policed pod's agent sees it. */
export interface PeerContext {
  flow: Flow;
  cluster: Cluster;
  objects: readonly KubeObject[];
  peer: Identity;
  /** The end receiving the flow (ingress: the policed pod; egress: the peer), for named ports. */
  destination: Endpoint;
  /** `fromRequires`/`toRequires` of every rule of the same kind (allow or deny) selecting the pod. */
  requirements: readonly ScopedSelector[];
  /** Whether the policed pod's DNS queries for a name pass the DNS proxy (an L7 DNS rule allows it). */
  dnsProxied: (hostname: string) => Match;
}
