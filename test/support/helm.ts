/**
 * The real helm and the real chart: the helm binary test/tools/fetch-helm.mjs put in place (pinned in
 * test/tools/helm.json; `npm test` runs the fetch first) and the vendored stageset-controller chart.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import pin from '../tools/helm.json';
import { run } from './e2e';
import { FIXTURES, ROOT } from './paths';

export const HELM = join(ROOT, 'node_modules', '.cache', 'controller-network-policy', `helm-${pin.helm}`, 'helm');
export const HELM_VERSION = pin.helm;
/** The vendored chart (test/fixtures/SOURCES.txt). */
export const CHART = join(FIXTURES, 'chart', 'stageset-controller');

/** Why helm cannot run here, or undefined when it can (for describeUnless). */
export function helmMissing(): string | undefined {
  try {
    accessSync(HELM, constants.X_OK);
    return undefined;
  } catch {
    return `helm ${pin.helm} is not at ${HELM} (node test/tools/fetch-helm.mjs puts it there; npm test runs it)`;
  }
}

export interface TemplateOptions {
  release?: string;
  namespace?: string;
  /** Passed as one values file (on stdin, `-f -`), like a user's values.yaml. */
  values?: Record<string, unknown>;
  /** Values files of the chart itself, relative to it (`ci/networkpolicy-values.yaml`). */
  valuesFiles?: readonly string[];
  args?: readonly string[];
}

/** `helm template` of the vendored chart: the multi-document YAML a user would pipe on. */
export function helmTemplate(options: TemplateOptions = {}): string {
  const { args, input } = prepare(options);
  const result = run(HELM, args, { env: helmHome(), input });
  if (result.status !== 0) throw new Error(result.report);
  return result.stdout;
}

/** helmTemplate for many values at once, as many helm processes at a time as there are CPUs. */
export async function helmTemplateAll(all: readonly TemplateOptions[]): Promise<string[]> {
  const out: string[] = new Array<string>(all.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < all.length; i = next++) out[i] = await helmTemplateAsync(all[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), all.length) }, worker));
  return out;
}

function helmTemplateAsync(options: TemplateOptions): Promise<string> {
  const { args, input } = prepare(options);
  return new Promise<string>((resolve, reject) => {
    const child = spawn(HELM, args, { env: { ...process.env, ...helmHome() }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new Error(`helm ${args.join(' ')}: exit status ${status}\n${Buffer.concat(stderr).toString('utf8')}`));
    });
    child.stdin.end(input);
  });
}

/** The argv; the values go in on stdin (`-f -`), like a user's values.yaml. */
function prepare(options: TemplateOptions): { args: string[]; input: string } {
  const args = ['template', options.release ?? 'stageset-controller', CHART, '--namespace', options.namespace ?? 'stageset-system'];
  for (const file of options.valuesFiles ?? []) args.push('-f', join(CHART, file));
  if (options.values) args.push('-f', '-');
  args.push(...(options.args ?? []));
  return { args, input: options.values ? stringify(options.values) : '' };
}

let home: string | undefined;

/** HELM_*_HOME of the tests' own (one per process, removed at exit), so no user configuration leaks in. */
function helmHome(): Record<string, string> {
  if (!home) {
    const dir = mkdtempSync(join(tmpdir(), 'cnp-helm-home-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    home = dir;
  }
  return { HELM_CONFIG_HOME: home, HELM_CACHE_HOME: home, HELM_DATA_HOME: home };
}
