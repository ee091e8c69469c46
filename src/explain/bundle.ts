import { FUNCTION_NAME } from '../constants.js';
import type { LabelSelector } from '../k8s/label-selector.js';
import { infoResult, type Result } from '../krm/result.js';
import { parseArguments, type Command, type Format, type Parsed } from './arguments.js';
import { diffExplanations } from './diff.js';
import { judge, prepare, worldFor, type ExplainOptions } from './explain.js';
import { deltaMarkdown, explanationMarkdown } from './format/markdown.js';
import { deltaMermaid, explanationMermaid } from './format/mermaid.js';
import type { Delta, Explanation } from './model.js';
import { readObjects } from './read-objects.js';

/**
 * The entry point of dist/explain.cjs, which src/explain/load-explain.ts loads only for the `explain`
 * and `diff` subcommands and for the functionConfig key `networkPolicy.explain`: the function's cold
 * start never pays for any of this.
 */

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Exit codes of the subcommands (docs/explain.md): 1 bad input, 2 wrong usage, 3 a widening `diff --fail-on-widening`. */
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_WIDENED = 3;

export { parseArguments, type Command, type Parsed };

const fail = (message: string, exitCode = EXIT_ERROR): CommandOutput => ({ stdout: '', stderr: `${FUNCTION_NAME} ${message}\n`, exitCode });

/** Runs a parsed command on its inputs' bytes (in the order of `command.inputs`); `read` errors come as strings. */
export function runCommand(command: Command, inputs: readonly (Uint8Array | string | { error: string })[]): CommandOutput {
  const options: ExplainOptions = {
    selector: command.selector,
    ...(command.engine !== undefined ? { engine: command.engine } : {}),
    ...(command.namespace !== undefined ? { namespace: command.namespace } : {}),
    ...(command.apiserver !== undefined ? { apiserver: command.apiserver } : {}),
    ...(command.command === 'diff' ? { noneIsNote: true } : {}),
  };
  const prepared = [];
  for (const [i, input] of inputs.entries()) {
    const name = nameOf(command, i);
    if (typeof input === 'object' && 'error' in input) return fail(`${command.command}: ${name}: ${input.error}`);
    const read = readObjects(input, name);
    if (read.error !== undefined) return fail(`${command.command}: ${read.error}`);
    const one = prepare(read.objects, options, name);
    if (one.error !== undefined) return fail(`${command.command}: ${one.error}`);
    prepared.push(one.prepared);
  }
  // a diff may add or remove the controller, but one of its sides must have it
  if (prepared.every((p) => p.subjects.length === 0)) return fail(`${command.command}: ${prepared.flatMap((p) => p.notes).at(-1) ?? 'no StageSet controller workload'}`);
  const made = worldFor(prepared, command.apiserver);
  if (made.error !== undefined) return fail(`${command.command}: ${made.error}`);
  const explanations = prepared.map((p) => judge(p, made.world, made.apiserver));
  if (command.command === 'explain') return { stdout: showExplanation(explanations[0]!, command.format), stderr: '', exitCode: 0 };
  const delta = diffExplanations(explanations[0]!, explanations[1]!);
  return { stdout: showDelta(delta, command.format), stderr: '', exitCode: command.failOnWidening && delta.widened ? EXIT_WIDENED : 0 };
}

function nameOf(command: Command, i: number): string {
  const file = command.inputs[i]!;
  const what = file === '-' ? 'stdin' : file;
  return command.command === 'diff' ? `${i === 0 ? 'OLD' : 'NEW'} (${what})` : what;
}

export function showExplanation(explanation: Explanation, format: Format): string {
  if (format === 'json') return `${JSON.stringify(explanation, null, 2)}\n`;
  return format === 'mermaid' ? explanationMermaid(explanation) : explanationMarkdown(explanation);
}

export function showDelta(delta: Delta, format: Format): string {
  if (format === 'json') return `${JSON.stringify(delta, null, 2)}\n`;
  return format === 'mermaid' ? deltaMermaid(delta) : deltaMarkdown(delta);
}

/**
 * The function's own `info` result (functionConfig `networkPolicy.explain: true`): the Markdown matrix of
 * the list it is about to write, judged by the engine it renders for; a matrix that cannot be made is
 * said in the result instead, never an error of the run.
 */
export function explainResult(outputText: string, engine: string, selector: LabelSelector, namespace: string | undefined): Result {
  const read = readObjects(outputText, 'the output');
  const one = read.error !== undefined ? read : prepare(read.objects, { engine, selector, ...(namespace ? { only: namespace } : {}) }, 'the output');
  if (one.error !== undefined) return infoResult(`no traffic matrix: ${one.error}`);
  const made = worldFor([one.prepared], undefined);
  if (made.error !== undefined) return infoResult(`no traffic matrix: ${made.error}`);
  return infoResult(explanationMarkdown(judge(one.prepared, made.world, made.apiserver)));
}
