'use strict';
const { readFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
const Module = require('node:module');

/**
 * Loads a CommonJS bundle through V8's code cache (`<file>.cache`, written by `npm run build`) when it
 * fits this Node.js: start-up then skips compiling the code a run needs. Without a fitting cache it is
 * an ordinary load (V8 rejects a cache from another version and compiles as usual).
 */
function loadBundle(file) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

module.exports = { loadBundle };
