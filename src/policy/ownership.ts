import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, ORIGINS_ANNOTATION, OWNER_ANNOTATION } from '../constants.js';
import { dialectOf } from '../dialects/index.js';
import { isDeepStrictEqual } from 'node:util';
import { describeRef, refOf, type KubeObject } from '../k8s/kube-object.js';
import { errorResult, infoResult, warningResult, type Result } from '../krm/result.js';
import type { Ownership, UpsertOutcome } from '../krm/upsert-items.js';
import type { Origin } from '../dialects/dialect.js';

/** The label Helm's chart conventions put on every object a chart renders (https://helm.sh/docs/chart_best_practices/labels/). */
const HELM_CHART_LABEL = 'helm.sh/chart';

/**
 * Marks what a configuration renders as its own (the owner annotation), and as this function's for people
 * (the label); the origins annotation keeps which values key each part came from, for `explain`. It is
 * written on every object, `{}` included, because an update keeps annotations it does not set.
 */
export function stampOwner<T extends { object: KubeObject; origins?: readonly Origin[] }>(rendered: readonly T[], owner: string): T[] {
  return rendered.map((r) => {
    const { metadata } = r.object;
    const origins = JSON.stringify(Object.fromEntries((r.origins ?? []).map((o) => [o.objectPath, o.valuesPath])));
    const annotations = { ...metadata.annotations, [OWNER_ANNOTATION]: owner, [ORIGINS_ANNOTATION]: origins };
    return { ...r, object: { ...r.object, metadata: { ...metadata, labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }, annotations } } };
  });
}

/**
 * Who owns an object, for the configuration `owner`: the owner annotation names it (this configuration,
 * or another one of this function); an object of an earlier version has only the managed-by label and
 * is adopted by whichever configuration renders it; anything else is foreign.
 */
export function ownershipFor(owner: string): (object: KubeObject) => Ownership {
  return (object) => {
    // any dialect's kind: switching engines must still find (and remove) the old objects
    if (!dialectOf(object)) return 'foreign';
    const marker = object.metadata.annotations?.[OWNER_ANNOTATION];
    if (marker !== undefined) return marker === owner ? 'mine' : 'sibling';
    return object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE ? 'mine' : 'foreign';
  };
}

/** What the upsert found about other owners: clashes (errors), take-overs (warnings), objects left alone (info). */
export function ownershipResults(upsert: UpsertOutcome, owner: string): Result[] {
  const results: Result[] = [];
  for (const { wanted, existing } of upsert.clashes) {
    results.push(errorResult(`${describeRef(refOf(wanted))} already exists and is not this function's (no ${OWNER_ANNOTATION} annotation): it is never overwritten; ${clashAdvice(wanted, existing, owner)}`, { resourceRef: refOf(wanted) }));
  }
  for (const { object, previous } of upsert.adopted) {
    results.push(
      warningResult(
        `${describeRef(refOf(object))} was rendered by another configuration of this function (${previous.metadata.annotations?.[OWNER_ANNOTATION] ?? '?'}) and is now rendered by ${owner}: two configurations that render the same object overwrite each other, the last in the pipeline wins; give them different target.namespace or target.selector (after renaming a configuration this appears once)`,
        { resourceRef: refOf(object) },
      ),
    );
  }
  if (upsert.siblings.length > 0) {
    const owners = [...new Set(upsert.siblings.map((o) => o.metadata.annotations?.[OWNER_ANNOTATION] ?? '?'))].sort();
    results.push(
      infoResult(
        `${upsert.siblings.length} object${upsert.siblings.length > 1 ? 's' : ''} of other configurations of this function left as they are (${owners.join(', ')}); if such a configuration was renamed or removed, render it once more with networkPolicy.enabled: false first, or delete its objects`,
      ),
    );
  }
  return results;
}

/**
 * What to do about a clash. A chart-rendered policy (Helm's `helm.sh/chart` label, which Helm's chart
 * conventions put on every object) comes from the same values given to the chart too; when the object
 * looks like one this function made, say how it may have lost its marker.
 */
function clashAdvice(wanted: KubeObject, existing: KubeObject, owner: string): string {
  const label = existing.metadata.labels?.[MANAGED_BY_LABEL];
  const chart = existing.metadata.labels?.[HELM_CHART_LABEL];
  if (chart !== undefined) {
    return `it was rendered by the Helm chart ${chart} (label ${HELM_CHART_LABEL}): render the chart with networkPolicy.enabled: false, so that this function's policies take the place of the chart's, or drop the chart's`;
  }
  const handBack = `add the annotation ${OWNER_ANNOTATION}: "${owner}" to hand it back, or remove it`;
  if (label !== undefined && label !== MANAGED_BY_VALUE) {
    return `it looks like one this function generated before it marked ownership with an annotation, and a later step changed its ${MANAGED_BY_LABEL} label to "${label}"; ${handBack}`;
  }
  if (isDeepStrictEqual(existing.spec, wanted.spec)) return `its spec is exactly what this function renders, so it may be one it generated whose marker was removed; ${handBack}`;
  return 'rename or remove it';
}
