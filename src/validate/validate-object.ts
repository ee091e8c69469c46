import { loadValidator } from './load-validator.js';
import { checkObjectMeta } from './object-meta.js';
import { schemaViolations } from './schema-violations.js';
import { validatedKindOf } from './validated-kinds.js';
import type { Violation } from './violation.js';

export type { Violation } from './violation.js';

/**
 * Schema + semantic check of one rendered object; [] when valid. Dispatches on apiVersion+kind;
 * throws only for an unknown kind (a bug).
 *
 * The schema check treats every object as closed: the API server prunes unknown fields silently, so a
 * misspelt field would change the policy's meaning without any error at apply time. The semantic
 * checks are those the API server (or the CNI's agent) runs beyond the schema; a semantic finding on a
 * path the schema already reported is dropped as redundant.
 */
export function validateObject(object: { apiVersion: string; kind: string; [k: string]: unknown }): Violation[] {
  const kind = validatedKindOf(object.apiVersion, object.kind);
  if (!kind) throw new Error(`no validator for ${object.apiVersion} ${object.kind}`);

  const validator = loadValidator(kind.validator);
  const fromSchema = validator.validate(object)
    ? []
    : schemaViolations(validator.validate.errors ?? [], object, validator.schema(), kind.messages);

  const fromRules: Violation[] = [];
  checkObjectMeta(object, { name: kind.kind, namespaced: kind.namespaced }, fromRules);
  kind.checkRules(object, fromRules);

  const schemaPaths = new Set(fromSchema.map((v) => v.path));
  const all = [...fromSchema, ...fromRules.filter((v) => !schemaPaths.has(v.path))];
  return [...new Map(all.map((v) => [`${v.path}\n${v.message}`, v])).values()];
}
