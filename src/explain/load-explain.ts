import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Explain from './bundle.js';

export type ExplainBundle = typeof Explain;

let loaded: ExplainBundle | undefined;

/**
 * The explain code, loaded on first use and only then: from dist/explain.cjs next to the function's bundle
 * (scripts/build.mjs builds it), or from the TypeScript sources when they run under jest. The path is
 * computed, so esbuild leaves the require() alone and the function's own bundle never contains this code.
 */
export function loadExplain(): ExplainBundle {
  if (loaded) return loaded;
  const bundled = join(__dirname, 'explain.cjs');
  const sources = join(__dirname, 'bundle.ts');
  if (!existsSync(bundled) && !existsSync(sources)) throw new Error(`${bundled} is not built: run npm run build`);
  loaded = require(existsSync(bundled) ? bundled : join(__dirname, 'bundle')) as ExplainBundle;
  return loaded;
}
