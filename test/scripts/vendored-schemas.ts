import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { dialectSchema, openApiSchema } from '../../scripts/validators/normalize-schema.mjs';
import type { SchemaNode } from '../../scripts/validators/schema-node.mjs';
import { allDialects } from '../../src/dialects/index';
import { ROOT } from '../support/paths';

/** The openAPIV3Schema of a vendored schema file, as the build reads it. */
export function vendoredSchema(file: string, version?: string): SchemaNode {
  return openApiSchema(parse(readFileSync(join(ROOT, file), 'utf8'), { maxAliasCount: -1 }), file, version);
}

/** What the build compiles for each dialect of the registry: its normalized schema, CEL count and patterns. */
export function vendoredDialectSchemas(): { id: string; schema: SchemaNode; cel: number; patterns: Set<string> }[] {
  const objectMeta = vendoredSchema('schemas/kubernetes/objectmeta.yaml');
  return allDialects().map(({ schema: { id, file, version } }) => ({ id, ...dialectSchema(id, vendoredSchema(file, version), objectMeta) }));
}
