// The performance targets from the issue, evaluated on one run's medians (ratios measured side by side).

/** @import { Case } from './run.mjs' */
/**
 * A target's measurement: null with a note when it cannot be taken (fail: it should have been).
 * @typedef {{ value: number|null, note?: string, fail?: boolean }} Measurement
 * @typedef {{ id: string, target: string, measured: number|null, limit: number, unit: string,
 *             result: 'PASS'|'FAIL'|'n/a', note?: string }} Target
 */

/**
 * @param {Map<string, Case>} cases summary of each case, keyed by its id (`1000`, `10000-alias`)
 * @returns {Target[]}
 */
export function evaluateTargets(cases) {
  /**
   * @param {number|string} n the case's id
   * @param {string} tool
   * @param {'time'|'rss'} [what]
   * @returns {Measurement}
   */
  const ratio = (n, tool, what = 'time') => {
    const c = cases.get(String(n));
    if (!c) return { value: null, note: `no ${n}-item case in this run` };
    if (!c.check.pass) return { value: null, note: 'function output check failed', fail: true };
    const r = c.ratios[tool]?.[what];
    return r == null ? { value: null, note: `${tool} has no measurement`, fail: true } : { value: r };
  };
  /** @returns {Measurement} */
  const scaling = () => {
    const a = cases.get('1000');
    const b = cases.get('10000');
    if (!a || !b) return { value: null, note: 'needs the 1,000 and 10,000-item cases' };
    if (!a.check.pass || !b.check.pass) return { value: null, note: 'function output check failed', fail: true };
    const ta = a.tools.function.median_s;
    const tb = b.tools.function.median_s;
    return ta && tb ? { value: tb / ta } : { value: null, note: 'no function timing', fail: true };
  };
  /** @type {[id: string, target: string, measurement: Measurement, limit: number, unit: string][]} */
  const rows = [
    ['cold-start', "1 item, cold start: function ÷ node -e ''", ratio(1, 'node-empty'), 1.5, '×'],
    ['1k-time', '1,000 items: function ÷ kpt-functions identity (time)', ratio(1000, 'kpt-functions'), 1.0, '×'],
    ['10k-time', '10,000 items: function ÷ kpt-functions identity (time)', ratio(10000, 'kpt-functions'), 1.0, '×'],
    ['10k-rss', '10,000 items: function ÷ kpt-functions identity (peak RSS)', ratio(10000, 'kpt-functions', 'rss'), 1.5, '×'],
    ['scaling', 'scaling: function time(10,000) ÷ time(1,000)', scaling(), 12, ''],
    ['alias', '10,000 items with one alias: function ÷ the function without the alias (time)', ratio('10000-alias', 'function-without-alias'), 2, '×'],
  ];
  return rows.map(([id, target, m, limit, unit]) => ({
    id,
    target,
    measured: m.value,
    limit,
    unit,
    result: m.value != null ? (m.value <= limit ? 'PASS' : 'FAIL') : m.fail ? 'FAIL' : 'n/a',
    ...(m.note ? { note: m.note } : {}),
  }));
}
