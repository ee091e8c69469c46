import { loadConfig } from './config/load-config.js';
import { DIALECTS } from './dialects/index.js';
import { explainStage } from './explain/explain-stage.js';
import { renderStage } from './dialects/render-policies.js';
import { isStackExhausted } from './krm/nesting.js';
import { readResourceList } from './krm/read-resource-list.js';
import { parseItems, type ResourceList } from './krm/resource-list.js';
import { errorResult, exitCodeOf, formatResult, hasErrors, type Outcome, type Result } from './krm/result.js';
import { writeResourceList } from './krm/write-resource-list.js';
import { planStage } from './policy/plan-policies.js';
import { upsertPolicies } from './policy/upsert-policies.js';
import { validatePolicies } from './policy/validate-policies.js';
import { deriveStage, itemsForEgress } from './egress/derive-stage.js';
import { discoverTargets } from './workloads/discover-targets.js';
import { itemsThatMatter } from './workloads/items-that-matter.js';

export interface RunOptions {
  /** Parse every item instead of only those that can matter (the property tests compare both). */
  parseEverything?: boolean;
}

export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The input was nested deeper than this thread's stack could follow: a larger stack may read it. */
  exhaustedStack?: true;
}

/**
 * The whole function: read → config → discover workloads → derive egress → plan → render → validate →
 * upsert → (explain) → write.
 * Each stage gives a value and its results; the first stage with an error stops the run, and the input
 * items come out unchanged. Stdin is its bytes (decoded strictly as UTF-8) or text.
 */
export function run(stdin: string | Uint8Array, options: RunOptions = {}): RunOutput {
  try {
    return runPipeline(stdin, options);
  } catch (error) {
    // parsing and what follows recurse: deep nesting is a limit of the stack, not a bug
    if (!isStackExhausted(error)) throw error;
    return { ...output(undefined, [errorResult('input is nested too deeply to read on this stack')]), exhaustedStack: true };
  }
}

function runPipeline(stdin: string | Uint8Array, options: RunOptions): RunOutput {
  const results: Result[] = [];
  const take = <T>(outcome: Outcome<T>): T => {
    results.push(...outcome.results);
    return outcome.value;
  };

  const list = take(readResourceList(stdin, { forceParse: options.parseEverything ?? false }));
  if (!list) return output(undefined, results);
  const config = take(loadConfig(list.functionConfig));
  if (!config || hasErrors(results) || !config.enabledIsSet) return output(list, results);
  const dialect = DIALECTS[config.values.networkPolicy.engine];

  const matters = itemsThatMatter(config);
  const egressItems = itemsForEgress(config);
  take(parseItems(list, options.parseEverything ? () => true : (item) => matters(item) || egressItems(item)));
  if (hasErrors(results)) return output(list, results);
  const targets = take(discoverTargets(list, config));
  if (hasErrors(results)) return output(list, results);
  const derived = take(deriveStage(list, config, targets));
  const plan = take(planStage(config, targets, dialect, derived));
  if (!plan) return output(list, results);
  const rendered = take(renderStage(plan, dialect, config.ref ? { resourceRef: config.ref } : {}));
  take(validatePolicies(rendered, plan.plans, targets, list, dialect, config));
  if (hasErrors(results)) return output(list, results);
  const items = take(upsertPolicies(list, rendered, config));
  if (hasErrors(results)) return output(list, results);
  if (config.values.networkPolicy.explain) take(explainStage(list, items, config));
  return output(list, results, items);
}

/** The list (its items unchanged unless `items` is given) with the results; stderr holds warnings and errors. */
function output(list: ResourceList | undefined, results: readonly Result[], items?: readonly string[]): RunOutput {
  // kpt prints the results itself, and an info line twice is noise
  const stderr = results.filter((r) => r.severity !== 'info').map((r) => `${formatResult(r)}\n`).join('');
  return { stdout: writeResourceList(list, items, results), stderr, exitCode: exitCodeOf(results) };
}
