// Renders the benchmark summary (see run.mjs) as a markdown report.

/** @import { Case, Summary } from './run.mjs' */

/** @param {number} n */
const fmtInt = (n) => n.toLocaleString('en-US');
/** @param {number|null} s seconds */
const fmtS = (s) => (s == null ? '—' : `${s.toFixed(3)} s`);
/** @param {number|null} m MiB */
const fmtMiB = (m) => (m == null ? '—' : `${m.toFixed(0)} MiB`);
/** @param {number|null|undefined} r a ratio */
const fmtX = (r) => (r == null ? '—' : `${r.toFixed(2)}×`);
/** @param {number} b bytes */
const fmtBytes = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} KB`);

/** @param {Case['check']} check */
function checkLine(check) {
  if (check.pass) {
    return (
      `**PASS**: exit 0 in ${check.runs}/${check.runs} runs; ${fmtInt(check.identical)}/${fmtInt(check.total)} ` +
      `input items byte-identical in the output, in input order; ${check.added} item(s) added; ` +
      `output identical across runs${check.stalledStdin ? '; stdin from a slow producer in the first run' : ''}`
    );
  }
  return `**FAIL**: ${check.problems.join('; ')}`;
}

/**
 * @param {Case} c
 * @param {boolean} smoke
 */
function caseTable(c, smoke) {
  const lines = [];
  lines.push(`### ${fmtInt(c.items)} item${c.items === 1 ? '' : 's'}${c.alias ? ' with one alias' : ''} (${fmtBytes(c.bytes)}, ${c.namespaces} namespace${c.namespaces === 1 ? '' : 's'})`);
  lines.push('');
  const timed = !smoke;
  lines.push(
    '| tool | median wall | min – max | median peak RSS | function ÷ tool (time) | function ÷ tool (RSS) | runs ok | items byte-identical |',
  );
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const [id, t] of Object.entries(c.tools)) {
    const r = c.ratios[id] ?? {};
    const name = id === 'function' ? `**${t.label}**` : t.label;
    const lossless = t.lossless ? `${fmtInt(t.lossless.identical)}/${fmtInt(t.lossless.total)}` : '—';
    lines.push(
      `| ${name} | ${fmtS(t.median_s)} | ${timed ? `${fmtS(t.min_s)} – ${fmtS(t.max_s)}` : '—'} | ${fmtMiB(t.median_rss_mib)} | ` +
        `${id === 'function' ? '' : fmtX(r.time)} | ${id === 'function' ? '' : fmtX(r.rss)} | ${t.ok}/${t.runs.length} | ${lossless} |`,
    );
  }
  lines.push('');
  if (c.nodes) {
    lines.push('Per Node.js (`--node`), each against its own `node -e \'\'` in this run:');
    lines.push('');
    lines.push("| Node.js | function median | `node -e ''` median | function ÷ `node -e ''` |");
    lines.push('|---|--:|--:|--:|');
    for (const n of c.nodes) lines.push(`| ${n.version} | ${fmtS(n.function_s)} | ${fmtS(n.node_empty_s)} | ${fmtX(n.ratio)} |`);
    lines.push('');
  }
  lines.push(`Function output check: ${checkLine(c.check)}`);
  for (const t of Object.values(c.tools)) {
    if (t.failures.length) lines.push(`- ${t.label} failed: ${t.failures[0]}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** @param {Summary} s */
export function renderReport(s) {
  const m = s.machine;
  const lines = [];
  lines.push(`## controller-network-policy benchmark${s.mode === 'smoke' ? ' (smoke)' : ''}`);
  lines.push('');
  lines.push(
    `${m.date} · ${m.cores} cores (${m.cpu}) · ${(m.total_mem_mib / 1024).toFixed(0)} GiB · Node.js ${m.node} · ` +
      `load avg ${m.loadavg_start.map((x) => x.toFixed(2)).join(' ')} · ${s.config.warmup} warm-up + ${s.config.runs} measured runs per tool, ` +
      `interleaved · seed ${s.config.seed} · measured with ${s.config.measurer}` +
      (s.config.rss_floor_mib != null ? ` (peak RSS floor ${s.config.rss_floor_mib.toFixed(1)} MiB)` : ''),
  );
  const b = s.config.bundle;
  lines.push('');
  lines.push(
    `Function: \`${s.config.function}\`` +
      (b ? ` (bundle ${(b.bytes / 1024).toFixed(0)} KiB, sha256 ${b.sha256.slice(0, 12)}, built ${b.built}; run from a snapshot in \`${s.config.function_snapshot}\`)` : ''),
  );
  lines.push('');
  for (const c of s.cases) lines.push(caseTable(c, s.mode === 'smoke'));
  if (s.mode !== 'smoke') {
    lines.push('### Targets');
    lines.push('');
    lines.push('| target | measured | limit | result |');
    lines.push('|---|--:|--:|---|');
    for (const t of s.targets) {
      const measured = t.measured == null ? '—' : `${t.measured.toFixed(2)}${t.unit}`;
      lines.push(`| ${t.target} | ${measured} | ≤ ${t.limit}${t.unit} | **${t.result}**${t.note ? ` (${t.note})` : ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
