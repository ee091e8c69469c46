// @ts-check
/**
 * Mutation testing with StrykerJS: `npm run mutate` (all of src/), or narrowed with
 * `npm run mutate -- --mutate 'src/krm/**\/*.ts,src/main.ts'` (one comma-separated list: a repeated
 * --mutate keeps only the last).
 * Not part of CI: all of src/ is about 11,000 mutants, hours on 2 cores. Reports are written to
 * node_modules/.cache/controller-network-policy/stryker/ (mutation.html, mutation.json), beside the
 * incremental file that lets a second run test only the mutants whose code or tests changed.
 * test/stryker/README.md explains the plumbing in test/stryker/.
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
    },
    // test-file-filter.cjs picks the test files per mutant, from coverage (which also sees test/cli's
    // child processes, unlike Jest's import graph)
    enableFindRelatedTests: false,
  },
  // test/cli runs bin/controller-network-policy, which loads dist/: build it from the instrumented src/
  buildCommand: 'npm run build',
  coverageAnalysis: 'perTest',
  // report every test that kills a mutant, not only the first (Jest runs them all anyway)
  disableBail: true,
  incremental: true,
  incrementalFile: 'node_modules/.cache/controller-network-policy/stryker/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'node_modules/.cache/controller-network-policy/stryker/mutation.html' },
  jsonReporter: { fileName: 'node_modules/.cache/controller-network-policy/stryker/mutation.json' },
  // a mutant that makes a test slower than this is a timeout (counted as detected): on a busy 2-core
  // machine Stryker's defaults (1.5 × the test time + 5 s) flagged slow runs that were no hang
  timeoutFactor: 2,
  timeoutMS: 15000,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
