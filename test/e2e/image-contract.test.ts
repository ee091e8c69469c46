/**
 * The container image's contract, without a Docker daemon (`docker build` cannot run here):
 * 1. the Dockerfile says what it must (multi-stage, a supported Node.js LTS in every stage, base images
 *    pinned by digest, the code cache written by the runtime's own Node.js, non-root,
 *    ENTRYPOINT = the bin, a runtime stage with nothing but the bundle);
 * 2. the .dockerignore build context holds every build input: `npm run build` from those files alone
 *    produces the bundle;
 * 3. the runtime stage's files, laid out from that build with the image's Node.js (the pinned release
 *    of its major, scripts/pinned-node.mjs), run the way kustomize and kpt start the image: as nobody
 *    (65534), without network, on a read-only file system, cwd /, no HOME/TMPDIR.
 */
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describeUnless, freshDir, pinnedNodes, removeTempDirs, requireBuild, ROOT, runOk, type RunResult } from '../support/e2e';
import { runSandboxed, sandboxUnavailable } from '../support/sandbox';
import { buildContextFiles, copyBuildContext, IMAGE_NODE, last, makeWorldReadable, notWorldReadable, readDockerfile, stageRuntimeImage, workdirOf, type Stage, type StagedImage } from '../support/stage-image';
import { CONTROLLER_YAML } from './package-fixtures';

const stages = readDockerfile();
const build = stages[0]!;
const runtime = stages.at(-1)!;
const DIGEST = /@sha256:[0-9a-f]{64}$/;
/** Node.js majors an image may ship: LTS lines that have not reached end of life (20 did in April 2026). */
const SUPPORTED_IMAGE_MAJORS = [22, 24];
const imageMajor = Number(/^gcr\.io\/distroless\/nodejs(\d+)-debian\d+:nonroot@/.exec(runtime.base)?.[1]);
const imageNode = pinnedNodes().find((p) => p.major === imageMajor);
/** The stage that writes V8's code cache: the one the runtime stage copies from. */
const cacheStage = stages.find((s) => s.name === runtime.instructions.find((i) => i.keyword === 'COPY')?.flags.from);

const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN');

describe('Dockerfile', () => {
  test('is a multi-stage build: a Node.js build stage that runs npm ci and npm run build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBeTruthy();
    expect(build.base).toMatch(/^node:\d+(\.\d+)*-(trixie|bookworm)(-slim)?@sha256:/);
    const commands = runs(build).map((i) => i.args.join(' '));
    expect(commands.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(commands.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
  });

  test('the runtime stage is distroless Node.js of a supported LTS (22 or 24, not 20: end of life)', () => {
    expect(runtime.base).toMatch(/^gcr\.io\/distroless\/nodejs\d+-debian1[3-9]:nonroot@sha256:[0-9a-f]{64}$/);
    expect(SUPPORTED_IMAGE_MAJORS).toContain(imageMajor);
  });

  test('every stage builds on the runtime\'s Node.js major, the build stage on the release the tests pin for it', () => {
    const [, buildVersion = '', buildMajor = ''] = /^node:((\d+)\.\d+\.\d+)-/.exec(build.base) ?? [];
    expect(Number(buildMajor)).toBe(imageMajor);
    // the pinned release is what the runtime stage's files run with below (the image's digests ship it too)
    expect(imageNode?.version).toBe(buildVersion);
  });

  test('every base image is pinned by digest and named by its tag in the comment above, never :latest', () => {
    const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').split('\n');
    for (const stage of stages) {
      expect(stage.base).toMatch(DIGEST);
      expect(stage.base).not.toMatch(/:latest(@|$)/);
      const from = stage.instructions[0]!.line;
      expect(lines[from - 2]).toBe(`# ${stage.base.replace(DIGEST, '')}`);
    }
  });

  test('the code cache is written by the runtime\'s own Node.js: a stage on the same base runs scripts/build-code-cache.cjs', () => {
    expect(cacheStage).toBeDefined();
    expect(cacheStage).not.toBe(build);
    expect(cacheStage!.base).toBe(runtime.base);
    expect(runs(cacheStage!).map((i) => [i.json, ...i.args])).toEqual([[true, IMAGE_NODE, 'scripts/build-code-cache.cjs']]);
    // it writes as the non-root user into files it owns
    expect(last(cacheStage!, 'USER')?.args[0]).toBe('65532:65532');
    for (const copy of cacheStage!.instructions.filter((i) => i.keyword === 'COPY')) expect(copy.flags).toEqual({ from: build.name, chown: '65532:65532' });
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
    expect(entry.args[0]).toBe(IMAGE_NODE);
    expect(last(runtime, 'CMD')).toBeUndefined();
  });

  test('the runtime stage copies only bin/, dist/ and package.json, from the code cache stage, and runs nothing', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    expect(copies.map((c) => c.keyword)).not.toContain('ADD');
    for (const copy of copies) expect(copy.flags.from).toBe(cacheStage?.name);
    const sources = copies.flatMap((c) => c.args.slice(0, -1)).map((s) => s.replace(`${workdirOf(cacheStage!)}/`, '').replace(/\/$/, ''));
    expect(sources.sort()).toEqual(['bin', 'dist', 'package.json']);
    expect(runs(runtime)).toEqual([]);
  });

  test('the build stage makes the copied files world-readable (kustomize and kpt run the image as nobody)', () => {
    const commands = runs(build).map((i) => i.args.join(' '));
    expect(commands.some((r) => /chmod -R a\+rX bin dist package\.json/.test(r))).toBe(true);
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
  const missingNode = imageNode?.node ? undefined : `Node.js ${imageNode?.version ?? imageMajor} (the image's) is not installed: node scripts/pinned-node.mjs install ${imageMajor}`;

  beforeAll(() => {
    requireBuild();
    context = join(freshDir('cnp-context-'), 'src');
    copyBuildContext(context);
    symlinkSync(join(ROOT, 'node_modules'), join(context, 'node_modules')); // stands for `npm ci`
    // the build stage's npm run build, on the image's Node.js when it is here
    runOk('npm', ['run', 'build', '--silent'], { cwd: context, timeoutMs: 120_000, path: imageNode?.node ? [dirname(imageNode.node)] : [] });
    image = stageRuntimeImage(freshDir('cnp-image-'), context, imageNode?.node ? { node: imageNode.node } : {});
    makeWorldReadable(image.root); // what the build stage's chmod -R a+rX does
  }, 150_000);
  afterAll(removeTempDirs);

  test('holds the entry point, the bundle, its code cache, the validators and nothing else', () => {
    expect(image.copied.sort()).toEqual(['/app/bin', '/app/dist', '/app/package.json']);
    const files = listFiles(image.appDir);
    expect(files).toContain('bin/controller-network-policy');
    expect(files).toContain('dist/controller-network-policy.cjs');
    expect(files).toContain('dist/controller-network-policy.cjs.cache');
    expect(files.filter((f) => /node_modules|\.ts$|\.map$|^scripts\//.test(f))).toEqual([]);
    expect(notWorldReadable(image.root)).toEqual([]);
  });

  describeUnless(sandboxUnavailable() ?? missingNode, 'run as `docker run --network none --user nobody --security-opt=no-new-privileges` runs it, with the image\'s Node.js', () => {
    const fn = (input: string, ...args: string[]): RunResult => runSandboxed([image.node!, image.entrypoint, ...args], { input, readOnly: [image.root] });

    test('the sandbox is what it claims: uid 65534, no writable directory, no network; node is the image\'s', () => {
      const probe = runSandboxed(['sh', '-c', 'id -u; id -g; id -G; pwd; echo "HOME=$HOME"; touch /tmp/probe 2>/dev/null && echo tmp-writable; touch "$0/probe" 2>/dev/null && echo image-writable; grep -c : /proc/net/dev; "$1" --version', image.root, image.node!], { readOnly: [image.root] });
      expect(probe.status).toBe(0);
      // only the loopback interface in the new network namespace
      expect(probe.stdout).toBe(`65534\n65534\n65534\n/\nHOME=/nonexistent\n1\nv${imageNode!.version}\n`);
    });

    test('the image\'s Node.js accepts the code cache the image build wrote (start-up skips compiling)', () => {
      const bundle = join(image.appDir, 'dist', 'controller-network-policy.cjs');
      const probe = `process.stdout.write(String(require(${JSON.stringify(join(image.appDir, 'bin', 'load-bundle.cjs'))}).loadBundle(${JSON.stringify(bundle)}).script.cachedDataRejected))`;
      const result = runSandboxed([image.node!, '-e', probe], { readOnly: [image.root] });
      expect(result.status === 0 ? result.stdout : result.report).toBe('false');
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
