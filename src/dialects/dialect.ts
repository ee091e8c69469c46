import type { ConfigProblem } from '../config/format-issue.js';
import type { Engine, Values } from '../config/values-schema.js';
import type { KubeObject } from '../k8s/kube-object.js';
import type { AllowlistPlan, DefaultDenyPlan } from '../policy/model.js';
import type { PlanDialect } from '../policy/plan-policies.js';

/**
 * Where a part of a rendered object came from, so a violation points at what the user wrote:
 * verbatim (the same shape, so sub-paths carry over) or translated from a NetworkPolicy-shaped rule.
 */
export interface Origin {
  objectPath: string;
  valuesPath: string;
  verbatim: boolean;
}

export interface Rendered {
  object: KubeObject;
  origins: Origin[];
  /** Values this dialect cannot express (at the values path), e.g. an ipBlock in ClusterNetworkPolicy ingress. */
  problems: ConfigProblem[];
}

/** Engine-specific precedence: Calico `order`, ClusterNetworkPolicy `priority`. */
export interface Precedence {
  allow?: number;
  deny?: number;
}

export interface Finding {
  path: string;
  message: string;
}

/**
 * One output dialect. Renderers take the plan (never the raw values) and return plain objects, never
 * YAML; adding a dialect is one file implementing this and one line in `dialects/index.ts`.
 */
export interface Dialect extends PlanDialect {
  engine: Engine;
  apiVersion: string;
  kind: string;
  clusterScoped: boolean;
  /** Precedence from the values; explicit values that cannot work are problems, never clamped. */
  precedence(values: Values): { precedence: Precedence; problems: ConfigProblem[]; notes: string[] };
  renderAllowlist(plan: AllowlistPlan, precedence: Precedence): Rendered;
  renderDefaultDeny(plan: DefaultDenyPlan, precedence: Precedence): Rendered;
  /** Foot-guns in a rendered allowlist (warnings): e.g. egress with no way to the kube-apiserver. */
  lint(allowlist: KubeObject, values: Values): Finding[];
}

/** For dialects whose allows are additive: nothing to order. */
export function noPrecedence(): ReturnType<Dialect['precedence']> {
  return { precedence: {}, problems: [], notes: [] };
}

/** Origins of verbatim native rules appended at `start` of a rule list (`spec.ingress`). */
export function nativeOrigins(section: string, start: number, origins: readonly string[]): Origin[] {
  return origins.map((valuesPath, i) => ({ objectPath: `spec.${section}[${start + i}]`, valuesPath, verbatim: true }));
}
