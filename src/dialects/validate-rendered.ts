import type { Dialect, Origin, Rendered } from './dialect.js';
import { dialectOf } from './index.js';
import { refOf } from '../k8s/kube-object.js';
import { errorResult, type Result } from '../krm/result.js';
import { validateObject } from '../validate/validate-object.js';

/** The origin whose object path holds a field path (`spec.ingress[2].from[0]` is inside `spec.ingress[2]`). */
export function originOf<T extends Pick<Origin, 'objectPath'>>(path: string, origins: readonly T[]): T | undefined {
  return origins.find((o) => path === o.objectPath || path.startsWith(`${o.objectPath}.`) || path.startsWith(`${o.objectPath}[`));
}

/**
 * Nothing invalid is ever written: each rendered object is checked against its API's schema and the
 * API server's rules. A violation inside a verbatim rule names the value the user wrote; inside a
 * translated one, the values rule it came from.
 */
export function validateRendered(rendered: readonly Rendered[], dialect: Dialect): Result[] {
  const results: Result[] = [];
  for (const { object, origins } of rendered) {
    // A companion may be of another dialect than the selected one (a NetworkPolicy in Flux's namespace).
    for (const violation of validateObject(object, (dialectOf(object) ?? dialect).validation)) {
      const origin = originOf(violation.path, origins);
      const where = !origin ? '' : origin.verbatim ? ` (written at ${origin.valuesPath}${violation.path.slice(origin.objectPath.length)})` : ` (translated from ${origin.valuesPath})`;
      results.push(errorResult(`${violation.message}${where}`, { resourceRef: refOf(object), field: { path: violation.path } }));
    }
  }
  return results;
}
