import { describeRef, identityOf, refOf, type KubeObject, type ObjectRef } from '../k8s/kube-object.js';
import type { LabelSelector } from '../k8s/label-selector.js';
import { describeSelector, discoverWorkloads } from '../workloads/discover-workloads.js';
import { WORKLOAD_KINDS } from '../workloads/workload-kinds.js';
import { podPorts, type Subject } from './world.js';

export interface Subjects {
  subjects: Subject[];
  /** Why some matching workloads are not shown (a Helm hook, pods another workload's allowlist selects). */
  notes: string[];
  /** Every workload whose pods the selector matches, shown or not: never a neighbour. */
  matched: ObjectRef[];
  /** Set when nothing matched: what to tell the user. */
  none?: string;
}

/**
 * The protected workloads (the controller's, found as the function finds them) and, for each of their
 * namespaces, the other pods of that namespace: a pod no policy names, which only namespace-wide
 * policies (a default-deny) select.
 */
export function findSubjects(objects: readonly KubeObject[], selector: LabelSelector, namespace: string | undefined): Subjects {
  const found = discoverWorkloads(objects, selector, namespace);
  const byIdentity = new Map(objects.map((o) => [identityOf(refOf(o)), o]));
  const notes = found.skipped.map((s) => `${describeRef(s.ref)} is not shown: ${whySkipped(s.message)}`);
  notes.push(...found.problems.map((p) => `${describeRef(p.ref)} is not shown: ${p.message}`));
  if (found.workloads.length === 0) {
    const seen = objects.filter((o) => o.kind in WORKLOAD_KINDS).map((o) => describeRef(refOf(o)));
    const list = seen.length === 0 ? 'the input holds no workload at all' : `workloads seen: ${seen.slice(0, 10).join(', ')}${seen.length > 10 ? `, and ${seen.length - 10} more` : ''}`;
    return { subjects: [], notes, matched: [], none: `no StageSet controller workload in the input: no pod template matches ${describeSelector(selector)}${namespace ? ` in namespace ${namespace}` : ''} (${list}); pass --selector to explain another workload` };
  }
  const subjects: Subject[] = found.workloads.map((workload, i) => {
    const object = byIdentity.get(identityOf(workload.ref));
    const { named, declared } = podPorts(templateOf(object));
    return {
      id: subjectId(workload.ref),
      kind: 'workload',
      label: describeRef(workload.ref),
      workload: workload.ref,
      pod: { kind: 'pod', name: `${workload.ref.name}-pod`, namespace: workload.namespace, labels: workload.podLabels ?? {}, ip: `10.244.1.${10 + (i % 80)}`, node: 'node-a', namedPorts: named },
      declared,
    };
  });
  const namespaces = [...new Set(subjects.map((s) => s.pod.namespace))].sort();
  namespaces.forEach((ns, i) =>
    subjects.push({
      id: `neighbours/${ns}`,
      kind: 'neighbours',
      label: `Other pods of ${ns}`,
      pod: { kind: 'pod', name: 'a-neighbour', namespace: ns, labels: {}, ip: `10.244.1.${100 + (i % 90)}`, node: 'node-a' },
      declared: [],
    }),
  );
  return { subjects, notes, matched: [...found.workloads.map((w) => w.ref), ...found.skipped.map((s) => s.ref), ...found.problems.map((p) => p.ref)] };
}

function subjectId(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

function templateOf(object: KubeObject | undefined): unknown {
  if (!object) return undefined;
  let current: unknown = object;
  for (const key of WORKLOAD_KINDS[object.kind]?.template ?? []) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** The reason discovery gave for not protecting a workload, in a few words (src/workloads/discover-workloads.ts words it in full). */
function whySkipped(message: string): string {
  const reasons: [RegExp, string][] = [
    [/is a Helm hook/, 'it is a Helm hook'],
    [/already selected by the allowlist of/, 'its pods are those of a workload shown here'],
    [/local-config/, 'it is local-config, never deployed'],
    [/more than once/, 'it is listed more than once'],
    [/not a workload kind/, 'its kind is not a workload kind the function knows'],
  ];
  return reasons.find(([pattern]) => pattern.test(message))?.[1] ?? message;
}
