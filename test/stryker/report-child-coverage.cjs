'use strict';
/**
 * Mutation testing only (see README.md), preloaded into the tests' Node.js children: in the coverage
 * run (no mutant active), writes the mutants this process reached where per-test-coverage.cjs reads them.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.CNP_STRYKER_CHILD_COVERAGE;
if (dir && !process.env.__STRYKER_ACTIVE_MUTANT__) {
  process.on('exit', () => {
    const reached = globalThis.__stryker__?.mutantCoverage?.static;
    if (!reached || Object.keys(reached).length === 0) return;
    try {
      writeFileSync(join(dir, `${process.pid}-${Date.now()}.json`), JSON.stringify(reached));
    } catch {
      // less coverage: its mutants count as "no coverage", never as killed
    }
  });
}
