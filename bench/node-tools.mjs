// `--node PATH`: the function and `node -e ''` once more under another Node.js, in the same
// interleaved run, so Node.js releases compare side by side (ratios to each one's own `node -e ''`).

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './tools.mjs';

/** @import { Tool } from './tools.mjs' */

/**
 * For each Node.js: a copy of the function's snapshot whose V8 code cache that Node.js writes (the
 * snapshot's own cache comes from the Node.js that built it, and any other one ignores it).
 * @param {string[]} nodes paths of node binaries, or majors of the pinned releases (scripts/pinned-node.mjs installs them)
 * @param {string} snapshot the function's snapshot (bin/, dist/)
 * @param {string} outDir
 * @returns {{ version: string, node: string, tools: Tool[] }[]}
 */
export function nodeTools(nodes, snapshot, outDir) {
  return nodes.map((given) => {
    const node = /^\d+$/.test(given)
      ? path.join(execFileSync(process.execPath, [path.join(REPO, 'scripts', 'pinned-node.mjs'), 'install', given], { encoding: 'utf8' }).trim(), 'node')
      : path.resolve(given);
    const version = execFileSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    const snap = path.join(outDir, `snapshot-${version}`);
    rmSync(snap, { recursive: true, force: true });
    cpSync(path.join(snapshot, 'bin'), path.join(snap, 'bin'), { recursive: true });
    cpSync(path.join(snapshot, 'dist'), path.join(snap, 'dist'), { recursive: true });
    mkdirSync(path.join(snap, 'scripts'));
    cpSync(path.join(REPO, 'scripts', 'build-code-cache.cjs'), path.join(snap, 'scripts', 'build-code-cache.cjs'));
    execFileSync(node, [path.join(snap, 'scripts', 'build-code-cache.cjs')], { stdio: 'inherit' });
    return {
      version,
      node,
      tools: [
        { id: `function@${version}`, label: `controller-network-policy on ${version}`, argv: [node, path.join(snap, 'bin', 'controller-network-policy')], role: `the function on Node.js ${version}, with its own code cache` },
        { id: `node-empty@${version}`, label: `node -e '' on ${version}`, argv: [node, '-e', ''], role: `floor of any function on Node.js ${version}` },
      ],
    };
  });
}

/**
 * Cold start per Node.js in one case: the function's median, `node -e ''`'s, and their ratio.
 * @param {Record<string, { median_s: number|null }>} tools the case's tools
 * @param {{ version: string, fn: string, empty: string }[]} nodes tool ids per Node.js
 */
export function nodeComparison(tools, nodes) {
  return nodes.map(({ version, fn, empty }) => {
    const f = tools[fn]?.median_s ?? null;
    const e = tools[empty]?.median_s ?? null;
    return { version, function_s: f, node_empty_s: e, ratio: f != null && e ? f / e : null };
  });
}
