// @ts-check
// `npm run mutate:core`: the mutation score of the folders whose floor is 90% (src/krm, src/main.ts,
// src/workloads), each mutated against its own tests only. The whole suite kills every mutant those
// tests kill, so each score is a lower bound of what `npm run mutate` reports for the folder, in
// about an hour on 2 cores instead of many. Prints a Markdown table; exits 1 below the floor.
//
//   node scripts/mutate-core.mjs [src/krm|src/main.ts|src/workloads ...]

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { folderScore, scopeSuffix, scoreTable } from './mutation/mutation-score.mjs';

const FLOOR = 90;
/** @type {readonly { folder: string, mutate: string, tests: string }[]} */
const CORE = [
  { folder: 'src/krm', mutate: 'src/krm/**/*.ts', tests: 'test/krm' },
  // the tests that run the built entry point: the function's, explain's and discover's
  { folder: 'src/main.ts', mutate: 'src/main.ts', tests: 'test/cli,test/explain,test/discover' },
  { folder: 'src/workloads', mutate: 'src/workloads/**/*.ts', tests: 'test/workloads' },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((folder) => !CORE.some((core) => core.folder === folder));
if (unknown.length > 0) {
  console.error(`mutate-core: not a core folder: ${unknown.join(', ')} (core: ${CORE.map((c) => c.folder).join(', ')})`);
  process.exit(2);
}

const rows = [];
for (const { folder, mutate, tests } of CORE.filter((core) => wanted.length === 0 || wanted.includes(core.folder))) {
  const run = spawnSync('npx', ['stryker', 'run', '--mutate', mutate], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_TESTS: tests },
  });
  if (run.status !== 0) {
    console.error(`mutate-core: stryker failed for ${folder} (exit ${run.status ?? run.signal})`);
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(`node_modules/.cache/controller-network-policy/stryker/mutation${scopeSuffix(tests)}.json`, 'utf8'));
  rows.push({ ...folderScore(report, folder), tests });
}

console.log(`\n${scoreTable(rows)}\n`);
const below = rows.filter((row) => !(row.score >= FLOOR));
if (below.length > 0) {
  console.error(`mutate-core: below ${FLOOR}%: ${below.map((row) => row.folder).join(', ')}`);
  process.exit(1);
}
