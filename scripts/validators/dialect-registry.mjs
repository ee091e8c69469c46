// @ts-check
// The dialects the build compiles a validator for, read from the one list of them: the registry,
// src/dialects/index.ts. The registry is TypeScript, so esbuild bundles it in memory (its npm packages
// stay outside, loaded from node_modules) and the bundle is evaluated here. The registry never loads a
// validator while it is imported (src/validate/load-validator.ts requires them on first use, by a
// computed path), so it does not need the validators this build is about to write.
import { build } from 'esbuild';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isRecord } from './schema-node.mjs';

/**
 * A dialect's vendored API schema (src/dialects/dialect.ts, `Dialect.schema`): `id` names the
 * validator (dist/validators/<id>.cjs), `file` the schema under schemas/, `version` the CRD version.
 * @typedef {{ id: string, file: string, version?: string }} DialectSchema
 */

/**
 * The schemas of the dialects `allDialects()` returns, in its order, checked field by field.
 * @param {unknown} registry the module exports of src/dialects/index.ts
 * @returns {DialectSchema[]}
 */
export function schemasOf(registry) {
  if (!isRecord(registry) || typeof registry.allDialects !== 'function') throw new Error('the dialect registry exports no allDialects()');
  /** @type {unknown} */
  const dialects = registry.allDialects();
  if (!Array.isArray(dialects) || dialects.length === 0) throw new Error('allDialects() returned no dialects');
  return dialects.map((/** @type {unknown} */ dialect, index) => {
    const schema = isRecord(dialect) ? dialect.schema : undefined;
    if (!isRecord(schema) || typeof schema.id !== 'string' || typeof schema.file !== 'string' || !['string', 'undefined'].includes(typeof schema.version)) {
      throw new Error(`dialect ${index} of allDialects() has no schema { id, file, version? }: ${JSON.stringify(schema)}`);
    }
    const { id, file, version } = schema;
    return typeof version === 'string' ? { id, file, version } : { id, file };
  });
}

/**
 * The schemas of the registry's dialects (src/dialects/index.ts under `root`).
 * @param {string} root the repository
 * @returns {Promise<DialectSchema[]>}
 */
export async function registrySchemas(root) {
  const entry = join(root, 'src', 'dialects', 'index.ts');
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  const [bundle] = outputFiles;
  if (!bundle) throw new Error(`esbuild wrote nothing for ${entry}`);
  const evaluate = /** @type {(exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void} */ (
    new Script(Module.wrap(bundle.text), { filename: entry }).runInThisContext()
  );
  const module = { exports: /** @type {unknown} */ ({}) };
  evaluate(module.exports, createRequire(entry), module, entry, dirname(entry));
  return schemasOf(module.exports);
}
