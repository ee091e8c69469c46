/**
 * The container image's contract, without a Docker daemon (`docker build` cannot run here):
 * 1. the Dockerfile says what it must (multi-stage, Node 20, non-root, ENTRYPOINT = the bin, a
 *    runtime stage with nothing but the bundle);
 * 2. the .dockerignore build context holds every build input: `npm run build` from those files alone
 *    produces the bundle;
 * 3. the runtime stage's files, laid out from that build, run the way kustomize and kpt start the
 *    image: as nobody (65534), without network, on a read-only file system, cwd /, no HOME/TMPDIR.
 */
import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeUnless, freshDir, removeTempDirs, requireBuild, ROOT, runOk, type RunResult } from '../support/e2e';
import { runSandboxed, sandboxUnavailable } from '../support/sandbox';
import { buildContextFiles, copyBuildContext, last, makeWorldReadable, notWorldReadable, readDockerfile, stageRuntimeImage, workdirOf, type StagedImage } from '../support/stage-image';
import { CONTROLLER_YAML } from './package-fixtures';

const stages = readDockerfile();
const build = stages[0]!;
const runtime = stages.at(-1)!;

describe('Dockerfile', () => {
  test('is a multi-stage build: a Node 20 build stage that runs npm ci and npm run build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBeTruthy();
    expect(build.base).toMatch(/^node:20(\.\d+)*-(alpine|bookworm-slim|bookworm)/);
    const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args.join(' '));
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
  });

  test('the runtime stage is a small Node 20 base, never a floating :latest', () => {
    expect(runtime.base).toMatch(/^(gcr\.io\/distroless\/nodejs20-debian1\d(:nonroot)?|node:20(\.\d+)*-alpine[\d.]*)(@sha256:[0-9a-f]{64})?$/);
    for (const stage of stages) expect(stage.base).not.toMatch(/:latest(@|$)/);
  });

  test('the runtime stage runs as a non-root user', () => {
    const user = last(runtime, 'USER')?.args[0];
    expect(user).toBeDefined();
    expect(user!.split(':')[0]).not.toMatch(/^(0|root)$/);
  });

  test('ENTRYPOINT runs bin/controller-network-policy with node (exec form; distroless has no /usr/bin/env for the shebang)', () => {
    const entry = last(runtime, 'ENTRYPOINT')!;
    expect(entry.json).toBe(true);
    expect(entry.args.at(-1)).toBe(`${workdirOf(runtime)}/bin/controller-network-policy`);
    if (runtime.base.includes('distroless')) expect(entry.args[0]).toBe('/nodejs/bin/node');
    else expect(entry.args[0]).toMatch(/(^|\/)node$/);
    expect(last(runtime, 'CMD')).toBeUndefined();
  });

  test('the runtime stage copies only bin/, dist/ and package.json from the build stage', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    expect(copies.map((c) => c.keyword)).not.toContain('ADD');
    for (const copy of copies) expect(copy.flags.from).toBe(build.name);
    const sources = copies.flatMap((c) => c.args.slice(0, -1)).map((s) => s.replace(`${workdirOf(build)}/`, '').replace(/\/$/, ''));
    expect(sources.sort()).toEqual(['bin', 'dist', 'package.json']);
    for (const source of sources) expect(source).not.toMatch(/node_modules|^src|^test|^examples|^\.$/);
  });

  test('the build stage makes the copied files world-readable (kustomize and kpt run the image as nobody)', () => {
    const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args.join(' '));
    expect(runs.some((r) => /chmod -R a\+rX bin dist package\.json/.test(r))).toBe(true);
  });
});

describe('.dockerignore', () => {
  const files = buildContextFiles();

  test('lets in the build inputs', () => {
    for (const file of ['package.json', 'package-lock.json', 'bin/controller-network-policy', 'bin/package.json', 'scripts/build.mjs', 'src/main.ts']) expect(files).toContain(file);
  });

  test('keeps out dependencies, build output, tests, examples and git', () => {
    expect(files.filter((f) => /^(node_modules|dist|test|examples|bench|\.git|\.ci)\//.test(f))).toEqual([]);
  });
});

describe('the image built from the build context alone', () => {
  let context: string;
  let image: StagedImage;

  beforeAll(() => {
    requireBuild();
    context = join(freshDir('cnp-context-'), 'src');
    copyBuildContext(context);
    symlinkSync(join(ROOT, 'node_modules'), join(context, 'node_modules')); // stands for `npm ci`
    runOk('npm', ['run', 'build', '--silent'], { cwd: context, timeoutMs: 120_000 });
    image = stageRuntimeImage(freshDir('cnp-image-'), context);
    makeWorldReadable(image.root); // what the build stage's chmod -R a+rX does
  }, 150_000);
  afterAll(removeTempDirs);

  test('holds the entry point, the bundle, the validators and nothing else', () => {
    expect(image.copied.sort()).toEqual(['/app/bin', '/app/dist', '/app/package.json']);
    const files = listFiles(image.appDir);
    expect(files).toContain('bin/controller-network-policy');
    expect(files).toContain('dist/controller-network-policy.cjs');
    expect(files.filter((f) => /node_modules|\.ts$|\.map$/.test(f))).toEqual([]);
    expect(notWorldReadable(image.root)).toEqual([]);
  });

  describeUnless(sandboxUnavailable(), 'run as `docker run --network none --user nobody --security-opt=no-new-privileges` runs it', () => {
    const node = process.execPath;
    const fn = (input: string, ...args: string[]): RunResult => runSandboxed([node, image.entrypoint, ...args], { input, readOnly: [image.root] });

    test('the sandbox is what it claims: uid 65534, no writable directory, no network', () => {
      const probe = runSandboxed(['sh', '-c', 'id -u; id -g; id -G; pwd; echo "HOME=$HOME"; touch /tmp/probe 2>/dev/null && echo tmp-writable; touch "$0/probe" 2>/dev/null && echo image-writable; grep -c : /proc/net/dev', image.root], { readOnly: [image.root] });
      expect(probe.status).toBe(0);
      // only the loopback interface in the new network namespace
      expect(probe.stdout).toBe('65534\n65534\n65534\n/\nHOME=/nonexistent\n1\n');
    });

    test('renders the kubernetes NetworkPolicy from a ResourceList on stdin', () => {
      const result = fn(resourceList('kubernetes'));
      expect(result.status).toBe(0);
      const out = parse(result.stdout) as ResourceList;
      const policies = out.items.filter((i) => i.kind === 'NetworkPolicy');
      expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['stageset-system/stageset-controller']);
      expect(result.stderr).not.toMatch(/\[(error|warning)\]|internal error/);
    });

    test.each([
      ['cilium', 'CiliumNetworkPolicy'],
      ['calico', 'NetworkPolicy'],
      ['clusterNetworkPolicy', 'ClusterNetworkPolicy'],
    ])('renders the %s engine (its validator is in the image)', (engine, kind) => {
      const result = fn(resourceList(engine));
      expect(result.status === 0 ? '' : result.report).toBe('');
      const out = parse(result.stdout) as ResourceList;
      expect(out.items.filter((i) => i.kind === kind && i.metadata.labels?.['app.kubernetes.io/managed-by'] === 'controller-network-policy').length).toBeGreaterThan(0);
    });

    test('a wrong config: exit 1, the message on stderr, an error result on stdout', () => {
      const result = fn(resourceList('kubernetes', 'egress:\n  enabled: true\n  dnss: false'));
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/\[error\].*dnss/);
      const out = parse(result.stdout) as ResourceList & { results: { severity: string; message: string }[] };
      expect(out.results.some((r) => r.severity === 'error' && /dnss/.test(r.message))).toBe(true);
      expect(out.items.map((i) => i.kind)).toEqual(['Deployment', 'Service']);
    });

    test('--version', () => {
      const result = fn('', '--version');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^controller-network-policy \d+\.\d+\.\d+/);
    });
  });
});

interface ResourceList {
  items: { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } }[];
}

function resourceList(engine: string, extraValues = ''): string {
  const items = CONTROLLER_YAML.split(/^---\n/m)
    .map((doc) => `- ${doc.trim().replace(/^#.*\n/gm, '').split('\n').join('\n  ')}`)
    .join('\n');
  return `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
${items}
functionConfig:
  apiVersion: fn.kpt.dev/v1alpha1
  kind: ControllerNetworkPolicy
  metadata:
    name: network-policy
  networkPolicy:
    enabled: true
    engine: ${engine}
${extraValues
  .split('\n')
  .filter(Boolean)
  .map((l) => `    ${l}`)
  .join('\n')}
`;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
}
