'use strict';
/**
 * Mutation testing only (see README.md), in the process that runs the tests: every Node.js child the
 * tests start loads report-child-coverage.cjs, which leaves the mutants it reached in a directory
 * for per-test-coverage.cjs. Without it, the mutants that only the CLI tests reach (all of
 * src/main.ts) would count as "no coverage" and never run.
 */
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');

const REPORT = join(__dirname, 'report-child-coverage.cjs');

module.exports = function globalSetup() {
  // in Stryker's sandbox (deleted after the run), one per test runner process
  const dir = join(__dirname, `child-coverage-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.CNP_STRYKER_CHILD_COVERAGE = dir;
  const options = process.env.NODE_OPTIONS ?? '';
  if (!options.includes(REPORT)) process.env.NODE_OPTIONS = `${options} --require ${REPORT}`.trim();
};
