import { loadValidator } from './load-validator.js';
import { checkObjectMeta } from './object-meta.js';
import { schemaViolations } from './schema-violations.js';
import type { JsonRecord } from './json-value.js';
import type { MessageOverride } from './schema-violations.js';
import type { Violation } from './violation.js';

export type { Violation } from './violation.js';

/** How one API kind is checked: its generated schema validator and the rules beyond the schema. */
export interface ValidatedKind {
  /** The kind's name, for messages. */
  kind: string;
  namespaced: boolean;
  /** The generated validator: dist/validators/<validator>.cjs (scripts/build-validators.mjs). */
  validator: string;
  checkRules: (object: JsonRecord, out: Violation[]) => void;
  messages: readonly MessageOverride[];
}

/**
 * Schema + semantic check of one object of `kind`; [] when valid.
 *
 * The schema check treats every object as closed: the API server prunes unknown fields silently, so a
 * misspelt field would change the policy's meaning without any error at apply time. The semantic
 * checks are those the API server (or the CNI's agent) runs beyond the schema; a semantic finding on a
 * path the schema already reported is dropped as redundant.
 */
export function validateObject(object: { apiVersion: string; kind: string; [k: string]: unknown }, kind: ValidatedKind): Violation[] {
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
