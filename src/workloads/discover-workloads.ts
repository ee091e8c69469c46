import { groupOf, identityOf, isRecord, refOf, type KubeObject, type ObjectRef } from '../krm/kube-object.js';
import { describeSelector, selectorMatches, type LabelSelector } from './label-selector.js';
import { WORKLOAD_KINDS } from './workload-kinds.js';
import type { Workload } from './workload.js';

export interface Discovery {
  workloads: Workload[];
  /** Workload items whose pod template matched but which cannot be protected (no namespace …). */
  problems: { ref: ObjectRef; message: string }[];
  /** Items whose pods match but that get no allowlist on purpose (local-config, an unknown kind, a duplicate). */
  skipped: { ref: ObjectRef; message: string }[];
}

/** Where a kind this function does not know would keep a pod template, if it has one. */
const TEMPLATE_GUESSES: readonly (readonly string[])[] = [
  ['spec', 'template'],
  ['spec', 'jobTemplate', 'spec', 'template'],
];

/**
 * Finds the controller's workloads: workload kinds whose pod-template labels match the selector,
 * optionally in one namespace. `Kptfile`, local-config items and the functionConfig never count; the
 * ones whose pods match are reported, as are matching pods of kinds this function does not know.
 */
export function discoverWorkloads(objects: readonly KubeObject[], selector: LabelSelector, namespace: string | undefined): Discovery {
  const found: Discovery = { workloads: [], problems: [], skipped: [] };
  const seen = new Set<string>();
  for (const object of objects) {
    const spec = WORKLOAD_KINDS[object.kind];
    const known = spec !== undefined && spec.groups.includes(groupOf(object.apiVersion));
    const templatePath = known ? spec.template : TEMPLATE_GUESSES.find((path) => isRecord(dig(object, path)));
    if (!templatePath) continue;
    const template = dig(object, templatePath);
    const metadata = isRecord(template) && isRecord(template.metadata) ? template.metadata : undefined;
    const labels = stringMap(metadata?.labels);
    if (!selectorMatches(selector, labels)) continue;
    const objectNamespace = object.metadata.namespace || undefined;
    if (namespace && objectNamespace && objectNamespace !== namespace) continue;
    const ref = refOf(object);
    const what = `${object.kind} ${objectNamespace ? `${objectNamespace}/` : ''}${object.metadata.name}`;
    if (!known) {
      found.skipped.push({ ref, message: `${what} has pods matching target.selector, but ${object.kind} (${object.apiVersion}) is not a workload kind this function knows (${Object.keys(WORKLOAD_KINDS).join(', ')}): its pods get no allowlist; set target.pods to protect them` });
      continue;
    }
    if (isLocalConfig(object)) {
      found.skipped.push({ ref, message: `${what} has pods matching target.selector, but it is local-config (config.kubernetes.io/local-config, or a Kptfile), so it is never deployed and gets no allowlist` });
      continue;
    }
    if (seen.has(identityOf(ref))) {
      found.skipped.push({ ref, message: `${what} appears more than once in the list: it gets one allowlist` });
      continue;
    }
    seen.add(identityOf(ref));
    const notStrings = nonStringLabels(object, templatePath);
    if (notStrings.length > 0) {
      // Dropping a label the selector holds would widen the policy to pods that lack it.
      found.problems.push({ ref, message: `${what}: ${notStrings.join(', ')} must be a string (label values are strings: quote it)` });
      continue;
    }
    const effectiveNamespace = objectNamespace ?? namespace;
    if (!effectiveNamespace) {
      found.problems.push({ ref, message: `${object.kind} ${object.metadata.name} has no metadata.namespace: set one (kustomize namespace:, kpt set-namespace) or target.namespace so its policy lands beside it` });
      continue;
    }
    const podSelector = ownSelector(object, labels);
    if (Object.keys(podSelector.matchLabels ?? {}).length === 0 && (podSelector.matchExpressions ?? []).length === 0) {
      found.problems.push({ ref, message: `${object.kind} ${object.metadata.name} has neither spec.selector nor pod labels: a policy for it would select every pod of ${effectiveNamespace}` });
      continue;
    }
    found.workloads.push({ ref, namespace: effectiveNamespace, podSelector, containerPorts: containerPorts(template) });
  }
  return found;
}

export function isLocalConfig(object: KubeObject): boolean {
  const value = object.metadata.annotations?.['config.kubernetes.io/local-config'];
  return object.kind === 'Kptfile' || (value !== undefined && value !== 'false');
}

function ownSelector(object: KubeObject, podLabels: Record<string, string>): LabelSelector {
  const spec = isRecord(object.spec) ? object.spec : {};
  const selector = spec.selector;
  // Jobs get a generated controller-uid selector on the server; their template labels are what a policy can use.
  if (object.kind !== 'Job' && object.kind !== 'CronJob' && isRecord(selector)) {
    if (object.kind === 'ReplicationController') return { matchLabels: stringMap(selector) };
    const result: LabelSelector = {};
    const matchLabels = stringMap(selector.matchLabels);
    if (Object.keys(matchLabels).length) result.matchLabels = matchLabels;
    if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length) result.matchExpressions = selector.matchExpressions as LabelSelector['matchExpressions'];
    return result;
  }
  return Object.keys(podLabels).length ? { matchLabels: podLabels } : {};
}

function containerPorts(template: unknown): number[] {
  const spec = isRecord(template) && isRecord(template.spec) ? template.spec : {};
  const ports: number[] = [];
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      if (!isRecord(container) || !Array.isArray(container.ports)) continue;
      for (const port of container.ports) if (isRecord(port) && typeof port.containerPort === 'number') ports.push(port.containerPort);
    }
  }
  return ports;
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/** Label values that are not strings (an unquoted 1, true or 1.0), in the selector and the pod template. */
function nonStringLabels(object: KubeObject, templatePath: readonly string[]): string[] {
  const spec = isRecord(object.spec) ? object.spec : {};
  const selector = isRecord(spec.selector) ? spec.selector : undefined;
  const maps: [string, unknown][] = [
    ['spec.selector.matchLabels', object.kind === 'ReplicationController' ? undefined : selector?.matchLabels],
    ['spec.selector', object.kind === 'ReplicationController' ? selector : undefined],
    [[...templatePath, 'metadata', 'labels'].join('.'), dig(object, [...templatePath, 'metadata', 'labels'])],
  ];
  const bad = maps.flatMap(([path, map]) => (isRecord(map) ? Object.entries(map).filter(([, v]) => typeof v !== 'string').map(([k, v]) => `${path}["${k}"] (${JSON.stringify(v)})`) : []));
  const expressions = Array.isArray(selector?.matchExpressions) ? selector.matchExpressions : [];
  expressions.forEach((e, i) => {
    if (isRecord(e) && Array.isArray(e.values)) e.values.forEach((v, j) => typeof v !== 'string' && bad.push(`spec.selector.matchExpressions[${i}].values[${j}] (${JSON.stringify(v)})`));
  });
  return bad;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Cheap pre-check on an item's text: can its labels possibly satisfy the selector? Never a false no. */
export function mayMatch(text: string, selector: LabelSelector): boolean {
  if (text.includes('\\')) return true; // an escape could spell a label any way
  for (const value of Object.values(selector.matchLabels ?? {})) if (!text.includes(value)) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In' && !values.some((v) => text.includes(v))) return false;
    if ((operator === 'In' || operator === 'Exists') && !text.includes(key.slice(key.indexOf('/') + 1))) return false;
  }
  return true;
}

export { describeSelector };
