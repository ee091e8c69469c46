import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import Ajv from 'ajv';
import { stringify } from 'yaml';
import type { Engine } from '../../src/dialects/index';
import { parseArguments, runCommand, type CommandOutput } from '../../src/explain/bundle';
import { run } from '../../src/run';
import { unifiedDiff } from '../support/e2e';
import { controllerDeployment, otherDeployment, resourceList, typedConfig } from '../support/fixtures';
import { ROOT } from '../support/paths';
import { updatingGoldens } from '../support/update-golden';

/** Helpers of the explain tests: the function's own output as input, the subcommands in-process, the checks of each format. */

export const EXPLAIN_SCHEMA = join(ROOT, 'functions', 'controller-network-policy', 'explain.schema.json');

/** The function's output for the controller (and a neighbour) under `engine` with these networkPolicy values. */
export function functionOutput(engine: Engine, networkPolicy: Record<string, unknown>, extraItems: readonly string[] = []): string {
  const values = stringify({ networkPolicy: { enabled: true, engine, ...networkPolicy } });
  const output = run(resourceList([controllerDeployment(), otherDeployment('stageset-system', 'neighbour'), ...extraItems], typedConfig(values)));
  if (output.exitCode !== 0) throw new Error(output.stderr);
  return output.stdout;
}

/** `explain`/`diff` with these arguments, the inputs given by content in the order of the file arguments. */
export function command(argv: readonly string[], inputs: readonly string[]): CommandOutput {
  const parsed = parseArguments(argv);
  if (parsed.error !== undefined) throw new Error(parsed.error);
  return runCommand(parsed.command, inputs);
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Violations of functions/controller-network-policy/explain.schema.json, as `path message` lines. */
export function schemaViolations(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(EXPLAIN_SCHEMA, 'utf8')) as object);
  return validator(value) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Mermaid's own parser on each text (test/tools/mermaid-parse.mjs): null for accepted, else its message. */
export function mermaidVerdicts(texts: readonly string[]): (string | null)[] {
  const out = spawnSync(process.execPath, [join(ROOT, 'test', 'tools', 'mermaid-parse.mjs')], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`mermaid-parse.mjs failed (${out.status}): ${out.stderr}`);
  return JSON.parse(out.stdout) as (string | null)[];
}

/** A golden file: written under UPDATE_GOLDEN=1, compared byte for byte otherwise. */
export function expectFile(file: string, actual: string): void {
  const shown = relative(ROOT, file);
  if (updatingGoldens()) {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file) || readFileSync(file, 'utf8') !== actual) writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${shown} does not exist: create it with UPDATE_GOLDEN=1 npx jest test/explain, then review it`);
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) throw new Error(`${shown} differs (- expected, + actual); if intended: UPDATE_GOLDEN=1 npx jest test/explain\n${unifiedDiff(expected, actual, [shown, 'actual'])}`);
}
