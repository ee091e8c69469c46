import { loadConfig, type Config } from './config/load-config.js';
import { DIALECTS, allDialects } from './dialects/index.js';
import { renderPolicies } from './dialects/render-policies.js';
import { ensureParsed, indexEntries, type Entry } from './krm/entry.js';
import { isStackExhausted } from './krm/nesting.js';
import { readResourceList, type ResourceListInput } from './krm/read-resource-list.js';
import type { ResourceListText } from './krm/resource-list-text.js';
import { errorResult, exitCodeOf, formatResult, infoResult, warningResult, type Result } from './krm/result.js';
import { upsertItems } from './krm/upsert-items.js';
import { resultsForOutput, writeResourceList } from './krm/write-resource-list.js';
import { planPolicies } from './policy/plan-policies.js';
import { checkPolicies } from './policy/check-policies.js';
import { ownershipFor, ownershipResults, stampOwner } from './policy/ownership.js';
import { checkNeutralRules } from './policy/check-neutral-rules.js';
import { checkValues } from './policy/check-values.js';
import { discoverTargets } from './workloads/discover-targets.js';
import { isWorkloadKind } from './workloads/workload-kinds.js';
import { mayMatch } from './workloads/discover-workloads.js';
import { validateRendered } from './dialects/validate-rendered.js';

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
 * The whole function: read → config → discover workloads → plan → render → validate → upsert → write.
 * User mistakes become results (and exit code 1) with the input items unchanged on stdout. Stdin is
 * its bytes (decoded strictly as UTF-8) or text.
 */
export function run(stdin: string | Uint8Array, options: RunOptions = {}): RunOutput {
  try {
    return runPipeline(stdin, options);
  } catch (error) {
    // parsing and what follows recurse: deep nesting is a limit of the stack, not a bug
    if (!isStackExhausted(error)) throw error;
    return { ...finish(undefined, [], [errorResult('input is nested too deeply to read on this stack')]), exhaustedStack: true };
  }
}

function runPipeline(stdin: string | Uint8Array, options: RunOptions): RunOutput {
  const read = readResourceList(stdin, { forceParse: options.parseEverything ?? false });
  if (!read.ok) return finish(undefined, [], read.results);
  const { input } = read;
  const results: Result[] = [...input.notes];
  const unchanged = () => finish(input, input.text.items, results);

  const loaded = loadConfig(input.functionConfig);
  results.push(...loaded.results);
  if (!loaded.config) return unchanged();
  const { config } = loaded;
  const { values } = config;
  if (!config.enabledIsSet) {
    results.push(warningResult(NOT_SET, config.ref ? { resourceRef: config.ref, field: { path: 'networkPolicy.enabled' } } : { field: { path: 'networkPolicy.enabled' } }));
    return unchanged();
  }
  const dialect = DIALECTS[values.networkPolicy.engine];

  const entries = indexEntries(input.text);
  for (const entry of entries) {
    if (!options.parseEverything && !mayMatter(entry, config)) continue;
    const parsed = ensureParsed(entry, input.text);
    // no resourceRef can name an item that does not parse, so the message carries its index
    if (parsed.error) results.push(errorResult(`items[${entry.index}] is not valid YAML: ${parsed.error}`));
    else if (!parsed.object) results.push(errorResult(`items[${entry.index}] is not a KRM object: apiVersion, kind and metadata.name are required`));
  }
  if (exitCodeOf(results) !== 0) return unchanged();

  const targets = values.networkPolicy.enabled ? discoverTargets(entries, config, input.functionConfig) : { workloads: [], covered: [], results: [] };
  results.push(...targets.results);
  if (exitCodeOf(results) !== 0) return unchanged();

  const at = config.ref ? { resourceRef: config.ref } : {};
  if (values.networkPolicy.enabled) {
    for (const p of checkNeutralRules(values)) results.push(errorResult(p.message, { ...at, field: { path: p.path } }));
    if (exitCodeOf(results) !== 0) return unchanged();
    for (const p of checkValues(values)) results.push(warningResult(p.message, { ...at, field: { path: p.path } }));
  }
  const { plans, precedence, notes } = planPolicies(values, targets.workloads, dialect);
  for (const note of notes) results.push(infoResult(note.message, { ...at, field: { path: note.path } }));
  const rendered = renderPolicies(plans, dialect, precedence);
  rendered.rendered = stampOwner(rendered.rendered, config.owner);
  for (const p of rendered.problems) results.push(errorResult(p.message, { ...at, field: { path: p.path } }));
  for (const note of rendered.notes) results.push(infoResult(note, at));
  results.push(...validateRendered(rendered.rendered, dialect));
  results.push(...checkPolicies(plans, rendered.rendered, targets, entries, dialect, config));
  if (exitCodeOf(results) !== 0) return unchanged();

  const upsert = upsertItems(entries, rendered.rendered.map((r) => r.object), ownershipFor(config.owner), input.text.seqIndent);
  results.push(...ownershipResults(upsert, config.owner));
  if (exitCodeOf(results) !== 0) return unchanged();
  results.push(summary(values.networkPolicy.enabled, upsert, rendered.rendered.length));
  return finish(input, upsert.items, results);
}

const NOT_SET =
  'is not set (no functionConfig, kpt\'s empty placeholder, or values without the key): nothing is rendered and nothing removed; set it to true to render the policies, or to false to remove the ones this function generated';

/** Whether an item can matter: a possible workload of the controller, or an object of a policy kind. */
function mayMatter(entry: Entry, config: Config): boolean {
  const { header } = entry;
  if (header.uncertain || POLICY_KINDS.has(header.kind ?? '')) return true;
  if (!config.values.networkPolicy.enabled || config.pods) return false;
  // Unknown kinds with a pod template are parsed too, to say that their matching pods get nothing.
  return (isWorkloadKind(header.kind) || entry.text.includes('template')) && mayMatch(entry.text, config.selector);
}

const POLICY_KINDS = new Set(allDialects().map((d) => d.kind));

function summary(enabled: boolean, upsert: ReturnType<typeof upsertItems>, count: number): Result {
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

/** What is written when the input could not be read at all: an empty list carrying the results. */
const EMPTY_LIST: ResourceListText = {
  regions: [
    { key: 'apiVersion', text: 'apiVersion: config.kubernetes.io/v1\n' },
    { key: 'kind', text: 'kind: ResourceList\n' },
  ],
  items: [],
  seqIndent: 0,
  mode: 'rebuilt',
};

function finish(input: ResourceListInput | undefined, items: readonly string[], results: readonly Result[]): RunOutput {
  const all = [...(input?.results ?? []), ...resultsForOutput(results)];
  const stdout = writeResourceList(input?.text ?? EMPTY_LIST, items, all);
  // Warnings and errors only: kpt prints the results itself, and an info line twice is noise.
  const stderr = results.filter((r) => r.severity !== 'info').map((r) => `${formatResult(r)}\n`).join('');
  return { stdout, stderr, exitCode: exitCodeOf(results) };
}
