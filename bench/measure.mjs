// Runs one child process and measures its wall time and peak RSS.
//
// Default backend: bench/wait4-runner.py (python3's os.wait4 gives the child's own ru_maxrss; Node.js
// cannot). It is started once and serves all runs, so Python's start-up is never inside a measurement.
// A forked child's ru_maxrss also counts the copy of its parent it started as, so every reading is at
// least the runner's own RSS (about 10 MiB); rssFloor() measures that floor with `true`. Node.js
// processes peak far above it (about 40 MiB for `node -e ''`), so their readings are exact.
// Fallback when python3 is missing: Node's spawn timed around the child, with GNU `/usr/bin/time -f %M`
// for peak RSS when that exists (its own fork/exec, about 1 ms, then lands inside the wall time).

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./wait4-runner.py', import.meta.url));
const GNU_TIME = '/usr/bin/time';

function hasPythonWait4() {
  const r = spawnSync('python3', ['-c', 'import os, selectors; os.wait4'], { stdio: 'ignore' });
  return r.status === 0;
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {{ argv: string[], cwd: string, env: NodeJS.ProcessEnv, stdin: string, stdout?: string|null,
 *             stall_after?: number|null }} RunRequest  stall_after: see wait4-runner.py
 * @typedef {{ wall_s: number, maxrss_kib: number|null, exit: number, signal: number|string|null,
 *             stdout_bytes: number, stdout_sha256: string, stderr_tail: string, error?: undefined }} RunMeasured
 *   signal: the number from wait4-runner.py, the name from the node backend
 * @typedef {{ error: string, wall_s?: undefined, maxrss_kib?: undefined, exit?: undefined, signal?: undefined,
 *             stdout_bytes?: undefined, stdout_sha256?: undefined, stderr_tail?: undefined }} RunFailed
 *   the child could not be started (or the runner failed)
 * @typedef {RunMeasured | RunFailed} RunResult
 * @typedef {Wait4Measurer | NodeSpawnMeasurer} Measurer
 */

class Wait4Measurer {
  name = 'python3 os.wait4 (ru_maxrss)';
  canStall = true; // honours RunRequest.stall_after
  constructor() {
    this.child = spawn('python3', ['-S', RUNNER], { stdio: ['pipe', 'pipe', 'inherit'] });
    /** @type {AsyncIterator<string, undefined>} one response per line */
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
    this.child.on('error', (e) => {
      this.failure = e;
    });
  }
  /** @param {RunRequest} req @returns {Promise<RunResult>} */
  async run(req) {
    if (this.failure) throw this.failure;
    this.child.stdin.write(`${JSON.stringify(req)}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error('wait4-runner.py exited unexpectedly');
    return /** @type {RunResult} */ (JSON.parse(value));
  }
  close() {
    this.child.stdin.end();
  }
}

class NodeSpawnMeasurer {
  canStall = false; // writes stdin in one go
  constructor() {
    this.gnuTime = isExecutable(GNU_TIME);
    this.name = this.gnuTime ? `node spawn + ${GNU_TIME} -f %M` : 'node spawn (no peak RSS available)';
  }
  /** @param {RunRequest} req @returns {Promise<RunResult>} */
  run(req) {
    const input = readFileSync(req.stdin);
    const argv = this.gnuTime ? [GNU_TIME, '-f', '%M', ...req.argv] : req.argv;
    return new Promise((resolve) => {
      /** @type {Buffer[]} */
      const out = [];
      /** @type {Buffer[]} */
      const err = [];
      const start = process.hrtime.bigint();
      const child = spawn(argv[0], argv.slice(1), { cwd: req.cwd, env: req.env, stdio: 'pipe' });
      child.on('error', (e) => resolve({ error: `cannot start ${argv[0]}: ${e.message}` }));
      child.stdout.on('data', (/** @type {Buffer} */ c) => out.push(c));
      child.stderr.on('data', (/** @type {Buffer} */ c) => err.push(c));
      child.stdin.on('error', () => {}); // EPIPE when a child exits without reading
      child.stdin.end(input);
      child.on('close', (code, signal) => {
        const wall = Number(process.hrtime.bigint() - start) / 1e9;
        const stdout = Buffer.concat(out);
        let stderr = Buffer.concat(err).toString('utf8');
        /** @type {number|null} */
        let maxrss = null;
        if (this.gnuTime) {
          const m = /(?:^|\n)(\d+)\n?$/.exec(stderr);
          if (m) {
            maxrss = Number(m[1]);
            stderr = stderr.slice(0, m.index);
          }
        }
        if (req.stdout) writeFileSync(req.stdout, stdout);
        resolve({
          wall_s: wall,
          maxrss_kib: maxrss,
          exit: code ?? -1,
          signal: signal ?? null,
          stdout_bytes: stdout.length,
          stdout_sha256: createHash('sha256').update(stdout).digest('hex'),
          stderr_tail: stderr.slice(-2000),
        });
      });
    });
  }
  close() {}
}

/**
 * Peak RSS the measurer reports for a process that uses next to nothing (`true`), in KiB.
 * @param {Measurer} measurer
 */
export async function rssFloor(measurer) {
  const r = await measurer.run({ argv: ['true'], cwd: '/', env: process.env, stdin: '/dev/null' });
  return r.maxrss_kib ?? null;
}

/**
 * @param {string} [kind] `auto` (python3 when it has os.wait4, else node), `wait4` or `node`; any other value means `node`
 * @returns {Measurer}
 */
export function createMeasurer(kind = 'auto') {
  if (kind === 'wait4' || (kind === 'auto' && hasPythonWait4())) return new Wait4Measurer();
  return new NodeSpawnMeasurer();
}
