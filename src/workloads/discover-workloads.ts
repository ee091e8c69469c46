import { describeRef, groupOf, identityOf, isRecord, refOf, type KubeObject, type ObjectRef } from '../k8s/kube-object.js';
import { coveringWorkload, dedupeWorkloads, type Pods } from './dedupe-workloads.js';
import { HELM_HOOK_ANNOTATION, helmHookOf } from './helm-hook.js';
import { describeSelector, selectorMatches, type LabelSelector } from '../k8s/label-selector.js';
import { WORKLOAD_KINDS } from './workload-kinds.js';
import type { Workload } from './workload.js';

export interface Discovery {
  workloads: Workload[];
  /** Workload items whose pod template matched but which cannot be protected (no namespace …). */
  problems: { ref: ObjectRef; message: string }[];
  /** Items whose pods match but that get no allowlist on purpose (local-config, an unknown kind, a duplicate, a Helm hook, pods another allowlist selects). */
  skipped: { ref: ObjectRef; message: string }[];
  /** Skipped workloads whose pods an allowlist of another workload selects all the same. */
  covered: ObjectRef[];
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
 * A Helm hook is not the controller and never gets an allowlist; nor does a workload whose pods the
 * allowlist of another one already selects (dedupeWorkloads). Both are reported.
 */
export function discoverWorkloads(objects: readonly KubeObject[], selector: LabelSelector, namespace: string | undefined): Discovery {
  const found: Discovery = { workloads: [], problems: [], skipped: [], covered: [] };
  const seen = new Set<string>();
  const hooks: { ref: ObjectRef; what: string; events: string; pods?: Pods }[] = [];
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
    const events = helmHookOf(object);
    if (events !== undefined) {
      const hookNamespace = objectNamespace ?? namespace;
      hooks.push({ ref, what, events, ...(hookNamespace ? { pods: { namespace: hookNamespace, labels } } : {}) });
      continue;
    }
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
    found.workloads.push({ ref, namespace: effectiveNamespace, podSelector, podLabels: labels, containerPorts: containerPorts(template) });
  }
  const { kept, covered } = dedupeWorkloads(found.workloads);
  found.workloads = kept;
  for (const { workload, by } of covered) {
    found.covered.push(workload.ref);
    found.skipped.push({ ref: workload.ref, message: `${describeRef(workload.ref)} gets no allowlist of its own: its pods are already selected by the allowlist of ${describeRef(by.ref)}, whose selector matches their labels, so that allowlist applies to them (one allowlist per set of pods)` });
  }
  for (const hook of hooks) {
    const by = hook.pods && coveringWorkload(hook.pods, kept);
    if (by) found.covered.push(hook.ref);
    found.skipped.push({ ref: hook.ref, message: hookMessage(hook.what, hook.events, by?.ref) });
  }
  return found;
}

/**
 * A hook (a pre-delete cleanup Job, a test Pod) runs briefly at a release event and serves none of the
 * controller's ports, so it gets no allowlist. Its pods may carry the controller's labels all the same
 * (the chart's cleanup Job does): then the controller's allowlist selects them, and the user should know
 * what that means. Tools that render a chart without running it (kustomize helmCharts: without
 * skipHooks, helm template without --no-hooks; kustomize api/types/helmchartargs.go) emit hooks as
 * ordinary objects, which kubectl apply creates at once.
 */
function hookMessage(what: string, events: string, by: ObjectRef | undefined): string {
  const head = `${what} is a Helm hook (${HELM_HOOK_ANNOTATION}: ${events}) and gets no allowlist: a hook is not the controller and serves none of its ports`;
  const selected = by
    ? `; its pods carry labels the allowlist of ${describeRef(by)} selects, so that allowlist applies to them too (the controller's ports open on them, and with egress on they reach only what it allows)`
    : '; no allowlist selects its pods';
  return `${head}${selected}. Rendered outside Helm (kustomize helmCharts: without skipHooks: true, helm template without --no-hooks) a hook is an ordinary object that runs as soon as it is applied`;
}

/** A Kptfile needs no test here: it has no pod template, and would be a kind this function does not know. */
function isLocalConfig(object: KubeObject): boolean {
  const value = object.metadata.annotations?.['config.kubernetes.io/local-config'];
  return value !== undefined && value !== 'false';
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
  // Stryker disable next-line ArrayDeclaration: a string in place of no expressions checks nothing; an In without values matches no pod, and both say no
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    if (operator === 'In' && !values.some((v) => text.includes(v))) return false;
    if ((operator === 'In' || operator === 'Exists') && !text.includes(key.slice(key.indexOf('/') + 1))) return false;
  }
  return true;
}

export { describeSelector };
