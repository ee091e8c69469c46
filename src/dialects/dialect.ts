import type * as z from 'zod/mini';
import type { KubeObject } from '../k8s/kube-object.js';
import type { Problem } from '../krm/result.js';
import type { Evaluator } from '../traffic/model.js';
import type { ValidatedKind } from '../validate/validate-object.js';
import type { AllowlistPlan, DefaultDenyPlan } from './plan.js';

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
  problems: Problem[];
}

/** Engine-specific precedence: Calico `order`, ClusterNetworkPolicy `priority`. */
export interface Precedence {
  allow?: number;
  deny?: number;
}

/** The engine's own values, `networkPolicy.<engine>`: its native rules, and whatever else it needs. */
export interface NativeSection {
  ingress: readonly Record<string, unknown>[];
  egress: readonly Record<string, unknown>[];
  [key: string]: unknown;
}

/** What decides an engine's precedence: the deny-all's values and the engine's own section. */
export interface PrecedenceInput {
  defaultDeny: { enabled: boolean; order: number };
  section: NativeSection | undefined;
}

export interface Finding {
  path: string;
  message: string;
}

/**
 * One output dialect: everything the function knows about one engine, in one folder. Renderers take
 * the plan (never the raw values) and return plain objects, never YAML. Adding a dialect is one folder
 * implementing this, one line in `dialects/index.ts` and its API schema under `schemas/`.
 */
export interface Dialect {
  engine: string;
  apiVersion: string;
  kind: string;
  clusterScoped: boolean;
  /** The vendored API schema, compiled at build time into dist/validators/<id>.cjs (scripts/build-validators.mjs). */
  schema: { id: string; file: string; version?: string };
  /** How rendered objects are checked: that schema and the API server's (or the agent's) rules beyond it. */
  validation: ValidatedKind;
  /** `networkPolicy.<engine>` in the values: the engine's native rules (appended verbatim) and extras. */
  section?: { schema: z.ZodMiniObject; description: string };
  /** Whether a native ingress rule names a TCP port explicitly (the port itself, or a range holding it). */
  namesPort(rule: Record<string, unknown>, port: number): boolean;
  /** Precedence from the values; explicit values that cannot work are problems, never clamped. */
  precedence(input: PrecedenceInput): { precedence: Precedence; problems: Problem[]; notes: string[] };
  renderAllowlist(plan: AllowlistPlan, precedence: Precedence): Rendered;
  renderDefaultDeny(plan: DefaultDenyPlan, precedence: Precedence): Rendered;
  /** Foot-guns in a rendered allowlist (warnings): e.g. egress with no way to the kube-apiserver. */
  lint(allowlist: KubeObject, plan: AllowlistPlan): Finding[];
  /** What the engine enforces: is a flow allowed by a set of objects? (src/traffic/model.ts) */
  evaluate: Evaluator;
}

/** For dialects whose allows are additive: nothing to order. */
export function noPrecedence(_input?: PrecedenceInput): ReturnType<Dialect['precedence']> {
  return { precedence: {}, problems: [], notes: [] };
}

/** Origins of verbatim native rules appended at `start` of a rule list (`spec.ingress`). */
export function nativeOrigins(section: string, start: number, origins: readonly string[]): Origin[] {
  return origins.map((valuesPath, i) => ({ objectPath: `spec.${section}[${start + i}]`, valuesPath, verbatim: true }));
}
