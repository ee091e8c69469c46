import type { KubeObject } from '../k8s/kube-object.js';
import { permissionOf, queryOf, type QueryId } from './queries.js';

/**
 * What one query gave: the objects (none when there are none, or the one named does not exist), or why
 * it could not be read (forbidden, an unexpected answer, or marked unreadable in a dump).
 */
export type Observation = { readable: true; objects: readonly KubeObject[] } | { readable: false; reason: string };

export type Observations = ReadonlyMap<QueryId, Observation>;

/** A value discover found, and where it came from (the comment written next to it). */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** The objects of a query; undefined when it could not be read (a warning says so once, in `unreadableWarnings`). */
export function objectsOf(observations: Observations, id: QueryId): readonly KubeObject[] | undefined {
  const observation = observations.get(id);
  return observation?.readable ? observation.objects : undefined;
}

/** One warning per query that could not be read, naming the permission it needs. */
export function unreadableWarnings(observations: Observations): string[] {
  const warnings: string[] = [];
  for (const [id, observation] of observations) {
    if (observation.readable) continue;
    const query = queryOf(id);
    warnings.push(`${query.purpose} not read: ${observation.reason} (needs: ${permissionOf(query)})`);
  }
  return warnings;
}

/** `Kind namespace/name`, the way the comments name an object. */
export function nameOf(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}
