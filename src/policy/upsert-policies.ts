import type { Config } from '../config/load-config.js';
import type { Rendered } from '../dialects/dialect.js';
import type { ResourceList } from '../krm/resource-list.js';
import { hasErrors, infoResult, type Outcome, type Result } from '../krm/result.js';
import { upsertItems, type UpsertOutcome } from '../krm/upsert-items.js';
import { ownershipFor, ownershipResults, stampOwner } from './ownership.js';

/**
 * The upsert stage: the rendered objects, marked as this configuration's, put into the list (updated in
 * place, added, or — no longer wanted — removed), with what it found about other owners and a summary.
 */
export function upsertPolicies(list: ResourceList, rendered: readonly Rendered[], config: Config): Outcome<string[]> {
  const objects = stampOwner(rendered, config.owner).map((r) => r.object);
  const upsert = upsertItems(list, objects, ownershipFor(config.owner));
  const results = ownershipResults(upsert, config.owner);
  if (!hasErrors(results)) results.push(summary(config.values.networkPolicy.enabled, upsert, objects.length));
  return { value: upsert.items, results };
}

function summary(enabled: boolean, upsert: UpsertOutcome, count: number): Result {
  const changes = [
    upsert.added.length && `${upsert.added.length} added`,
    upsert.updated.length && `${upsert.updated.length} updated`,
    upsert.adopted.length && `${upsert.adopted.length} taken over`,
    upsert.removed.length && `${upsert.removed.length} removed`,
    upsert.duplicates.length && `${upsert.duplicates.length} duplicate${upsert.duplicates.length > 1 ? 's' : ''} dropped`,
  ].filter(Boolean);
  const what = enabled ? `${count} network polic${count === 1 ? 'y' : 'ies'} rendered` : 'networkPolicy.enabled is false: nothing rendered';
  return infoResult(`${what}${changes.length ? ` (${changes.join(', ')})` : ', no change'}`);
}
