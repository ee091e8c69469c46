// `npm run bench` / `npm run bench:smoke`: see bench/README.md.
//
//   node bench/run.mjs [--smoke] [--sizes 1,1000,10000] [--alias-sizes 10000] [--runs 7] [--warmup 1]
//                      [--seed N] [--fn PATH] [--tools id,id,...] [--node PATH]... [--measurer auto|wait4|node]
//                      [--out DIR] [--strict]
//
// Exit code: 1 when a tool fails or the function's output check fails (always); 1 when a target
// fails only with --strict; 0 otherwise.

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkLossless } from './check-lossless.mjs';
import { DEFAULT_SEED, generateResourceList } from './generate-list.mjs';
import { createMeasurer, rssFloor } from './measure.mjs';
import { renderReport } from './report.mjs';
import { nodeComparison, nodeTools } from './node-tools.mjs';
import { evaluateTargets } from './targets.mjs';
import { BASELINES, DEFAULT_FUNCTION, FUNCTION_BUNDLE, REPO, tools as allTools } from './tools.mjs';

/**
 * @import { LosslessResult } from './check-lossless.mjs'
 * @import { Tool } from './tools.mjs'
 */
/**
 * One measured run of a tool: null when it could not be started.
 * @typedef {{ wall_s: number|null, maxrss_kib: number|null, exit: number|null }} RunRecord
 * A tool's runs in one case, while they happen.
 * @typedef {{ label: string, argv: string[], runs: RunRecord[], failures: string[], outputs: Set<string>, output: string|null }} ToolRecord
 * A tool's part of a case in the summary.
 * @typedef {{ label: string, role: string, argv: string[], runs: RunRecord[], ok: number, failures: string[],
 *             median_s: number|null, min_s: number|null, max_s: number|null, median_rss_mib: number|null,
 *             lossless: { identical: number, total: number }|null, output_file: string|null }} ToolSummary
 * One case (a size, with or without the alias) in the summary: see bench/README.md, "The JSON summary".
 * @typedef {Awaited<ReturnType<typeof runCase>>} Case
 * The JSON summary (bench/out/summary.json).
 * @typedef {typeof summary} Summary
 */

const { values: opt } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    'alias-sizes': { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    fn: { type: 'string', default: DEFAULT_FUNCTION },
    tools: { type: 'string' },
    node: { type: 'string', multiple: true, default: [] },
    measurer: { type: 'string', default: 'auto' },
    out: { type: 'string', default: path.join(REPO, 'bench', 'out') },
    strict: { type: 'boolean', default: false },
  },
});

const smoke = opt.smoke;
const sizes = (opt.sizes ?? (smoke ? '1,20' : '1,1000,10000')).split(',').map(Number);
// The same lists with one anchor and one alias in the controller, timed against the function on the
// list without them (interleaved): an alias must not send the function down a slow path.
const aliasSizes = (opt['alias-sizes'] ?? (smoke ? '20' : '10000')).split(',').filter(Boolean).map(Number);
const runs = Number(opt.runs ?? (smoke ? 1 : 7));
const warmup = Number(opt.warmup ?? (smoke ? 0 : 1));
const seed = Number(opt.seed);
const fnPath = path.resolve(opt.fn);
const outDir = path.resolve(opt.out);
if ([...sizes, ...aliasSizes].some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1) || !(warmup >= 0) || !Number.isInteger(seed)) {
  console.error('bench: --sizes must be positive integers, --runs >= 1, --warmup >= 0, --seed an integer');
  process.exit(2);
}
if (fnPath === DEFAULT_FUNCTION && !existsSync(FUNCTION_BUNDLE)) {
  console.error(`bench: ${path.relative(REPO, FUNCTION_BUNDLE)} is missing: run \`npm run build\` first`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

// Run a snapshot of bin/ and dist/ taken now (same layout, so bin's require('../dist/...') and the
// bundle's validators resolve alike): a rebuild during the run (npm test in another shell) cannot
// mix builds or catch a half-written bundle.
let fnExec = fnPath;
/** @type {{ bytes: number, sha256: string, built: string }|null} */
let bundle = null;
const snap = path.join(outDir, 'snapshot');
if (opt.node.length && fnPath !== DEFAULT_FUNCTION) {
  console.error('bench: --node runs the default function (it writes a code cache per Node.js), not --fn');
  process.exit(2);
}
if (fnPath === DEFAULT_FUNCTION) {
  rmSync(snap, { recursive: true, force: true });
  cpSync(path.join(REPO, 'bin'), path.join(snap, 'bin'), { recursive: true });
  cpSync(path.join(REPO, 'dist'), path.join(snap, 'dist'), { recursive: true });
  fnExec = path.join(snap, 'bin', path.basename(fnPath));
  const bytes = readFileSync(path.join(snap, 'dist', path.basename(FUNCTION_BUNDLE)));
  bundle = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), built: statSync(FUNCTION_BUNDLE).mtime.toISOString() };
}

let tools = allTools(fnExec);
if (opt.tools) {
  const wanted = new Set(['function', ...opt.tools.split(',')]);
  const unknown = [...wanted].filter((id) => !tools.some((t) => t.id === id));
  if (unknown.length) {
    console.error(`bench: unknown --tools ${unknown.join(', ')} (known: ${tools.map((t) => t.id).join(', ')})`);
    process.exit(2);
  }
  tools = tools.filter((t) => wanted.has(t.id));
}
if (tools.some((t) => t.argv.some((a) => a.startsWith(BASELINES))) && !existsSync(path.join(REPO, 'bench', 'node_modules'))) {
  console.error("bench: bench/node_modules is missing (the baselines' packages): run `npm ci --prefix bench` first");
  process.exit(1);
}
const otherNodes = nodeTools(opt.node, snap, outDir);
tools.push(...otherNodes.flatMap((n) => n.tools));
/** Tool ids of the function and `node -e ''` per Node.js, this script's first (when it runs `node -e ''`). */
const byNode = [
  ...(tools.some((t) => t.id === 'node-empty') ? [{ version: `${process.version} (bench's own)`, fn: 'function', empty: 'node-empty' }] : []),
  ...otherNodes.map((n) => ({ version: n.version, fn: `function@${n.version}`, empty: `node-empty@${n.version}` })),
];

// Children see the same Node.js as this script, first on PATH, as `#!/usr/bin/env node` resolves it.
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
const measurer = createMeasurer(opt.measurer);
const began = performance.now();
const loadavgStart = os.loadavg();

/** @param {number[]} xs @returns {number|null} null for no values */
const median = (xs) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * The telling part of a failed child's stderr: error lines, not stack frames or minified source.
 * @param {string} stderr
 */
function stderrGist(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && l.length < 300 && l !== '^');
  const errors = lines.filter((l) => /error|fail|cannot|invalid/i.test(l));
  return (errors.length ? errors : lines).slice(-2).join(' | ') || '(no stderr)';
}

/** The function's tool: always there (--tools keeps it). */
function functionTool() {
  const fn = tools.find((t) => t.id === 'function');
  if (!fn) throw new Error('bench: the function is not among the tools');
  return fn;
}

/**
 * The function again, on the same list without the alias: what the alias case is compared with.
 * @param {number} n
 * @returns {Tool}
 */
function withoutAliasTool(n) {
  const plain = path.join(outDir, `input-${n}.yaml`);
  writeFileSync(plain, generateResourceList(n, seed).text);
  const fn = functionTool();
  return { id: 'function-without-alias', label: 'controller-network-policy, same list without the alias', argv: fn.argv, input: plain, role: 'the function on the list without the alias' };
}

/**
 * @param {number} n items
 * @param {boolean} [alias] the list with one anchor and one alias, against the function on the list without them
 */
async function runCase(n, alias = false) {
  const { text, items, namespaces } = generateResourceList(n, seed, { alias });
  const caseTools = alias ? [functionTool(), withoutAliasTool(n)] : tools;
  const name = `${n}${alias ? '-alias' : ''}`;
  const inputFile = path.join(outDir, `input-${name}.yaml`);
  writeFileSync(inputFile, text);
  /** @type {Record<string, ToolRecord>} */
  const perTool = Object.fromEntries(
    caseTools.map((t) => [t.id, { label: t.label, argv: t.argv, runs: [], failures: [], outputs: new Set(), output: null }]),
  );
  const total = warmup + runs;
  for (let it = 0; it < total; it++) {
    // Interleave, rotating the start so no tool always runs first (or right after a heavy one).
    const order = caseTools.map((_, i) => caseTools[(i + it) % caseTools.length]);
    for (const t of order) {
      const rec = perTool[t.id];
      const outFile = it === 0 ? path.join(outDir, `output-${name}.${t.id}.yaml`) : null;
      // The function's first run, when untimed, gets its stdin from a slow producer (half, a pause
      // once the pipe is empty, the rest): reading must wait for data, not fail on an empty pipe.
      const stall = t.id === 'function' && it === 0 && (smoke || warmup > 0) ? Math.max(1, Buffer.byteLength(text) >> 1) : null;
      const r = await measurer.run({ argv: t.argv, cwd: outDir, env, stdin: t.input ?? inputFile, stdout: outFile, stall_after: stall });
      if (r.error || r.exit !== 0) {
        const why = r.error ?? `exit ${r.exit}${r.signal ? ` (signal ${r.signal})` : ''}: ${stderrGist(r.stderr_tail)}`;
        rec.failures.push(why);
      }
      if (outFile) rec.output = outFile;
      if (!r.error && r.exit === 0) rec.outputs.add(r.stdout_sha256);
      if (it >= warmup) rec.runs.push({ wall_s: r.wall_s ?? null, maxrss_kib: r.maxrss_kib ?? null, exit: r.exit ?? null });
    }
  }

  /** @type {Record<string, ToolSummary>} */
  const summaryTools = {};
  for (const t of caseTools) {
    const rec = perTool[t.id];
    const ok = rec.runs.filter((r) => r.exit === 0);
    const walls = ok.map((r) => r.wall_s).filter((x) => x != null); // all of them: a run that exited was timed
    const rss = ok.map((r) => r.maxrss_kib).filter((x) => x != null);
    const rssMedian = median(rss);
    /** @type {ToolSummary['lossless']} */
    let lossless = null;
    if (rec.output && existsSync(rec.output) && !t.input) {
      const { identical, total: all } = checkLossless(items, readFileSync(rec.output, 'utf8'));
      lossless = { identical, total: all };
    }
    summaryTools[t.id] = {
      label: t.label,
      role: t.role,
      argv: t.argv.map((a) => (a.startsWith(REPO) ? path.relative(REPO, a) : a)),
      runs: rec.runs,
      ok: ok.length,
      failures: rec.failures,
      median_s: median(walls),
      min_s: walls.length ? Math.min(...walls) : null,
      max_s: walls.length ? Math.max(...walls) : null,
      median_rss_mib: rssMedian == null ? null : rssMedian / 1024,
      lossless,
      output_file: rec.output ? path.relative(REPO, rec.output) : null,
    };
  }

  // The function's own output check: exit 0 everywhere, every input item byte-identical, same bytes each run.
  const fn = perTool.function;
  const problems = [];
  if (fn.failures.length) problems.push(`${fn.failures.length} failed run(s): ${fn.failures[0]}`);
  /** @type {Omit<LosslessResult, 'outputItems'> & { outputItems?: number }} */
  let detail = { total: items.length, identical: 0, inOrder: false, added: 0, firstMissing: null };
  if (fn.output && existsSync(fn.output)) {
    detail = checkLossless(items, readFileSync(fn.output, 'utf8'));
    if (detail.identical !== detail.total) {
      problems.push(`${detail.total - detail.identical}/${detail.total} input items not byte-identical in the output (first: ${detail.firstMissing})`);
    } else if (!detail.inOrder) {
      problems.push('input items reordered in the output');
    }
  } else {
    problems.push('no output captured');
  }
  if (fn.outputs.size > 1) problems.push(`output differs between runs (${fn.outputs.size} variants)`);
  const check = {
    pass: problems.length === 0,
    runs: warmup + runs,
    ...detail,
    deterministic: fn.outputs.size === 1,
    stalledStdin: measurer.canStall && (smoke || warmup > 0),
    problems,
  };

  /** @type {Record<string, { time: number|null, rss: number|null }>} function ÷ tool */
  const ratios = {};
  const f = summaryTools.function;
  for (const t of caseTools) {
    if (t.id === 'function') continue;
    const b = summaryTools[t.id];
    ratios[t.id] = {
      time: f.median_s != null && b.median_s ? f.median_s / b.median_s : null,
      rss: f.median_rss_mib != null && b.median_rss_mib ? f.median_rss_mib / b.median_rss_mib : null,
    };
  }
  return {
    id: name,
    items: n,
    alias,
    bytes: Buffer.byteLength(text),
    namespaces,
    input_sha256: createHash('sha256').update(text).digest('hex'),
    input_file: path.relative(REPO, inputFile),
    check,
    tools: summaryTools,
    ratios,
    ...(otherNodes.length ? { nodes: nodeComparison(summaryTools, byNode) } : {}),
  };
}

const floorStart = await rssFloor(measurer);
const cases = [];
for (const n of sizes) {
  process.stderr.write(`bench: ${n} item(s), ${tools.length} tools × (${warmup} warm-up + ${runs} runs)...\n`);
  cases.push(await runCase(n));
}
for (const n of aliasSizes) {
  process.stderr.write(`bench: ${n} item(s) with one alias, the function with and without it × (${warmup} warm-up + ${runs} runs)...\n`);
  cases.push(await runCase(n, true));
}
const floorEnd = await rssFloor(measurer);
measurer.close();
const floors = [floorStart, floorEnd].filter((x) => x != null);

const targets = smoke ? [] : evaluateTargets(new Map(cases.map((c) => [c.id, c])));
const toolFailures = cases.flatMap((c) => Object.values(c.tools).filter((t) => t.failures.length).map((t) => `${c.items}: ${t.label}`));
const checksPass = cases.every((c) => c.check.pass);
const summary = {
  benchmark: 'controller-network-policy',
  mode: smoke ? 'smoke' : 'full',
  machine: {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    total_mem_mib: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadavg_start: loadavgStart,
    loadavg_end: os.loadavg(),
  },
  config: { sizes, alias_sizes: aliasSizes, warmup, runs, seed, function: fnPath.startsWith(REPO) ? path.relative(REPO, fnPath) : fnPath,
    function_snapshot: fnExec === fnPath ? null : path.relative(REPO, fnExec),
    bundle, measurer: measurer.name,
    other_nodes: otherNodes.map(({ version, node }) => ({ version, node })),
    rss_floor_mib: floors.length ? Math.max(...floors) / 1024 : null },
  cases,
  targets,
  ok: toolFailures.length === 0 && checksPass,
  tool_failures: toolFailures,
  targets_pass: targets.every((t) => t.result !== 'FAIL'),
  duration_s: (performance.now() - began) / 1000,
};

const jsonFile = path.join(outDir, smoke ? 'summary-smoke.json' : 'summary.json');
writeFileSync(jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${renderReport(summary)}\n`);
process.stdout.write(`Summary: ${path.relative(process.cwd(), jsonFile)} · took ${summary.duration_s.toFixed(1)} s\n`);

if (!summary.ok) {
  console.error(`bench: FAILED: ${[...toolFailures.map((f) => `tool failed (${f})`), ...cases.filter((c) => !c.check.pass).map((c) => `function output check failed at ${c.items} item(s)${c.alias ? ' with one alias' : ''}`)].join('; ')}`);
  process.exit(1);
}
if (opt.strict && !summary.targets_pass) {
  console.error('bench: a target failed (--strict)');
  process.exit(1);
}
