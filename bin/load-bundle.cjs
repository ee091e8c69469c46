// @ts-check
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/**
 * Loads a CommonJS bundle through V8's code cache (`<file>.cache`, written by `npm run build`) when it
 * fits this Node.js: start-up then skips compiling the code a run needs. Without a fitting cache it is
 * an ordinary load (V8 rejects a cache from another version and compiles as usual).
 * @param {string} file
 * @returns {{ exports: unknown, script: import('node:vm').Script }}
 */
function loadBundle(file) {
  const source = fs.readFileSync(file, 'utf8');
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  /** @type {{ exports: unknown, filename: string, id: string }} */
  const module = { exports: {}, filename: file, id: file };
  const wrapper = /** @type {(exports: unknown, require: NodeJS.Require, module: object, filename: string, dirname: string) => void} */ (script.runInThisContext());
  wrapper(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, script };
}

module.exports = { loadBundle };
