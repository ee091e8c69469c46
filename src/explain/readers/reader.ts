import { isRecord, type KubeObject } from '../../k8s/kube-object.js';
import { NAMESPACE_NAME_LABEL } from '../../traffic/cluster.js';
import type { Protocol } from '../../traffic/model.js';

/**
 * What `explain` reads from a policy object, whatever its dialect: its rules, each with the peers and
 * ports it names. The evaluators decide what is allowed; this only tells the matrix which peers and
 * ports are worth asking about, and which rules exist (to find one that can never match).
 */

/** A peer a rule names, as something a synthetic endpoint can be made of. */
export type NamedPeer =
  | {
      kind: 'pods';
      /** The namespace by name, when the rule pins it; else `namespaceLabels`, else `anyNamespace`, else the policy's. */
      namespace?: string;
      namespaceLabels?: Record<string, string>;
      anyNamespace?: boolean;
      /** Labels a pod needs to be selected (one satisfying choice for each requirement). */
      labels: Record<string, string>;
    }
  | { kind: 'cidr'; cidr: string }
  | { kind: 'fqdn'; name: string };

/** A port a rule names: a number, or a container port name resolved on the destination. */
export type NamedPort = { port: number; protocol: Protocol } | { name: string; protocol: Protocol };

/** What a reader makes of one rule; `rulesOfSpec` adds where the rule is. */
export type RuleReading = Omit<ReadRule, 'direction' | 'list' | 'index' | 'path'>;

/** Every rule of `spec.ingress` and `spec.egress`, in order, each read by `read` (a non-object rule reads as `{}`). */
export function rulesOfSpec(spec: Record<string, unknown>, read: (rule: Record<string, unknown>, direction: 'ingress' | 'egress') => RuleReading): ReadRule[] {
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    listOf(spec[direction]).map((raw, index) => ({
      direction,
      list: ['spec', direction],
      index,
      path: `spec.${direction}[${index}]`,
      ...read(isRecord(raw) ? raw : {}, direction),
    })),
  );
}

export interface ReadRule {
  direction: 'ingress' | 'egress';
  /** Where the rule's list is, as keys (`['spec', 'ingress']`, `['specs', 0, 'egressDeny']`), and its index there. */
  list: readonly (string | number)[];
  index: number;
  /** The rule's field path, as the evaluators report it (`spec.ingress[2]`). */
  path: string;
  /** The rule's own name (ClusterNetworkPolicy). */
  name?: string;
  peers: NamedPeer[];
  ports: NamedPort[];
  /** A rule that decides no flow by design (Calico `Log`, Cilium's entity `none`): never "a rule that can never match". */
  inert?: true;
  /** Cilium: a rule with no peer and no port (`{}`), whose meaning depends on the Cilium version. */
  empty?: true;
}

export interface ReadPolicy {
  object: KubeObject;
  /** The namespace its peers default to; undefined for a cluster-wide policy. */
  namespace?: string;
  rules: ReadRule[];
  /** ClusterNetworkPolicy: `Admin` or `Baseline`. */
  tier?: string;
  /** Cilium: a direction written as an empty list, which Cilium reads as absent. */
  emptySections?: ('ingress' | 'egress')[];
}

/** One dialect's reading of an object, or undefined when the object is not a policy of that dialect. */
export type PolicyReader = (object: KubeObject) => ReadPolicy | undefined;

export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function specOf(object: KubeObject): Record<string, unknown> {
  return isRecord(object.spec) ? object.spec : {};
}

/**
 * Labels that satisfy a `metav1.LabelSelector`: matchLabels, the first value of each `In`, an empty
 * value for `Exists`. `NotIn` and `DoesNotExist` hold for a pod without the key, so they add nothing.
 */
export function labelsSatisfying(selector: unknown): Record<string, string> {
  if (!isRecord(selector)) return {};
  const labels: Record<string, string> = {};
  if (isRecord(selector.matchLabels)) for (const [key, value] of Object.entries(selector.matchLabels)) if (typeof value === 'string') labels[key] = value;
  for (const expression of listOf(selector.matchExpressions)) {
    if (!isRecord(expression) || typeof expression.key !== 'string' || expression.key in labels) continue;
    const first = listOf(expression.values)[0];
    if (expression.operator === 'In' && typeof first === 'string') labels[expression.key] = first;
    if (expression.operator === 'Exists') labels[expression.key] = '';
  }
  return labels;
}

/** Pods selected by pod labels and, when given, namespace labels (`kubernetes.io/metadata.name` pins the name). */
export function podsPeer(labels: Record<string, string>, namespaceLabels: Record<string, string> | undefined): NamedPeer {
  if (namespaceLabels === undefined) return { kind: 'pods', labels };
  const name = namespaceLabels[NAMESPACE_NAME_LABEL];
  if (name !== undefined) return { kind: 'pods', namespace: name, labels };
  return Object.keys(namespaceLabels).length === 0 ? { kind: 'pods', anyNamespace: true, labels } : { kind: 'pods', namespaceLabels, labels };
}

/** A port value: a number, a numeric string, a `min:max` or `min-max` range (its first port), or a name. */
export function namedPort(value: unknown, protocol: Protocol): NamedPort[] {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return [{ port: value, protocol }];
  if (typeof value !== 'string' || value === '') return [];
  const numeric = /^(\d+)(?:[:-]\d+)?$/.exec(value);
  if (numeric) return Number(numeric[1]) > 0 ? [{ port: Number(numeric[1]), protocol }] : [];
  return [{ name: value, protocol }];
}

export function protocolOf(value: unknown, fallback: Protocol = 'TCP'): Protocol | undefined {
  if (value === undefined || value === null) return fallback;
  if (value === 'TCP' || value === 6) return 'TCP';
  if (value === 'UDP' || value === 17) return 'UDP';
  if (value === 'SCTP' || value === 132) return 'SCTP';
  return undefined;
}
