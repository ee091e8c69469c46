import type { Config } from '../config/load-config.js';
import type { ResourceList } from '../krm/resource-list.js';
import type { Outcome } from '../krm/result.js';
import { writeResourceList } from '../krm/write-resource-list.js';
import { loadExplain } from './load-explain.js';

/**
 * `networkPolicy.explain: true`: the traffic matrix of the list the function is about to write, as one
 * `info` result. Off by default; only then is the explain code loaded.
 */
export function explainStage(list: ResourceList, items: readonly string[], config: Config): Outcome<undefined> {
  const text = writeResourceList(list, items, []);
  const result = loadExplain().explainResult(text, config.values.networkPolicy.engine, config.selector, config.values.target.namespace);
  return { value: undefined, results: [result] };
}
