import { CALICO_MESSAGES, checkCalicoNetworkPolicy } from './calico-rules.js';
import { CILIUM_MESSAGES, checkCiliumNetworkPolicy } from './cilium-rules.js';
import { CLUSTER_NETWORK_POLICY_MESSAGES, checkClusterNetworkPolicy } from './cluster-network-policy-rules.js';
import type { JsonRecord } from './json-value.js';
import { checkKubernetesNetworkPolicy } from './kubernetes-rules.js';
import type { MessageOverride } from './schema-violations.js';
import type { Violation } from './violation.js';

/** One API kind we render, with its generated schema validator and its semantic rules. */
export interface ValidatedKind {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  /** File name of the generated validator: dist/validators/<validator>.cjs (scripts/build-validators.mjs). */
  validator: string;
  checkRules: (object: JsonRecord, out: Violation[]) => void;
  messages: readonly MessageOverride[];
}

/** The only place the validated kinds are listed. */
export const VALIDATED_KINDS: readonly ValidatedKind[] = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    namespaced: true,
    validator: 'kubernetes',
    checkRules: checkKubernetesNetworkPolicy,
    messages: [],
  },
  {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    namespaced: true,
    validator: 'cilium',
    checkRules: checkCiliumNetworkPolicy,
    messages: CILIUM_MESSAGES,
  },
  {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    namespaced: true,
    validator: 'calico',
    checkRules: checkCalicoNetworkPolicy,
    messages: CALICO_MESSAGES,
  },
  {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    namespaced: false,
    validator: 'cluster-network-policy',
    checkRules: checkClusterNetworkPolicy,
    messages: CLUSTER_NETWORK_POLICY_MESSAGES,
  },
];

export function validatedKindOf(apiVersion: string, kind: string): ValidatedKind | undefined {
  return VALIDATED_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}
