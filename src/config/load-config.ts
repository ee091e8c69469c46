import { isRecord, refOf, type ObjectRef } from '../k8s/kube-object.js';
import { errorResult, infoResult, warningResult, type Outcome, type Result } from '../krm/result.js';
import { parseSelectorString, type LabelSelector } from '../k8s/label-selector.js';
import { checkUnusedKeys } from './check-unused-keys.js';
import { valuesFromConfigMap } from './configmap-values.js';
import { formatIssue } from './format-issue.js';
import type { Problem } from '../krm/result.js';
import { checkEngineKnobs } from './check-engine-knobs.js';
import { normalizeValues } from './normalize-values.js';
import { ownerId } from './owner-id.js';
import { valuesSchema, type LabelSelectorValue, type Values } from './values-schema.js';

export const CONFIG_API_VERSION = 'fn.kpt.dev/v1alpha1';
export const CONFIG_KIND = 'ControllerNetworkPolicy';

/** The values with selectors resolved to objects, and the functionConfig results should point at. */
export interface Config {
  values: Values;
  /**
   * Whether `networkPolicy.enabled` was given. Without it (no functionConfig, kpt's empty placeholder, or
   * values that forgot the key) the function changes nothing: only an explicit `false` removes policies.
   */
  enabledIsSet: boolean;
  /** This configuration's identity, stamped on what it renders (ownerId). */
  owner: string;
  selector: LabelSelector;
  pods?: { name: string; namespace: string; selector: LabelSelector };
  ref?: ObjectRef;
}


/**
 * functionConfig → values. Accepts the typed kind (chart values at the top level), a ConfigMap with
 * dotted keys and/or a `values` document, or nothing (kpt's empty `function-input` placeholder).
 */
export function loadConfig(functionConfig: unknown): Outcome<Config | undefined> {
  const source = rawValues(functionConfig);
  if ('error' in source) return { value: undefined, results: [errorResult(source.error, source.ref ? { resourceRef: source.ref } : {})] };
  const { ref } = source;
  const normalized = normalizeValues(source.raw);
  const raw = normalized.values;
  const at = (p: Problem) => ({ ...(ref ? { resourceRef: ref } : {}), field: { path: p.path, ...(p.currentValue !== undefined ? { currentValue: p.currentValue } : {}) } });

  const results: Result[] = [...source.problems, ...normalized.problems].map((p) => errorResult(p.message, at(p)));
  const unknown = checkUnusedKeys(raw);
  results.push(...unknown.errors.map((p) => errorResult(p.message, at(p))));
  results.push(...unknown.warnings.map((p) => warningResult(p.message, at(p))));
  if (unknown.unused.length > 0) {
    results.push(infoResult(`chart values not used by this function (accepted and ignored): ${unknown.unused.join(', ')}`, ref ? { resourceRef: ref } : {}));
  }

  const parsed = valuesSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) for (const p of formatIssue(issue)) results.push(errorResult(p.message, at(p)));
    return { value: undefined, results };
  }
  const values = parsed.data;
  for (const p of checkEngineKnobs(values)) results.push(warningResult(p.message, at(p)));

  const selector = resolveSelector(values.target.selector, 'target.selector', results, at);
  const pods = values.target.pods;
  const podSelector = pods ? resolveSelector(pods.selector, 'target.pods.selector', results, at) : undefined;
  if (results.some((r) => r.severity === 'error') || !selector || (pods && !podSelector)) return { value: undefined, results };
  const enabledIsSet = isRecord(raw.networkPolicy) && raw.networkPolicy.enabled !== undefined;
  if (!enabledIsSet) results.push(warningResult(NOT_SET, { ...(ref ? { resourceRef: ref } : {}), field: { path: 'networkPolicy.enabled' } }));
  const explicitPods = pods && podSelector ? { name: pods.name, namespace: pods.namespace, selector: podSelector } : undefined;
  const owner = ownerId(ref, { ...(values.target.namespace ? { namespace: values.target.namespace } : {}), selector, ...(explicitPods ? { pods: explicitPods } : {}) });
  const config: Config = { values, enabledIsSet, owner, selector, ...(ref ? { ref } : {}), ...(explicitPods ? { pods: explicitPods } : {}) };
  return { value: config, results };
}

const NOT_SET =
  'is not set (no functionConfig, kpt\'s empty placeholder, or values without the key): nothing is rendered and nothing removed; set it to true to render the policies, or to false to remove the ones this function generated';

type RawSource =
  | { raw: Record<string, unknown>; ref?: ObjectRef; problems: Problem[] }
  | { error: string; ref?: ObjectRef };

function rawValues(functionConfig: unknown): RawSource {
  if (functionConfig === undefined || functionConfig === null) return { raw: {}, problems: [] };
  if (!isRecord(functionConfig)) return { error: 'functionConfig must be an object' };
  const { apiVersion, kind } = functionConfig;
  const metadata = isRecord(functionConfig.metadata) ? functionConfig.metadata : {};
  const ref =
    typeof apiVersion === 'string' && typeof kind === 'string' && typeof metadata.name === 'string'
      ? refOf({ apiVersion, kind, metadata: { name: metadata.name, ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}) } })
      : undefined;
  if (apiVersion === 'v1' && kind === 'ConfigMap') {
    const data = functionConfig.data ?? {};
    if (!isRecord(data)) return { error: 'functionConfig ConfigMap data must be a map of strings', ...(ref ? { ref } : {}) };
    const { values, problems } = valuesFromConfigMap(data);
    return { raw: values, problems, ...(ref ? { ref } : {}) };
  }
  if (apiVersion === CONFIG_API_VERSION && kind === CONFIG_KIND) {
    const { apiVersion: _a, kind: _k, metadata: _m, ...raw } = functionConfig;
    return { raw, problems: [], ...(ref ? { ref } : {}) };
  }
  return {
    error: `functionConfig ${String(apiVersion)}/${String(kind)} is not supported: expected ${CONFIG_API_VERSION} ${CONFIG_KIND} (the chart's values at the top level) or a v1 ConfigMap (dotted keys and/or a "values" document)`,
    ...(ref ? { ref } : {}),
  };
}

function resolveSelector(
  value: LabelSelectorValue,
  path: string,
  results: Result[],
  at: (p: Problem) => Omit<Result, 'message' | 'severity'>,
): LabelSelector | undefined {
  const selector = typeof value === 'string' ? parseSelectorString(value) : (value as LabelSelector);
  // The string form already rejects "" (an empty requirement); the object form must agree.
  const problem = typeof selector === 'string' ? selector : isEmptySelector(selector) ? emptySelector(path) : undefined;
  if (problem !== undefined) {
    results.push(errorResult(problem, at({ path, message: problem })));
    return undefined;
  }
  return selector as LabelSelector;
}

function emptySelector(path: string): string {
  const what = path === 'target.selector' ? 'every workload in the list, and the controller\'s allowlist would lock all of them down (Flux\'s controllers next to it would lose their ports)' : 'every pod of the namespace, and the controller\'s allowlist would lock all of them down';
  return `is empty, so it selects ${what}: name the controller's pod labels, e.g. {matchLabels: {app.kubernetes.io/name: stageset-controller}}`;
}

function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
