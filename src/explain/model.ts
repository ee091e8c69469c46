import type { ObjectRef } from '../k8s/kube-object.js';
import type { Protocol } from '../traffic/model.js';

/**
 * What `explain` and `diff` print, as data: the JSON format is this, documented in docs/explain.md and
 * pinned by functions/controller-network-policy/explain.schema.json. Markdown and Mermaid are views of it.
 * Keep it stable: add optional fields, never rename or remove one without a new `version`.
 */
export const FORMAT_VERSION = 1;

export type PeerClass =
  | 'kube-apiserver'
  | 'kubelet'
  | 'node'
  | 'same-namespace'
  | 'other-namespace'
  | 'metrics-scraper'
  | 'flagger'
  | 'dns'
  | 'flux'
  | 'internet'
  | 'named';

/** One source (ingress) or destination (egress) of the matrix. */
export interface PeerInfo {
  id: string;
  label: string;
  class: PeerClass;
}

/** One port column; `other` is a port nothing names, standing for every port the others do not show. */
export interface PortColumn {
  port: number;
  protocol: Protocol;
  name?: string;
  other?: true;
}

/** A rule of a policy object, and for objects this function rendered, the values key behind it. */
export interface RuleCite {
  object: ObjectRef;
  path: string;
  /** The rule's own name (ClusterNetworkPolicy). */
  name?: string;
  valuesKey?: string;
}

export interface FlowVerdict {
  peer: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
  /** The rule that decided at the workload's side (or at the peer's, when the peer's own policy denied it). */
  rule?: RuleCite;
  reason: string;
  /** Readings that differ between versions or set-ups of the engine; the verdict took the most permissive. */
  ambiguities?: string[];
}

export interface DirectionMatrix {
  peers: PeerInfo[];
  ports: PortColumn[];
  /** peers × ports, in that order. */
  flows: FlowVerdict[];
}

/** A protected workload, or the other pods of its namespace (`neighbours`), which only namespace-wide policies select. */
export interface SubjectMatrix {
  id: string;
  kind: 'workload' | 'neighbours';
  label: string;
  namespace: string;
  workload?: ObjectRef;
  ingress: DirectionMatrix;
  egress: DirectionMatrix;
}

export type Severity = 'high' | 'medium' | 'low';

export type FindingKind =
  | 'open-to-every-pod'
  | 'cilium-empty-rule'
  | 'cilium-empty-section'
  | 'egress-without-apiserver'
  | 'default-deny-cuts-off-neighbours'
  | 'baseline-overridden'
  | 'apiserver-443-only'
  | 'rule-never-matches';

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  /** The subject's id. */
  subject: string;
  message: string;
  object?: ObjectRef;
  path?: string;
  /** The port it is about (open-to-every-pod). */
  port?: { port: number; protocol: Protocol; other?: true };
}

export interface Explanation {
  kind: 'TrafficMatrix';
  version: typeof FORMAT_VERSION;
  engine: string;
  /** The kube-apiserver's address the matrix assumes, and where it was taken from. */
  apiserver: { address: string; source: string };
  subjects: SubjectMatrix[];
  findings: Finding[];
  notes: string[];
}

export type Change = 'added' | 'removed' | 'allowed' | 'denied';

export interface FlowChange {
  subject: string;
  subjectLabel: string;
  direction: 'ingress' | 'egress';
  peer: string;
  peerLabel: string;
  port: number;
  protocol: Protocol;
  /** The port column's name (a container port name, `dns` …). */
  name?: string;
  /** The port stands for every port nothing names. */
  other?: true;
  /** allowed: was denied (or absent), now allowed; denied: the reverse; added/removed: the subject is new or gone. */
  change: Change;
  before?: boolean;
  after?: boolean;
  beforeRule?: RuleCite;
  afterRule?: RuleCite;
  /** Why the flow is now denied (or was denied before, when it is now allowed). */
  reason?: string;
}

export interface Delta {
  kind: 'TrafficDiff';
  version: typeof FORMAT_VERSION;
  engines: { old: string; new: string };
  /** The subjects of either side, with every port column they are judged on. */
  subjects: { id: string; label: string; ingressPorts: PortColumn[]; egressPorts: PortColumn[] }[];
  changes: FlowChange[];
  /** Whether any flow became allowed (`--fail-on-widening` exits 3 then). */
  widened: boolean;
  findings: { added: Finding[]; resolved: Finding[] };
  notes: string[];
}
