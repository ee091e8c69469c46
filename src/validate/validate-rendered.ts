import type { Rendered } from '../dialects/dialect.js';
import { refOf } from '../krm/kube-object.js';
import { errorResult, type Result } from '../krm/result.js';
import { validateObject } from './validate-object.js';

/**
 * Nothing invalid is ever written: each rendered object is checked against its API's schema and the
 * API server's rules. A violation inside a verbatim rule names the value the user wrote.
 */
export function validateRendered(rendered: readonly Rendered[]): Result[] {
  const results: Result[] = [];
  for (const { object, origins } of rendered) {
    for (const violation of validateObject(object)) {
      const origin = origins.find((o) => violation.path === o.objectPath || violation.path.startsWith(`${o.objectPath}.`) || violation.path.startsWith(`${o.objectPath}[`));
      const written = origin ? ` (written at ${origin.valuesPath}${violation.path.slice(origin.objectPath.length)})` : '';
      results.push(errorResult(`${violation.message}${written}`, { resourceRef: refOf(object), field: { path: violation.path } }));
    }
  }
  return results;
}
