// @ts-check
// The shape of the OpenAPI v3 schemas the build reads (CRDs' openAPIV3Schema) and writes (Ajv's input).

/**
 * One node of a structural schema, as parsed from YAML: the keys the build reads or writes are typed,
 * any other key is kept or dropped without being looked at.
 * @typedef {{
 *   type?: string | string[],
 *   properties?: Record<string, SchemaNode>,
 *   additionalProperties?: SchemaNode | boolean,
 *   items?: SchemaNode,
 *   required?: string[],
 *   oneOf?: SchemaNode[],
 *   anyOf?: SchemaNode[],
 *   allOf?: unknown,
 *   not?: unknown,
 *   format?: string,
 *   pattern?: unknown,
 *   minimum?: number,
 *   maximum?: number,
 *   uniqueItems?: boolean,
 *   definitions?: Record<string, SchemaNode>,
 *   $ref?: string,
 *   'x-kubernetes-validations'?: unknown[],
 *   'x-kubernetes-preserve-unknown-fields'?: boolean,
 *   'x-kubernetes-int-or-string'?: boolean,
 *   'x-kubernetes-list-type'?: string,
 *   [key: string]: unknown,
 * }} SchemaNode
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A node's subschemas: its properties, what extra keys hold, its items.
 * @param {SchemaNode} node
 * @returns {Generator<SchemaNode>}
 */
export function* schemaChildren(node) {
  if (node.properties) yield* Object.values(node.properties);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') yield node.additionalProperties;
  if (node.items) yield node.items;
}
