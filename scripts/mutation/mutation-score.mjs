// @ts-check
// The mutation score of a Stryker JSON report (mutation-testing-report-schema), per folder, counted
// as Stryker counts it: detected (killed, timed out) over valid (detected, survived, not covered).
// Ignored mutants (marked equivalent in the code) and those that do not compile or crash the test
// run are not valid, so they count for neither side.

/** @typedef {{ status: string }} Mutant */
/** @typedef {{ files: Record<string, { mutants: Mutant[] }> }} Report */
/** @typedef {{ folder: string, killed: number, timeout: number, survived: number, noCoverage: number, invalid: number, ignored: number, score: number }} FolderScore */

/**
 * @param {Report} report
 * @param {string} folder a source folder (`src/krm`) or file (`src/main.ts`)
 * @returns {FolderScore}
 */
export function folderScore(report, folder) {
  const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0, ignored: 0 };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (file !== folder && !file.startsWith(`${folder}/`)) continue;
    for (const { status } of mutants) {
      if (status === 'Killed') counts.killed++;
      else if (status === 'Timeout') counts.timeout++;
      else if (status === 'Survived') counts.survived++;
      else if (status === 'NoCoverage') counts.noCoverage++;
      else if (status === 'Ignored') counts.ignored++;
      else counts.invalid++; // CompileError, RuntimeError
    }
  }
  const detected = counts.killed + counts.timeout;
  const valid = detected + counts.survived + counts.noCoverage;
  return { folder, ...counts, score: valid === 0 ? Number.NaN : (100 * detected) / valid };
}

/**
 * A Markdown table of the scores, for the closing note of a change.
 * @param {readonly (FolderScore & { tests: string })[]} rows
 */
export function scoreTable(rows) {
  const lines = [
    '| mutated | tests | killed | timeout | survived | no coverage | ignored | invalid | score |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.folder} | ${r.tests} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.ignored} | ${r.invalid} | ${r.score.toFixed(1)}% |`,
    );
  }
  return lines.join('\n');
}

/**
 * The suffix of a narrowed run's report and incremental file names (stryker.config.mjs), from its
 * MUTATE_TESTS: `test/cli,test/explain` → `-test_cli_test_explain`; none without.
 * @param {string | undefined} tests
 */
export function scopeSuffix(tests) {
  return tests ? `-${tests.replace(/\W+/g, '_')}` : '';
}
