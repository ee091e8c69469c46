// @ts-check
import { scopeSuffix } from './scripts/mutation/mutation-score.mjs';

const testFolders = process.env.MUTATE_TESTS?.split(',').filter(Boolean);
const scope = scopeSuffix(process.env.MUTATE_TESTS);
const cache = 'node_modules/.cache/controller-network-policy/stryker';

/**
 * Mutation testing with StrykerJS: `npm run mutate` (all of src/), or narrowed with
 * `npm run mutate -- --mutate 'src/krm/**\/*.ts,src/main.ts'` (one comma-separated list: a repeated
 * --mutate keeps only the last).
 * Not part of CI: all of src/ is about 11,000 mutants, hours on 2 cores. Reports are written to
 * node_modules/.cache/controller-network-policy/stryker/ (mutation.html, mutation.json), beside the
 * incremental file that lets a second run test only the mutants whose code or tests changed.
 * test/stryker/README.md explains the plumbing in test/stryker/.
 *
 * MUTATE_TESTS (comma-separated folders of test/) narrows the tests a run may use, and gives the
 * run its own incremental file and reports: scripts/mutate-core.mjs (`npm run mutate:core`) scores
 * each core folder against its own tests only, a lower bound of the score the whole suite gets.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: ['src/**/*.ts'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // the suite's own config: @swc/jest transforms the instrumented TypeScript as it does for `npm test`
    configFile: 'jest.config.cjs',
    config: {
      // Left out of the mutant runs: the suites that test the packaging, the chart and the docs more
      // than src/, and that are too slow to run for each mutant: e2e (kpt, kustomize, helm, the image),
      // the chart's suites and parity, the examples, the docs, and the layering of src/; and the
      // property tests, whose inputs are random on each run (a mutant killed once could survive the
      // next run) and which are the slowest per test.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/(e2e|chart|examples|docs|architecture|properties)/'],
      globalSetup: '<rootDir>/test/stryker/global-setup.cjs',
      setupFilesAfterEnv: ['<rootDir>/test/stryker/per-test-coverage.cjs'],
      filter: '<rootDir>/test/stryker/test-file-filter.cjs',
      ...(testFolders && { roots: testFolders.map((folder) => `<rootDir>/${folder}`) }),
    },
    // test-file-filter.cjs picks the test files per mutant, from coverage (which also sees test/cli's
    // child processes, unlike Jest's import graph)
    enableFindRelatedTests: false,
  },
  // test/cli runs bin/controller-network-policy, which loads dist/: build it from the instrumented src/
  buildCommand: 'npm run build',
  coverageAnalysis: 'perTest',
  // a mutant's run stops at the first test that kills it: most mutants die early, and running every
  // test that covers a line of src/krm (nearly the whole suite) for each of them took hours
  disableBail: false,
  incremental: true,
  incrementalFile: `${cache}/incremental${scope}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${cache}/mutation${scope}.html` },
  jsonReporter: { fileName: `${cache}/mutation${scope}.json` },
  // a mutant that makes a test slower than this is a timeout (counted as detected): on a busy 2-core
  // machine Stryker's defaults (1.5 × the test time + 5 s) flagged slow runs that were no hang
  timeoutFactor: 2,
  timeoutMS: 15000,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
