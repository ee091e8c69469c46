/** The subset of the generated (normalized) schemas that messages need; see scripts/validators/normalize-schema.mjs. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  oneOf?: { required: string[] }[];
  anyOf?: { required: string[] }[];
  minProperties?: number;
  maxProperties?: number;
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
}

function resolve(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  return ref ? root.definitions?.[ref.slice('#/definitions/'.length)] : node;
}

/** The schema node that describes the value at `segments`, or undefined where the schema has none. */
export function schemaNodeAt(root: SchemaNode, segments: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of segments) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = resolve(root, node.items);
    } else {
      const extra: SchemaNode | undefined = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
      node = resolve(root, node.properties?.[segment] ?? extra);
    }
  }
  return node;
}
