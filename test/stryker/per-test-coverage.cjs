'use strict';
/**
 * Mutation testing only (see README.md), a setup file of every test file. In Stryker's coverage run:
 *  - the mutants of src/main.ts that a test's Node.js children reached (report-child-coverage.cjs)
 *    count for that test. Only those: the rest of src/ is reached in-process, far faster than through
 *    test/cli's child processes, so a mutant elsewhere is never run against test/cli (a mutant only
 *    test/cli would kill then survives: the score errs low, never high);
 *  - the mutants reached while no test ran (the file's imports, its describe bodies, its beforeAll)
 *    count for every test of this file, not as "static" for every test of the suite: Jest gives each
 *    test file its own module registry, so nothing done here reaches another file's tests;
 *  - which mutants this file's tests reach is written down for test-file-filter.cjs.
 */
const { appendFileSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { COVERAGE_BY_FILE } = require('./test-file-filter.cjs');

/** The mutants of src/main.ts: the instrumented copy in Stryker's sandbox asks for each by its id. */
const MAIN_MUTANTS = new Set(
  Array.from(readFileSync(join(__dirname, '..', '..', 'src', 'main.ts'), 'utf8').matchAll(/\bstryMutAct_\w+\("(\d+)"\)/g), (m) => m[1]),
);

const stryker = globalThis.__stryker__;
const coverage = () => (stryker.mutantCoverage ??= { static: {}, perTest: {} });
const add = (into, reached) => {
  for (const [mutant, hits] of Object.entries(reached)) into[mutant] = (into[mutant] ?? 0) + hits;
};

function takeChildCoverage(into) {
  const dir = process.env.CNP_STRYKER_CHILD_COVERAGE;
  if (!dir) return;
  for (const name of readdirSync(dir)) {
    const file = `${dir}/${name}`;
    const reached = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
    add(into, Object.fromEntries(Object.entries(reached).filter(([mutant]) => MAIN_MUTANTS.has(mutant))));
  }
}

if (stryker) {
  /** Reached before this file started (another file's leftovers), so not this file's own. */
  const staticBefore = { ...coverage().static };
  const fileLevel = {};
  const tests = new Set();

  beforeEach(() => {
    takeChildCoverage(fileLevel); // children of a beforeAll
    if (stryker.currentTestId !== undefined) tests.add(stryker.currentTestId);
  });
  afterEach(() => {
    const id = stryker.currentTestId;
    takeChildCoverage(id === undefined ? fileLevel : (coverage().perTest[id] ??= {}));
  });
  afterAll(() => {
    takeChildCoverage(fileLevel);
    const { static: statics, perTest } = coverage();
    if (tests.size === 0) return add(statics, fileLevel); // a mutant run, or no test ran here
    for (const [mutant, hits] of Object.entries(statics)) {
      const own = hits - (staticBefore[mutant] ?? 0);
      if (own <= 0) continue;
      fileLevel[mutant] = (fileLevel[mutant] ?? 0) + own;
      if (staticBefore[mutant]) statics[mutant] = staticBefore[mutant];
      else delete statics[mutant];
    }
    const reached = new Set(Object.keys(fileLevel));
    for (const id of tests) {
      add((perTest[id] ??= {}), fileLevel);
      for (const mutant of Object.keys(perTest[id])) reached.add(mutant);
    }
    appendFileSync(COVERAGE_BY_FILE, `${JSON.stringify({ file: expect.getState().testPath, mutants: [...reached] })}\n`);
  });
}
