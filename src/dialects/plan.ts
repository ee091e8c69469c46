import type { ObjectRef } from '../k8s/kube-object.js';
import type { LabelSelector } from '../k8s/label-selector.js';

/** The controller's ports that can get an ingress rule, in the order rules are rendered. */
export const PORT_NAMES = ['health', 'webhook', 'metrics', 'gate', 'mcp'] as const;
export type PortName = (typeof PORT_NAMES)[number];

/**
 * A NetworkPolicy peer as written in the values (`podSelector`, `namespaceSelector`, `ipBlock`): the
 * engine-neutral vocabulary every dialect translates into its own peers. Checked against the
 * NetworkPolicy API before any dialect sees it.
 */
export type Peer = Record<string, unknown>;

/** A NetworkPolicy port: protocol (TCP when absent), a number or a container port name, an optional range end. */
export interface NeutralPort {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port?: number | string;
  endPort?: number;
}

/** One NetworkPolicy-shaped rule of the values (`additionalIngress`, `egress.to`): peers AND ports. */
export interface NeutralRule {
  /** The values path it came from, e.g. `networkPolicy.additionalIngress[1]`. */
  origin: string;
  /** Empty: every peer. */
  peers: Peer[];
  /** Empty: every port of every protocol. */
  ports: NeutralPort[];
  /** The rule exactly as written, for the kubernetes dialect, whose own rules these are. */
  written: Record<string, unknown>;
}

/** One open TCP port of the controller, from the listed peers (empty: from anywhere). */
export interface IngressPort {
  name: PortName;
  port: number;
  from: Peer[];
}

/** A rule of the engine's own dialect, appended verbatim. */
export interface NativeRule {
  origin: string;
  rule: Record<string, unknown>;
}

/** Dialect-neutral intent of one workload's allowlist. */
export interface AllowlistPlan {
  type: 'allowlist';
  /** Base object name; cluster-scoped dialects add the namespace. */
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  workload: ObjectRef;
  /** The generated per-port rules, minus the ports a native rule takes over. */
  ingress: IngressPort[];
  additionalIngress: NeutralRule[];
  nativeIngress: NativeRule[];
  /** Undefined: egress is not restricted at all. */
  egress?: { dnsNamespace?: string; to: NeutralRule[]; native: NativeRule[] };
}

/** Dialect-neutral intent of a namespace's default-deny. */
export interface DefaultDenyPlan {
  type: 'defaultDeny';
  name: string;
  namespace: string;
  /** Deny egress too (only when the allowlists restrict egress, or every pod would lose DNS). */
  egress: boolean;
}

export type PolicyPlan = AllowlistPlan | DefaultDenyPlan;

export const DNS_PORT = 53;
