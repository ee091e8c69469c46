// @ts-check
// Compiles the vendored API schemas (schemas/**) into one standalone Ajv validator per dialect:
// dist/validators/<dialect>.cjs. Compiling the ~430 KB Cilium CRD with Ajv at start-up would cost far
// more than the whole function run, so it happens here, once, at build time; src/validate loads only
// the file of the dialect in use, with a plain require().
//
// The dialects come from their registry (validators/dialect-registry.mjs). Each schema is rewritten to
// behave like the API server (validators/normalize-schema.mjs, which says how), its Go patterns become
// JS ones (validators/patterns.mjs) that must not backtrack badly (validators/pattern-safety.mjs), and
// its repeated subschemas become definitions (validators/dedupe.mjs). The number of CEL rules dropped
// is printed per dialect, so a CRD update that adds rules is noticed.
//
// Each file exports the Ajv validate function and `schemaJson`, the normalized schema it was compiled
// from: src/validate/schema-violations.ts reads field names, enums and "one of" junctions from it to word
// its messages (did you mean …?) when an object is invalid.
//
// Usage: node scripts/build-validators.mjs   (npm run build:validators; part of npm run build)
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { registrySchemas } from './validators/dialect-registry.mjs';
import { dialectSchema, openApiSchema } from './validators/normalize-schema.mjs';
import { checkPatternSafety } from './validators/pattern-safety.mjs';
import { checkSafeEquivalents } from './validators/patterns.mjs';

/** @typedef {import('./validators/schema-node.mjs').SchemaNode} SchemaNode */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'validators');

/**
 * The openAPIV3Schema of a vendored file (of `version`, for a CRD).
 * @param {string} file relative to the repository
 * @param {string} [version]
 * @returns {SchemaNode}
 */
function vendoredSchema(file, version) {
  return openApiSchema(parse(readFileSync(join(root, file), 'utf8'), { maxAliasCount: -1 }), file, version);
}

/**
 * Compiles one normalized schema with Ajv and bundles it, with Ajv's runtime helpers, into one file.
 * @param {{ id: string, schema: SchemaNode, cel: number }} dialect
 */
async function writeValidator({ id, schema, cel }) {
  const ajv = new Ajv({
    allErrors: true, // report every problem of an object at once
    messages: false, // src/validate/schema-violations.ts writes the messages; keeps the generated code small
    strict: true,
    strictRequired: false, // the oneOf/anyOf branches name fields declared by the parent node
    allowUnionTypes: true,
    validateFormats: false,
    inlineRefs: false, // see validators/dedupe.mjs
    code: { source: true, esm: false, optimize: true },
  });
  const source = standaloneCode(ajv, ajv.compile(schema));
  // The normalized schema rides along as a JSON string: scanning a string literal costs next to nothing
  // at load time, and it is parsed only when an object is invalid, to name fields in the messages.
  const outfile = join(outDir, `${id}.cjs`);
  await build({
    stdin: {
      contents: `${source}\nmodule.exports.schemaJson = ${JSON.stringify(JSON.stringify(schema))};\n`,
      resolveDir: root, // Ajv's runtime helpers are bundled in: the file is self-contained
      sourcefile: `${id}-validator.cjs`,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    outfile,
    logLevel: 'warning',
  });
  const kb = (statSync(outfile).size / 1024).toFixed(0);
  console.log(`dist/validators/${id}.cjs ${kb} KB (${cel} CEL rules dropped: see src/dialects/<engine>/rules.ts)`);
}

checkSafeEquivalents();
const objectMeta = vendoredSchema('schemas/kubernetes/objectmeta.yaml');
const dialects = (await registrySchemas(root)).map(({ id, file, version }) => ({ id, ...dialectSchema(id, vendoredSchema(file, version), objectMeta) }));
await checkPatternSafety(dialects.flatMap(({ patterns }) => [...patterns]));
mkdirSync(outDir, { recursive: true });
for (const dialect of dialects) await writeValidator(dialect);
