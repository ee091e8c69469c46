import type { ObjectRef } from '../krm/kube-object.js';
import type { LabelSelector } from '../workloads/label-selector.js';

/** The controller's ports that can get an ingress rule, in the order rules are rendered. */
export const PORT_NAMES = ['health', 'webhook', 'metrics', 'gate', 'mcp'] as const;
export type PortName = (typeof PORT_NAMES)[number];

/** One open TCP port. `from` holds NetworkPolicy peers (kubernetes engine); empty means from anywhere. */
export interface IngressPort {
  name: PortName;
  port: number;
  from: Record<string, unknown>[];
}

/** Dialect-neutral intent of one workload's allowlist. */
export interface AllowlistPlan {
  type: 'allowlist';
  /** Base object name; cluster-scoped dialects add the namespace. */
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  workload: ObjectRef;
  ingress: IngressPort[];
  /** Undefined: egress is not restricted at all. */
  egress?: { dnsNamespace?: string };
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
