// @ts-check
// Bundles src/main.ts into one CommonJS file: one file to load keeps cold start close to bare Node.js
// (an ESM bundle of `yaml` fails at run time with "Dynamic require of process").
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { enginesOf, trainingInputs } from './code-cache-training.mjs';

/** @type {{ version: string }} */
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * One minified CommonJS bundle for Node.js 20 and later.
 * @param {string} entryPoint
 * @param {string} outfile
 * @param {import('esbuild').BuildOptions} [extra]
 */
function bundle(entryPoint, outfile, extra = {}) {
  return build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    outfile,
    logLevel: 'warning',
    ...extra,
  });
}

await bundle('src/main.ts', 'dist/controller-network-policy.cjs', { define: { __VERSION__: JSON.stringify(version) } });

// `discover` is a bundle of its own with the Kubernetes client in it (ESM, bundled into CommonJS),
// loaded by src/main.ts only for that subcommand: the function's bundle and cold start stay as they
// are. node-fetch's URL parser asks for Node's deprecated `punycode` module, which prints a warning
// on Node 22+: the npm package of the same code stands in for it.
await bundle('src/discover/discover-command.ts', 'dist/discover.cjs', { alias: { punycode: 'punycode/' } });

// `explain` and `diff` (src/explain/): a bundle of their own, loaded by a computed require() only when
// asked for, so the function's cold start never parses them.
await bundle('src/explain/bundle.ts', 'dist/explain.cjs');

// `--schema` prints the JSON schema generated from the zod schema (committed, kept current by a test).
copyFileSync('functions/controller-network-policy/schema.json', 'dist/values.schema.json');

// V8's code cache of the bundle: it must come from this very bundle and Node.js, so it is built here
// (and again in the image, by the image's Node.js, from the same training inputs).
/** @type {unknown} */
const schema = JSON.parse(readFileSync('functions/controller-network-policy/schema.json', 'utf8'));
mkdirSync('build', { recursive: true });
writeFileSync('build/code-cache-training.json', `${JSON.stringify(trainingInputs(enginesOf(schema)), null, 2)}\n`);
execFileSync(process.execPath, ['scripts/build-code-cache.cjs'], { stdio: 'inherit' });
