// The function under test and the baselines it is compared with. Every tool reads the ResourceList
// on stdin and writes to stdout, and is started as a fresh process per run.

import { fileURLToPath } from 'node:url';

/** @param {string} p a path relative to bench/ */
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/**
 * A command the bench runs once per measured run, its ResourceList on stdin.
 * @typedef {object} Tool
 * @property {string} id
 * @property {string} label
 * @property {string[]} argv
 * @property {string} role
 * @property {string} [input] its own stdin file instead of the case's list (the alias case's comparison)
 */

export const REPO = here('..');
export const DEFAULT_FUNCTION = here('../bin/controller-network-policy');
export const FUNCTION_BUNDLE = here('../dist/controller-network-policy.cjs');
/** The baselines' programs: they load their packages from bench/node_modules (bench/package.json). */
export const BASELINES = here('./baselines');

/**
 * @param {string} fnPath the executable to benchmark (started like kustomize/kpt start an exec
 *   function: exec of the file itself, so its `#!/usr/bin/env node` line picks the Node.js on PATH)
 * @returns {Tool[]}
 */
export function tools(fnPath) {
  const node = process.execPath;
  return [
    { id: 'function', label: 'controller-network-policy', argv: [fnPath], role: 'the function under test' },
    { id: 'node-empty', label: "node -e ''", argv: [node, '-e', ''], role: 'floor of any Node.js function' },
    {
      id: 'yaml-roundtrip',
      label: 'yaml Document round trip',
      argv: [node, here('./baselines/yaml-roundtrip.cjs')],
      role: 'naive lossless approach (yaml v2 parseDocument -> toString)',
    },
    {
      id: 'kpt-functions',
      label: 'kpt-functions identity',
      argv: [node, here('./baselines/kpt-functions-identity.cjs')],
      role: 'the lossy TypeScript peer (kpt-functions 0.16.1 SDK)',
    },
    {
      id: 'js-yaml-roundtrip',
      label: 'js-yaml round trip',
      argv: [node, here('./baselines/js-yaml-roundtrip.cjs')],
      role: 'lossy parse-everything approach (js-yaml v4 load -> dump)',
    },
  ];
}
