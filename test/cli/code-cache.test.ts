/**
 * V8's code cache of the bundle (dist/controller-network-policy.cjs.cache, written by `npm run build`)
 * is used only by the Node.js that wrote it: that Node.js accepts it (`cachedDataRejected === false`,
 * start-up skips compiling), every other supported major rejects it and renders the same output.
 * CI runs this file under each pinned Node.js (.ci/run), so each one is "this Node.js" once.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeUnless, freshDir, pinnedNodes, removeTempDirs, requireBuild, ROOT, runOk, type RunResult, run } from '../support/e2e';

const THIS_MAJOR = Number(process.versions.node.split('.')[0]);
const others = pinnedNodes().filter((p) => p.major !== THIS_MAJOR);
const quickstart = join(ROOT, 'examples', 'quickstart');

let dir: string;

beforeAll(() => {
  requireBuild();
  // bin/, dist/, the cache writer and its training inputs in their repository layout, as the image's
  // code-cache stage has them; this Node.js writes the cache there, and the runs use a copy elsewhere
  // (the image writes it in /src and runs it from /app)
  const built = freshDir('cnp-code-cache-');
  cpSync(join(ROOT, 'bin'), join(built, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(built, 'dist'), { recursive: true });
  mkdirSync(join(built, 'scripts'));
  cpSync(join(ROOT, 'scripts', 'build-code-cache.cjs'), join(built, 'scripts', 'build-code-cache.cjs'));
  cpSync(join(ROOT, 'build', 'code-cache-training.json'), join(built, 'build', 'code-cache-training.json'));
  runOk(process.execPath, [join(built, 'scripts', 'build-code-cache.cjs')], { timeoutMs: 120_000 });
  dir = freshDir('cnp-code-cache-');
  cpSync(join(built, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(built, 'dist'), join(dir, 'dist'), { recursive: true });
}, 150_000);
afterAll(removeTempDirs);

/** What V8 said of the cache when node loaded the bundle the way bin/ does. */
function cacheRejected(node: string): string {
  const probe = `const { loadBundle } = require(${JSON.stringify(join(dir, 'bin', 'load-bundle.cjs'))});
process.stdout.write(String(loadBundle(${JSON.stringify(join(dir, 'dist', 'controller-network-policy.cjs'))}).script.cachedDataRejected));`;
  return runOk(node, ['-e', probe]).stdout;
}

function quickstartWith(node: string): RunResult {
  return run(node, [join(dir, 'bin', 'controller-network-policy')], { input: readFileSync(join(quickstart, 'resource-list.yaml'), 'utf8') });
}

test(`a cache written by this Node.js (${process.version}) is accepted by it, in another directory too`, () => {
  expect(cacheRejected(process.execPath)).toBe('false');
  const result = quickstartWith(process.execPath);
  expect(result.status === 0 ? '' : result.report).toBe('');
  expect(result.stdout).toBe(readFileSync(join(quickstart, 'expected-output.yaml'), 'utf8'));
});

for (const other of others) {
  describeUnless(other.node ? undefined : `Node.js ${other.version} is not installed (node scripts/pinned-node.mjs install ${other.major})`, `Node.js ${other.version}`, () => {
    test(`rejects the cache of Node.js ${process.version} and renders the same output`, () => {
      expect(cacheRejected(other.node!)).toBe('true');
      const result = quickstartWith(other.node!);
      expect(result.status === 0 ? '' : result.report).toBe('');
      expect(result.stdout).toBe(readFileSync(join(quickstart, 'expected-output.yaml'), 'utf8'));
    });
  });
}
