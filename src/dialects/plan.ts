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
  /** Derived from the configuration (not written by the user): what it reaches, for the results. */
  derived?: string;
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
  egress?: EgressPlan;
}

/** Where DNS answers, on which port (after Service translation), UDP and TCP alike. */
export interface DnsDestination {
  /** Pods of a namespace: all of them, or those with these labels. */
  pods?: { namespace: string; labels?: Record<string, string> };
  /** Servers outside any pod: link-local caches, metadata servers, a Service IP matched before translation. */
  cidrs?: string[];
  /** Host-network servers on the client's own node (NodeLocal DNSCache): Cilium knows them as the host entity. */
  onNode?: boolean;
  port: number;
}

export interface DnsPlan {
  /** The values key that asked for it (`networkPolicy.egress.dns`, or `…dnsPreset`). */
  origin: string;
  destinations: DnsDestination[];
}

/** The kube-apiserver, declared once (`networkPolicy.egress.apiserver`). */
export interface ApiserverPlan {
  origin: string;
  /** Endpoint addresses of default/kubernetes; empty: the engine must find it another way, or cannot. */
  cidrs: string[];
  ports: number[];
  /** default/kubernetes by its ClusterIP and Service port, for CNIs that enforce before translation. */
  service?: { cidr: string; port: number };
  /** The control plane runs outside the cluster. */
  external: boolean;
}

/** Names only some engines can allow: Cilium toFQDNs, ClusterNetworkPolicy domainNames. */
export interface FqdnTarget {
  origin: string;
  /** Exact names, or patterns with `*` (one label or more, as each engine reads it). */
  names: ({ name: string } | { pattern: string })[];
  ports: number[];
}

export interface EgressPlan {
  dns?: DnsPlan;
  apiserver?: ApiserverPlan;
  /** The values' rules and the derived targets an engine-neutral rule expresses. */
  to: NeutralRule[];
  fqdns: FqdnTarget[];
  native: NativeRule[];
}

/** Dialect-neutral intent of a namespace's default-deny. */
export interface DefaultDenyPlan {
  type: 'defaultDeny';
  name: string;
  namespace: string;
  /** Deny egress too (only when the allowlists restrict egress, or every pod would lose DNS). */
  egress: boolean;
}

/**
 * A companion on the other side of a flow: Flux's source-controller admits only its own namespace
 * (fluxcd/flux2 manifests/policies/allow-egress.yaml), so the controller's pods are admitted to its
 * artifact port by a NetworkPolicy in Flux's namespace, in every engine (Flux ships NetworkPolicies).
 */
export interface SourceAccessPlan {
  type: 'sourceAccess';
  name: string;
  /** Flux's namespace. */
  namespace: string;
  /** The controller's pods: their namespace and pod selector. */
  from: { namespace: string; podSelector: LabelSelector }[];
  /** source-controller's pods and the port they serve artifacts on. */
  podSelector: LabelSelector;
  port: number;
}

export type PolicyPlan = AllowlistPlan | DefaultDenyPlan | SourceAccessPlan;

export const DNS_PORT = 53;
