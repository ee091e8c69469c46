/**
 * Every directory under examples/ is a package a user can copy. Each holds a README.md that shows
 * its one command and a .expected/config.yaml that says how the result is checked:
 *
 *   command: the README's command, run with bash in a copy of the example, with bin/ on PATH (so
 *            `controller-network-policy` is a name on PATH) and the test-owned fake `docker` first
 *            (container functions run the runtime image's files, as nobody, without network)
 *   expect:  output → its stdout must equal .expected/output.yaml (or the example's file named by `output:`)
 *            diff   → the copy is a git repository; `git diff` after the command must equal
 *                     .expected/diff.patch, and a second run must change nothing (kpt's idempotency)
 *   withoutKustomize: container → where the standalone `kustomize` binary is missing, run the same
 *            build with kubectl's built-in kustomize, the exec function swapped for the container form
 *   needs:   [helm] → the pinned helm (test/support/helm.ts) is put on PATH as `helm`
 *
 * Regenerate the expected files on purpose with `UPDATE_GOLDEN=1 npx jest test/examples` (after
 * `npm run build`), then review them in `git diff`.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import {
  describeUnless,
  expectGolden,
  freshDir,
  gitDiff,
  gitSnapshot,
  IMAGE,
  onPath,
  readTree,
  removeTempDirs,
  requireBuild,
  ROOT,
  run,
  TOOL_ENV,
  toolPath,
  unifiedDiff,
  type RunResult,
} from '../support/e2e';
import { HELM, helmMissing } from '../support/helm';
import { stageTestImage, type StagedImage } from '../support/stage-image';

interface ExampleConfig {
  command: string;
  expect: 'output' | 'diff';
  withoutKustomize?: 'container';
  exitCode?: number;
  /** expect: output — the expected stdout, relative to the example (default .expected/output.yaml). */
  output?: string;
  /** Tools the tests provide themselves, put on PATH for the command. */
  needs?: 'helm'[];
}

const EXAMPLES = join(ROOT, 'examples');
const names = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let image: StagedImage;

beforeAll(() => {
  requireBuild();
  image = stageTestImage();
});
afterAll(removeTempDirs);

test('examples/README.md lists every example, and every example has a README and a check', () => {
  const index = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
  const problems = names.flatMap((name) => [
    ...(index.includes(`](${name}/)`) ? [] : [`examples/README.md does not link ${name}/`]),
    ...(existsSync(join(EXAMPLES, name, 'README.md')) ? [] : [`${name}/README.md is missing`]),
    ...(existsSync(join(EXAMPLES, name, '.expected', 'config.yaml')) ? [] : [`${name}/.expected/config.yaml is missing`]),
  ]);
  expect(problems).toEqual([]);
});

for (const name of names) {
  const dir = join(EXAMPLES, name);
  const configFile = join(dir, '.expected', 'config.yaml');
  if (!existsSync(configFile)) continue;
  const config = parse(readFileSync(configFile, 'utf8')) as ExampleConfig;
  const outputFile = config.output ?? '.expected/output.yaml';
  const fallback = config.command.startsWith('kustomize ') && !onPath('kustomize') && config.withoutKustomize === 'container';
  const tool = config.command.split(' ')[0]!;
  const tools = ['bash', ...(fallback ? ['kubectl'] : tool === 'controller-network-policy' ? [] : [tool]), ...(config.expect === 'diff' ? ['git'] : [])];
  const helm = config.needs?.includes('helm') ?? false;
  const missing = [...tools.filter((t) => !onPath(t)).map((t) => `${t} not found on PATH`), ...(helm ? [helmMissing()] : [])].filter((m) => m !== undefined);

  describeUnless(missing.length ? missing.join('; ') : undefined, `example ${name}`, () => {
    test('its README shows the command that is checked', () => {
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme).toContain(config.command);
      for (const section of ['## Overview', '## Run', '## Expected result']) expect(readme).toContain(section);
    });

    const how = fallback ? ' (no kustomize binary here: kubectl kustomize, exec swapped for the container form)' : '';
    test(`\`${config.command}\` gives ${config.expect === 'diff' ? '.expected/diff.patch' : outputFile}${how}`, () => {
      const copy = join(freshDir(`cnp-example-${name}-`), name);
      cpSync(dir, copy, { recursive: true, filter: (src) => !src.startsWith(join(dir, '.expected')) && src !== join(dir, outputFile) });
      let command = config.command;
      if (fallback) {
        swapExecForContainer(copy);
        command = command.replace(/^kustomize build --enable-alpha-plugins --enable-exec/, 'kubectl kustomize --enable-alpha-plugins');
      }
      if (config.expect === 'diff') gitSnapshot(copy);

      const result = runExample(command, copy, helm);
      if (result.status !== (config.exitCode ?? 0)) throw new Error(`expected exit status ${config.exitCode ?? 0}\n${result.report}`);
      if (config.expect === 'output') {
        expectGolden(join(dir, outputFile), result.stdout);
        return;
      }
      const diff = gitDiff(copy);
      expectGolden(join(dir, '.expected', 'diff.patch'), diff);

      // kpt writes its output back: running the command again must change nothing
      const first = readTree(copy);
      const again = runExample(command, copy, helm);
      if (again.status !== 0) throw new Error(`second run failed\n${again.report}`);
      const second = gitDiff(copy);
      if (second !== diff) throw new Error(`a second \`${command}\` changed the package (not idempotent):\n${unifiedDiff(diff, second, ['after the first run', 'after the second run'])}`);
      expect(readTree(copy)).toEqual(first);
    });
  });
}

function runExample(command: string, cwd: string, helm: boolean): RunResult {
  return run('bash', ['-c', command], {
    cwd,
    path: [...toolPath(), ...(helm ? [dirname(HELM)] : [])],
    env: { ...TOOL_ENV, FAKE_DOCKER_IMAGE_ROOT: image.appDir },
  });
}

/** `exec: {path: …}` → `container: {image: …}` in every function annotation of the copy. */
function swapExecForContainer(copy: string): void {
  let swapped = 0;
  for (const [path, text] of readTree(copy)) {
    const next = text.replace(/^(\s+)exec:\n(\s+)path: \S+$/m, (_, a: string, b: string) => `${a}container:\n${b}image: ${IMAGE}`);
    if (next !== text) {
      writeFileSync(join(copy, path), next);
      swapped++;
    }
  }
  if (swapped === 0) throw new Error('withoutKustomize: container, but no exec function annotation was found');
}
