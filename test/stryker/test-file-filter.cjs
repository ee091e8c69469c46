'use strict';
/**
 * Mutation testing only (see README.md): Jest's `filter`. For each mutant, Stryker names the tests
 * that reach it, but Jest would still load every test file (and run its describe bodies) to find
 * them; this keeps only the files whose tests reach the active mutant, as per-test-coverage.cjs wrote
 * them down in the coverage run. Every file runs when no mutant is active, and for a mutant that was
 * not written down (Stryker's "static" mutants).
 */
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** In the sandbox Stryker tests in (a copy of the project, deleted afterwards). */
const COVERAGE_BY_FILE = join(__dirname, 'coverage-by-file.jsonl');

let loaded; // { mtimeMs, filesByMutant }

function filesByMutant() {
  if (!existsSync(COVERAGE_BY_FILE)) return undefined;
  const { mtimeMs } = statSync(COVERAGE_BY_FILE);
  if (loaded?.mtimeMs !== mtimeMs) {
    const map = new Map();
    for (const line of readFileSync(COVERAGE_BY_FILE, 'utf8').split('\n')) {
      if (!line) continue;
      const { file, mutants } = JSON.parse(line);
      for (const mutant of mutants) (map.get(mutant) ?? map.set(mutant, new Set()).get(mutant)).add(file);
    }
    loaded = { mtimeMs, filesByMutant: map };
  }
  return loaded.filesByMutant;
}

module.exports = async function filter(testPaths) {
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  const files = mutant === undefined ? undefined : filesByMutant()?.get(mutant);
  return { filtered: files ? testPaths.filter((path) => files.has(path)) : testPaths };
};
module.exports.COVERAGE_BY_FILE = COVERAGE_BY_FILE;
