import { valuesSchema, type Engine, type Values, type ValuesInput } from '../../src/config/values-schema';
import type { Dialect, PrecedenceInput, Rendered } from '../../src/dialects/dialect';
import type { AllowlistPlan } from '../../src/dialects/plan';
import { DIALECTS } from '../../src/dialects/index';
import { renderPolicies } from '../../src/dialects/render-policies';
import type { KubeObject } from '../../src/k8s/kube-object';
import { planPolicies } from '../../src/policy/plan-policies';
import { stampOwner } from '../../src/policy/ownership';
import type { Workload } from '../../src/workloads/workload';

export const NAMESPACE = 'stageset-system';

/** The chart's selector labels, as its Deployment carries them. */
export const SELECTOR_LABELS = {
  'app.kubernetes.io/name': 'stageset-controller',
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'stageset-controller',
  'app.kubernetes.io/part-of': 'stageset-controller',
};

export const workloadIn = (namespace: string): Workload => ({
  ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'stageset-controller', namespace },
  namespace,
  podSelector: { matchLabels: SELECTOR_LABELS },
});

export interface ChartRender {
  values: Values;
  /** The allowlist plan of the first workload (what lint reads). */
  allowlist?: AllowlistPlan;
  rendered: Rendered[];
  objects: KubeObject[];
  problems: { path: string; message: string }[];
  notes: string[];
}

/**
 * What the chart's templates render for `set`, the way run.ts gets there (enabled → engine → plan →
 * render), keeping only the objects of `dialect`. Precedence problems are returned, not thrown.
 */
export function renderChart(dialect: Dialect, set: ValuesInput, namespaces = [NAMESPACE]): ChartRender {
  const values = valuesSchema.parse(set);
  if (!values.networkPolicy.enabled) return { values, rendered: [], objects: [], problems: [], notes: [] };
  const dialectOfValues = DIALECTS[values.networkPolicy.engine];
  const { plans, precedence } = planPolicies(values, namespaces.map(workloadIn), dialectOfValues);
  const outcome = renderPolicies(plans, dialectOfValues, precedence);
  const rendered = stampOwner(outcome.rendered, 'ControllerNetworkPolicy/np').filter((r) => r.object.apiVersion === dialect.apiVersion && r.object.kind === dialect.kind);
  const allowlist = plans.find((p): p is AllowlistPlan => p.type === 'allowlist');
  return { values, ...(allowlist ? { allowlist } : {}), rendered, objects: rendered.map((r) => r.object), problems: outcome.problems, notes: outcome.notes };
}

/** What a dialect's precedence is computed from, for `set`. */
export function precedenceInput(dialect: Dialect, set: ValuesInput): PrecedenceInput {
  return planPolicies(valuesSchema.parse(set), [], dialect).precedence;
}

/** Values with the policy enabled under `engine`, plus `networkPolicy` keys and other top-level keys. */
export const enabledUnder =
  (engine: Engine) =>
  (networkPolicy: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): ValuesInput =>
    ({ ...rest, networkPolicy: { enabled: true, engine, ...networkPolicy } }) as ValuesInput;

/** The one rendered object of `dialect` named `name` (the render must have no problems). */
export function renderedNamed(dialect: Dialect, set: ValuesInput, name: string): KubeObject {
  const { objects, problems } = renderChart(dialect, set);
  expect(problems).toEqual([]);
  const found = objects.filter((o) => o.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/**
 * A rendered spec for reading in assertions. Specs are free-form JSON; the tests index into them
 * directly, so this is the one deliberately loose type of the test suite.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;
export const specOf = (object: KubeObject): LooseJson => object.spec;
