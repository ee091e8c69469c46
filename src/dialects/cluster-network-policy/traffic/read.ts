import { isRecord, refOf, type KubeObject, type ObjectRef } from '../../../k8s/kube-object.js';
import type { Direction } from '../../../traffic/network-policy.js';

/**
 * The ClusterNetworkPolicy fields the evaluator reads, from kubernetes-sigs/network-policy-api
 * apis/v1alpha2/clusternetworkpolicy_types.go. Only `policy.networking.k8s.io/v1alpha2` is enforced
 * (v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy and v1beta1 are other objects here).
 */
export const CLUSTER_NETWORK_POLICY_API_VERSION = 'policy.networking.k8s.io/v1alpha2';

/** `+kubebuilder:validation:Enum={"Admin", "Baseline"}` (types.go, Tier). */
export type ClusterNetworkPolicyTier = 'Admin' | 'Baseline';

/** `+kubebuilder:validation:Enum={"Accept", "Deny", "Pass"}` (types.go, ClusterNetworkPolicyRuleAction). */
export type ClusterNetworkPolicyAction = 'Accept' | 'Deny' | 'Pass';

export const CLUSTER_NETWORK_POLICY_ACTIONS: readonly ClusterNetworkPolicyAction[] = ['Accept', 'Deny', 'Pass'];

/**
 * How a peer list or protocol list reads against a flow. `unreadable`: an element with none (or more
 * than one) of the fields this API version knows, which types.go says to "fail closed" on.
 */
export type ClusterNetworkPolicyMatch = 'match' | 'miss' | 'unreadable';

export interface ReadClusterNetworkPolicy {
  ref: ObjectRef;
  name: string;
  tier: ClusterNetworkPolicyTier;
  priority: number;
  subject: unknown;
  ingress: readonly unknown[];
  egress: readonly unknown[];
}

/** The policy, or undefined for any other object and for a spec without a tier or an integer priority (both required). */
export function readClusterNetworkPolicy(object: KubeObject): ReadClusterNetworkPolicy | undefined {
  if (object.apiVersion !== CLUSTER_NETWORK_POLICY_API_VERSION || object.kind !== 'ClusterNetworkPolicy' || !isRecord(object.spec)) return undefined;
  const { tier, priority, subject, ingress, egress } = object.spec;
  if ((tier !== 'Admin' && tier !== 'Baseline') || typeof priority !== 'number' || !Number.isInteger(priority)) return undefined;
  return {
    ref: refOf(object),
    name: object.metadata.name,
    tier,
    priority,
    subject,
    ingress: Array.isArray(ingress) ? ingress : [],
    egress: Array.isArray(egress) ? egress : [],
  };
}

/** "CNPs with no ingress rules do not affect ingress traffic" (types.go, Ingress; the same for Egress). */
export function rulesOf(policy: ReadClusterNetworkPolicy, direction: Direction): readonly unknown[] {
  return direction === 'Ingress' ? policy.ingress : policy.egress;
}

export function describePolicy(policy: ReadClusterNetworkPolicy): string {
  return `ClusterNetworkPolicy ${policy.name} (${policy.tier} tier, priority ${policy.priority})`;
}
