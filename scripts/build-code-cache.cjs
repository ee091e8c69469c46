// @ts-check
'use strict';
// Writes V8's code cache for the bundle after training runs (build/code-cache-training.json, written by
// scripts/build.mjs from the controller fixture and the engines of the values schema), so the bytecode
// of everything a run needs is in it: the entry point then starts without compiling that code. It runs
// in the image's own Node.js (Dockerfile, stage code-cache), which has nothing but dist/ and this file.
const fs = require('node:fs');
const path = require('node:path');
const loadBundle = require('../bin/load-bundle.cjs').loadBundle;

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'controller-network-policy.cjs');
/** @type {string[]} */
const inputs = JSON.parse(fs.readFileSync(path.join(root, 'build', 'code-cache-training.json'), 'utf8'));
fs.rmSync(`${bundle}.cache`, { force: true });
const { exports: fn, script } = loadBundle(bundle);
const { run } = /** @type {{ run: (input: string) => { exitCode: number, stdout: string, stderr: string } }} */ (fn);

for (const input of inputs) {
  const first = run(input);
  if (first.exitCode !== 0) throw new Error(`training run failed:\n${first.stderr}`);
  // the second run reads its own output back: the update path of `kpt fn render`
  run(first.stdout.replace(/\nresults:\n[\s\S]*$/, '\n'));
}
fs.writeFileSync(`${bundle}.cache`, script.createCachedData());
