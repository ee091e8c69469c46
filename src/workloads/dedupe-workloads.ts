import { selectorMatches } from '../k8s/label-selector.js';
import type { Workload } from './workload.js';

/** Pods as an allowlist sees them: their namespace and labels. */
export interface Pods {
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

export interface Deduped {
  /** The workloads that get an allowlist, in their input order. */
  kept: Workload[];
  /** Workloads whose pods the allowlist of `by` already selects. */
  covered: { workload: Workload; by: Workload }[];
}

/**
 * Serving workloads first, then bare Pods, then run-to-completion ones: when a Job's pods carry the
 * controller's labels, the controller's Deployment keeps the allowlist (and its chart name).
 */
const RANK: Readonly<Record<string, number>> = { Pod: 1, Job: 2, CronJob: 2 };

/**
 * One allowlist per distinct set of pods. Every allowlist holds the same rules (they all come from the
 * same values) and selects `podSelector` in its workload's namespace, so a second allowlist for pods
 * another one already selects adds nothing but a duplicate: for the chart's cleanup Job, whose pods
 * carry the controller's selector labels, a second policy opening the controller's ports. Workloads
 * are taken in rank order (RANK, then list order); one whose pods an allowlist taken before already
 * selects gets none of its own.
 */
export function dedupeWorkloads(workloads: readonly Workload[]): Deduped {
  const order = workloads.map((workload, index) => ({ workload, index })).sort((a, b) => rankOf(a.workload) - rankOf(b.workload) || a.index - b.index);
  const kept: { workload: Workload; index: number }[] = [];
  const covered: Deduped['covered'] = [];
  for (const candidate of order) {
    const pods = podsOf(candidate.workload);
    const by = pods && coveringWorkload(pods, kept.map((k) => k.workload));
    if (by) covered.push({ workload: candidate.workload, by });
    else kept.push(candidate);
  }
  return { kept: kept.sort((a, b) => a.index - b.index).map((k) => k.workload), covered };
}

/** The first workload whose allowlist selects these pods: same namespace, its podSelector matches their labels. */
export function coveringWorkload(pods: Pods, workloads: readonly Workload[]): Workload | undefined {
  return workloads.find((w) => w.namespace === pods.namespace && selectorMatches(w.podSelector, pods.labels));
}

function podsOf(workload: Workload): Pods | undefined {
  return workload.podLabels ? { namespace: workload.namespace, labels: workload.podLabels } : undefined;
}

function rankOf(workload: Workload): number {
  return RANK[workload.ref.kind] ?? 0;
}
