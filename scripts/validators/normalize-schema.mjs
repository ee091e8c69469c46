// @ts-check
// The CRD schemas, rewritten to behave like the API server in the ways that matter for output we
// generate ourselves:
// * every object is closed (additionalProperties: false) unless the schema preserves unknown fields
//   or already says what extra keys may hold: the API server prunes unknown fields silently, so a typo
//   would vanish at apply time and change the policy's meaning;
// * x-kubernetes-int-or-string becomes type [integer, string]; x-kubernetes-list-type: set becomes
//   uniqueItems; format int32 becomes explicit bounds; other formats are dropped (k8s ignores the ones
//   it does not know; the `cidr` fields are re-checked, stricter, in src/validate);
// * Go (RE2) patterns become JS ones (./patterns.mjs); each one must compile, or the build fails;
// * the root `metadata` (just `type: object` in a CRD) becomes a closed ObjectMeta schema.
// CEL rules (x-kubernetes-validations) cannot run here; the ones that matter are re-implemented in
// src/dialects/<engine>/rules.ts. They are counted so a CRD update that adds rules is noticed.
import { dedupe } from './dedupe.mjs';
import { jsPattern } from './patterns.mjs';
import { isRecord } from './schema-node.mjs';

/** @typedef {import('./schema-node.mjs').SchemaNode} SchemaNode */

/**
 * What a walk collects besides the rewrite.
 * @typedef {object} NormalizeContext
 * @property {number} cel the CEL rules dropped
 * @property {Set<string>} patterns the JS patterns the schema now holds (for ./pattern-safety.mjs)
 */

export const INT32 = Object.freeze({ minimum: -2147483648, maximum: 2147483647 });
/** Keys with no effect on validation: dropped so they do not reach Ajv (strict mode) or the output. */
export const DROPPED_KEYS = Object.freeze(['description', 'default', 'example', 'title', 'externalDocs']);

/**
 * The openAPIV3Schema of a CRD's version, or of a hand-written file that holds just that key.
 * @param {unknown} doc the parsed file
 * @param {string} file its path, for errors
 * @param {string} [version] the CRD version
 * @returns {SchemaNode}
 */
export function openApiSchema(doc, file, version) {
  if (!isRecord(doc)) throw new Error(`${file}: not a YAML mapping`);
  /** @type {unknown} */
  let schema = doc.openAPIV3Schema;
  if (doc.kind === 'CustomResourceDefinition') {
    const versions = isRecord(doc.spec) && Array.isArray(doc.spec.versions) ? doc.spec.versions : [];
    /** @type {unknown} */
    const v = versions.find((x) => isRecord(x) && x.name === version);
    if (!isRecord(v) || !v.served) throw new Error(`${file}: version ${version} is not served`);
    schema = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
  }
  if (!isRecord(schema)) throw new Error(`${file}: no openAPIV3Schema`);
  return schema;
}

/**
 * The field names of a oneOf/anyOf whose branches only require one field each ("exactly one / at least
 * one of"), undefined for any other junction.
 * @param {readonly SchemaNode[]} branches
 * @returns {string[] | undefined}
 */
export function requiredOnlyBranches(branches) {
  /** @type {string[]} */
  const names = [];
  for (const b of branches) {
    const keys = Object.keys(b).filter((k) => k !== 'properties' && !DROPPED_KEYS.includes(k));
    if (keys.length !== 1 || keys[0] !== 'required' || b.required?.length !== 1) return undefined;
    const [name] = b.required;
    const props = b.properties ?? {};
    if (Object.keys(props).some((k) => Object.keys(props[k]).length > 0 || k !== name)) return undefined;
    names.push(name);
  }
  return names;
}

/**
 * Rewrites one structural node and its subschemas in place (see the header); `where` names it in errors.
 * @param {SchemaNode} node
 * @param {string} where
 * @param {NormalizeContext} ctx
 */
export function normalize(node, where, ctx) {
  for (const k of DROPPED_KEYS) delete node[k];

  if (node['x-kubernetes-validations']) {
    ctx.cel += node['x-kubernetes-validations'].length;
    delete node['x-kubernetes-validations'];
  }
  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node['x-kubernetes-int-or-string'] === true) {
    delete node.anyOf; // always [{type: integer}, {type: string}] in a structural schema
    node.type = ['integer', 'string'];
  }
  if (node['x-kubernetes-list-type'] === 'set') node.uniqueItems = true;
  for (const k of Object.keys(node)) if (k.startsWith('x-kubernetes-')) delete node[k];

  if (node.format === 'int32') {
    node.minimum ??= INT32.minimum;
    node.maximum ??= INT32.maximum;
  }
  // Only these `format: cidr` fields are re-checked by src/validate/cilium-rules.ts: a new one must be added there.
  if (node.format === 'cidr' && !/\.(from|to)CIDR(\[\]|Set\[\]\.(cidr|except\[\]))$/.test(where)) {
    throw new Error(`${where}: format cidr on a field src/validate does not check`);
  }
  delete node.format;
  if (typeof node.pattern === 'string') {
    const pattern = jsPattern(node.pattern);
    node.pattern = pattern;
    ctx.patterns.add(pattern);
  }

  for (const junctor of /** @type {const} */ (['oneOf', 'anyOf'])) {
    const branches = node[junctor];
    if (!branches) continue;
    // The error translator names the fields from these branches; anything richer would need new messages.
    const names = requiredOnlyBranches(branches);
    if (!names) throw new Error(`${where}.${junctor}: only "one of these fields" junctors are supported`);
    node[junctor] = names.map((n) => ({ required: [n] }));
  }
  if (node.allOf || node.not) throw new Error(`${where}: allOf/not are not expected in these schemas`);

  if (node.properties) {
    for (const [name, child] of Object.entries(node.properties)) normalize(child, `${where}.${name}`, ctx);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    normalize(node.additionalProperties, `${where}.*`, ctx);
  } else if ((node.type === 'object' || node.properties) && !preserveUnknown && node.additionalProperties === undefined) {
    node.additionalProperties = false;
  }
  if (node.items) normalize(node.items, `${where}[]`, ctx);
}

/**
 * What Ajv compiles for one dialect: its API schema with ObjectMeta as the root `metadata`, normalized
 * and deduplicated. The inputs are not modified.
 * @param {string} id the dialect's validator id, which names the root in errors
 * @param {SchemaNode} apiSchema the openAPIV3Schema of the dialect's kind
 * @param {SchemaNode} objectMeta the openAPIV3Schema of ObjectMeta
 * @returns {{ schema: SchemaNode, cel: number, patterns: Set<string> }}
 */
export function dialectSchema(id, apiSchema, objectMeta) {
  const schema = structuredClone(apiSchema);
  if (!schema.properties) throw new Error(`${id}: the schema has no properties`);
  schema.properties.metadata = structuredClone(objectMeta);
  /** @type {NormalizeContext} */
  const ctx = { cel: 0, patterns: new Set() };
  normalize(schema, id, ctx);
  return { schema: dedupe(schema), cel: ctx.cel, patterns: ctx.patterns };
}
