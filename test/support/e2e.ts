/**
 * Helpers for the end-to-end tests (test/e2e, test/examples): they drive the real tools installed on
 * the machine (kpt, kubectl's kustomize, git) against the built bundle, each in a fresh temp dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { BIN, ROOT } from './paths';
import { updatingGoldens } from './update-golden';

export { BIN, ROOT };
export const BUNDLE = join(ROOT, 'dist', 'controller-network-policy.cjs');
export const FAKE_DOCKER_DIR = join(ROOT, 'test', 'support', 'fake-docker');
/** The image reference the examples and tests use; the fake docker accepts it (see its header). */
export const IMAGE = `ghcr.io/metio/controller-network-policy:v${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}`;
const IN_CI = process.env.CI === 'true';
/** One tool run never takes longer than this (kpt and kustomize runs take about a second). */
const TOOL_TIMEOUT_MS = 30_000;

export function onPath(tool: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * `describe` for tests that need external tools. When a tool is missing: under CI=true the block
 * FAILS (CI must have them); elsewhere it is skipped with a message naming the missing tools.
 */
export function describeWithTools(tools: readonly string[], title: string, body: () => void): void {
  const missing = tools.filter((tool) => !onPath(tool));
  describeUnless(missing.length ? `${missing.join(', ')} not found on PATH` : undefined, title, body);
}

/** `describe`, unless `missing` says what the machine lacks: then it fails under CI=true and is skipped elsewhere. */
export function describeUnless(missing: string | undefined, title: string, body: () => void): void {
  if (missing === undefined) {
    describe(title, body);
    return;
  }
  if (IN_CI) {
    describe(title, () => {
      test('can run on this machine', () => {
        throw new Error(`${missing}: CI=true, so these end-to-end tests must run here: install what is missing`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${title}": ${missing} (with CI=true this fails instead)`);
  const skipped = describe.skip;
  skipped(`${title} [skipped: ${missing}]`, body);
}

/** The tests run the built bundle: `npm test` builds it first; a bare `npx jest` needs `npm run build`. */
export function requireBuild(): void {
  if (!existsSync(BUNDLE)) throw new Error(`${relative(ROOT, BUNDLE)} is missing: run \`npm run build\` first (npm test does)`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The command line and its output, for assertion messages. */
  report: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  /** Added to (and overriding) the test process's environment. */
  env?: Record<string, string | undefined>;
  /** Directories put first on PATH. */
  path?: readonly string[];
  timeoutMs?: number;
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input ?? '',
    env: envOf(options),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? TOOL_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return resultOf(command, args, options, result.status, result.signal, result.stdout, result.stderr);
}

/** `run` without blocking, for tool runs that may go side by side (each takes a CPU for about a second). */
export function runAsync(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: envOf(options), timeout: options.timeoutMs ?? TOOL_TIMEOUT_MS, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve(resultOf(command, args, options, status, signal, stdout, stderr)));
    child.stdin.end(options.input ?? '');
  });
}

function envOf(options: RunOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (options.path?.length) env.PATH = [...options.path, env.PATH ?? ''].join(delimiter);
  return env;
}

function resultOf(command: string, args: readonly string[], options: RunOptions, status: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string): RunResult {
  const timedOut = signal === 'SIGTERM' && status === null;
  const line = [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const report = [
    `$ ${line}${options.cwd ? `   (in ${options.cwd})` : ''}`,
    timedOut ? `TIMED OUT after ${options.timeoutMs ?? TOOL_TIMEOUT_MS} ms` : `exit status: ${status ?? signal}`,
    `--- stdout ---\n${stdout}`,
    `--- stderr ---\n${stderr}`,
  ].join('\n');
  return { status: timedOut ? null : status, stdout, stderr, report };
}

/** Runs and throws (with the whole report) unless the exit status is the expected one. */
export function runOk(command: string, args: readonly string[], options: RunOptions = {}, expectedStatus = 0): RunResult {
  const result = run(command, args, options);
  if (result.status !== expectedStatus) throw new Error(`expected exit status ${expectedStatus}\n${result.report}`);
  return result;
}

const tempDirs: string[] = [];

/** A fresh temp dir, removed after each test (KEEP_E2E_TMP=1 keeps them for a look). */
export function freshDir(prefix = 'cnp-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) {
    if (process.env.KEEP_E2E_TMP === '1') console.log(`kept ${dir}`); // eslint-disable-line no-console
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes files given as {relative path: content} under dir. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Every file under dir (relative path → content), skipping .git; sorted by path. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === '.git') continue;
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** A unified diff of two texts (git diff --no-index), empty when equal. */
export function unifiedDiff(expected: string, actual: string, labels: [string, string] = ['expected', 'actual']): string {
  if (expected === actual) return '';
  const dir = freshDir('cnp-diff-');
  const [a, b] = labels.map((l) => join(dir, l.replace(/[^\w.-]+/g, '_')));
  writeFileSync(a!, expected);
  writeFileSync(b!, actual);
  const diff = run('git', ['diff', '--no-index', '--no-color', '--no-ext-diff', a!, b!], { env: GIT_ENV });
  return diff.stdout
    .split('\n')
    .filter((l) => !l.startsWith('diff --git') && !l.startsWith('index '))
    .join('\n')
    .replaceAll(`a${a}`, labels[0])
    .replaceAll(`b${b}`, labels[1]);
}

/** Fails with a readable diff unless two file trees are identical. */
export function expectSameTree(before: Map<string, string>, after: Map<string, string>, what: string): void {
  const problems: string[] = [];
  for (const [path, content] of before) {
    if (!after.has(path)) problems.push(`removed: ${path}`);
    else if (after.get(path) !== content) problems.push(`changed: ${path}\n${unifiedDiff(content, after.get(path)!, [`${path} (before)`, `${path} (after)`])}`);
  }
  for (const path of after.keys()) if (!before.has(path)) problems.push(`added: ${path}\n${after.get(path)}`);
  if (problems.length) throw new Error(`${what}: the package changed\n${problems.join('\n')}`);
}

/**
 * Compares actual text with a golden file. UPDATE_GOLDEN=1 rewrites the file instead (review the
 * change in `git diff`); a mismatch fails with a unified diff.
 */
export function expectGolden(file: string, actual: string): void {
  const shown = relative(ROOT, file);
  if (updatingGoldens()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${shown} does not exist. Create it with: UPDATE_GOLDEN=1 npx jest test/examples (then review it)\n--- actual ---\n${actual}`);
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) {
    throw new Error(`${shown} differs from the real output (- expected, + actual). If the change is intended: UPDATE_GOLDEN=1 npx jest test/examples\n${unifiedDiff(expected, actual, [shown, 'actual'])}`);
  }
}

/** git without the user's or the system's configuration, with a fixed identity. */
export const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'e2e',
  GIT_AUTHOR_EMAIL: 'e2e@example.com',
  GIT_COMMITTER_NAME: 'e2e',
  GIT_COMMITTER_EMAIL: 'e2e@example.com',
  GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
};

/** Makes dir a git repository with everything committed, so `gitDiff` shows what a tool changed. */
export function gitSnapshot(dir: string): void {
  runOk('git', ['init', '-q', '-b', 'main'], { cwd: dir, env: GIT_ENV });
  runOk('git', ['add', '-A'], { cwd: dir, env: GIT_ENV });
  runOk('git', ['commit', '-q', '--allow-empty', '-m', 'before'], { cwd: dir, env: GIT_ENV });
}

/** What changed since gitSnapshot, new files included, as a patch without `index` lines. */
export function gitDiff(dir: string): string {
  runOk('git', ['add', '-A'], { cwd: dir, env: GIT_ENV });
  const diff = runOk('git', ['diff', '--cached', '--no-color', '--no-ext-diff', '--no-renames', '-U3'], { cwd: dir, env: GIT_ENV }).stdout;
  return diff
    .split('\n')
    .filter((l) => !l.startsWith('index '))
    .join('\n');
}

/** Environment for the tools: fake docker first on PATH, then the entry point (so `controller-network-policy` is a name on PATH). */
export function toolPath(): string[] {
  return [FAKE_DOCKER_DIR, join(ROOT, 'bin')];
}

export const TOOL_ENV: Record<string, string | undefined> = {
  KRM_FN_RUNTIME: 'docker',
  KPT_IMAGE_PREFIX: undefined,
  KUSTOMIZE_PLUGIN_HOME: undefined,
};

export interface PinnedNode {
  major: number;
  version: string;
  /** The node binary, or null when this release is not installed here. */
  node: string | null;
}

/** The Node.js releases CI tests on, one per supported major (scripts/pinned-node.mjs), and where each is installed. */
export function pinnedNodes(): PinnedNode[] {
  return JSON.parse(runOk(process.execPath, [join(ROOT, 'scripts', 'pinned-node.mjs'), 'list']).stdout) as PinnedNode[];
}
