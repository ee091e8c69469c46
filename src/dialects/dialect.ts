import type { ConfigProblem } from '../config/format-issue.js';
import type { Engine, Values } from '../config/values-schema.js';
import type { KubeObject } from '../krm/kube-object.js';
import type { AllowlistPlan, DefaultDenyPlan } from '../policy/model.js';

/** Where a verbatim part of a rendered object came from, so a violation points at what the user wrote. */
export interface Origin {
  objectPath: string;
  valuesPath: string;
}

export interface Rendered {
  object: KubeObject;
  origins: Origin[];
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
 * One output dialect. Renderers return plain objects and never touch YAML; adding a dialect is one
 * file implementing this and one line in `dialects/index.ts`.
 */
export interface Dialect {
  engine: Engine;
  apiVersion: string;
  kind: string;
  clusterScoped: boolean;
  /** Precedence from the values; explicit values that cannot work are problems, never clamped. */
  precedence(values: Values): { precedence: Precedence; problems: ConfigProblem[]; notes: string[] };
  renderAllowlist(plan: AllowlistPlan, values: Values, precedence: Precedence): Rendered;
  renderDefaultDeny(plan: DefaultDenyPlan, values: Values, precedence: Precedence): Rendered;
  /** Foot-guns in a rendered allowlist (warnings): e.g. egress with no way to the kube-apiserver. */
  lint(allowlist: KubeObject, values: Values): Finding[];
}

/** For dialects whose allows are additive: nothing to order. */
export function noPrecedence(): ReturnType<Dialect['precedence']> {
  return { precedence: {}, problems: [], notes: [] };
}
