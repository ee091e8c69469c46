import type { Values } from '../config/values-schema.js';
import type { KubeObject } from '../k8s/kube-object.js';
import type { DerivedEgress, EgressProblem, EgressTarget } from './egress-target.js';
import { itemTargets } from './item-targets.js';
import { valuesTargets } from './values-targets.js';

export interface DeriveEgressContext {
  /** The controller's namespace, where a Service name of one label resolves; default target.pods.namespace, else target.namespace. */
  namespace?: string;
}

/**
 * The egress the configuration implies: the chart's values (tracing, rollback store, action hosts,
 * Flux's source-controller) and the items (StageSet kubeConfigs, MetricSources), each behind its
 * networkPolicy.egress.derived switch. derived.enabled is not read: the caller renders the targets
 * when it is on, and lists them as what would be derived when it is off.
 *
 * Targets come in a fixed order (the values in the order above, then the items in list order);
 * targets with the same peer and ports are merged into the first, which lists the others' origins.
 */
export function deriveEgress(values: Values, items: readonly KubeObject[], context: DeriveEgressContext = {}): DerivedEgress {
  const namespace = context.namespace ?? values.target.pods?.namespace ?? values.target.namespace;
  const found: DerivedEgress = { targets: [], problems: [], notes: [] };
  valuesTargets(values, found, namespace);
  if (values.networkPolicy.egress.derived.items) itemTargets(items, found, namespace);
  return { targets: merged(found.targets), problems: unique(found.problems), notes: unique(found.notes) };
}

function merged(targets: readonly EgressTarget[]): EgressTarget[] {
  const byFlow = new Map<string, EgressTarget>();
  for (const target of targets) {
    const key = JSON.stringify([target.to, target.ports]);
    const first = byFlow.get(key);
    if (!first) byFlow.set(key, { ...target });
    else if (first.origin !== target.origin && !first.alsoFrom?.includes(target.origin)) first.alsoFrom = [...(first.alsoFrom ?? []), target.origin];
  }
  return [...byFlow.values()];
}

function unique(problems: readonly EgressProblem[]): EgressProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
