import { dialectSchema, INT32, normalize, openApiSchema, requiredOnlyBranches, type NormalizeContext } from '../../scripts/validators/normalize-schema.mjs';
import type { SchemaNode } from '../../scripts/validators/schema-node.mjs';
import { loadValidator } from '../../src/validate/load-validator';
import { vendoredDialectSchemas } from './vendored-schemas';

function normalized(node: SchemaNode, where = 'root'): { node: SchemaNode; ctx: NormalizeContext } {
  const copy = structuredClone(node);
  const ctx: NormalizeContext = { cel: 0, patterns: new Set() };
  normalize(copy, where, ctx);
  return { node: copy, ctx };
}

describe('normalize: a CRD schema node as the API server reads it', () => {
  test.each<[string, SchemaNode, SchemaNode]>([
    ['drops the keys with no effect on validation', { type: 'string', description: 'd', default: 'x', example: 'y', title: 't', externalDocs: { url: 'u' } }, { type: 'string' }],
    ['closes an object', { type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }],
    ['closes a node that only has properties', { properties: { a: { type: 'string' } } }, { properties: { a: { type: 'string' } }, additionalProperties: false }],
    ['leaves open an object that preserves unknown fields', { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, { type: 'object' }],
    ['keeps additionalProperties: true', { type: 'object', additionalProperties: true }, { type: 'object', additionalProperties: true }],
    ['normalizes what extra keys hold', { type: 'object', additionalProperties: { type: 'object', description: 'd' } }, { type: 'object', additionalProperties: { type: 'object', additionalProperties: false } }],
    ['int-or-string becomes [integer, string]', { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, { type: ['integer', 'string'] }],
    ['a set becomes uniqueItems', { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } }, { type: 'array', uniqueItems: true, items: { type: 'string' } }],
    ['other list types are dropped', { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'string' } }, { type: 'array', items: { type: 'string' } }],
    ['int32 gets explicit bounds', { type: 'integer', format: 'int32' }, { type: 'integer', minimum: INT32.minimum, maximum: INT32.maximum }],
    ['int32 keeps its own bounds', { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 }, { type: 'integer', minimum: 1, maximum: 65535 }],
    ['other formats are dropped', { type: 'string', format: 'date-time' }, { type: 'string' }],
    ['a Go pattern becomes a JS one', { type: 'string', pattern: '^\\PC*$' }, { type: 'string', pattern: '^\\P{C}*$' }],
    ['a pattern with a safe equivalent is swapped', { type: 'string', pattern: '^([-a-zA-Z0-9_]+[.]?)+$' }, { type: 'string', pattern: '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$' }],
    [
      'a one-of-these-fields junction keeps only the required names',
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'], description: 'd' }, { required: ['b'], properties: { b: {} } }] },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }], additionalProperties: false },
    ],
    [
      'walks properties, extra keys and items',
      { type: 'array', items: { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'integer', format: 'int32' } } } } },
      { type: 'array', items: { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'integer', minimum: INT32.minimum, maximum: INT32.maximum } } }, additionalProperties: false } },
    ],
  ])('%s', (_, input, output) => {
    expect(normalized(input).node).toEqual(output);
  });

  test('counts and drops the CEL rules of every node', () => {
    const { node, ctx } = normalized({
      type: 'object',
      'x-kubernetes-validations': [{ rule: 'a' }, { rule: 'b' }],
      properties: { spec: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'c' }] } } },
    });
    expect(ctx.cel).toBe(3);
    expect(JSON.stringify(node)).not.toContain('x-kubernetes');
  });

  test('collects the JS patterns, once each', () => {
    const { ctx } = normalized({
      type: 'object',
      properties: { a: { type: 'string', pattern: '\\A[a-z]+\\z' }, b: { type: 'string', pattern: '^[a-z]+$' }, c: { type: 'array', items: { type: 'string', pattern: '^\\pL$' } } },
    });
    expect([...ctx.patterns]).toEqual(['^[a-z]+$', '^\\p{L}$']);
  });

  test.each([['cilium.spec.ingress[].fromCIDR[]'], ['cilium.specs[].egress[].toCIDRSet[].cidr'], ['cilium.spec.egress[].toCIDRSet[].except[]']])(
    'drops format cidr where src/validate re-checks it: %s',
    (where) => {
      expect(normalized({ type: 'string', format: 'cidr' }, where).node).toEqual({ type: 'string' });
    },
  );

  test.each<[string, SchemaNode, string]>([
    ['format cidr anywhere else', { properties: { spec: { properties: { cidr: { type: 'string', format: 'cidr' } } } } }, 'root.spec.cidr: format cidr on a field src/validate does not check'],
    ['a richer oneOf', { properties: { s: { type: 'object', oneOf: [{ required: ['a', 'b'] }] } } }, 'root.s.oneOf: only "one of these fields" junctors are supported'],
    ['a richer anyOf', { type: 'array', items: { anyOf: [{ required: ['a'], properties: { a: { type: 'string' } } }] } }, 'root[].anyOf: only "one of these fields" junctors are supported'],
    ['a branch with another key', { additionalProperties: { oneOf: [{ required: ['a'], minProperties: 1 }] } }, 'root.*.oneOf: only "one of these fields" junctors are supported'],
    ['allOf', { properties: { a: { allOf: [] } } }, 'root.a: allOf/not are not expected in these schemas'],
    ['not', { not: { required: ['a'] } }, 'root: allOf/not are not expected in these schemas'],
    ['RE2-only pattern syntax', { type: 'string', pattern: '(?i)abc' }, 'pattern uses RE2-only syntax'],
  ])('refuses %s', (_, input, message) => {
    expect(() => normalized(input)).toThrow(message);
  });
});

describe('requiredOnlyBranches', () => {
  test.each<[SchemaNode[], string[] | undefined]>([
    [[{ required: ['a'] }, { required: ['b'] }], ['a', 'b']],
    [[{ required: ['a'], description: 'd', title: 't' }], ['a']],
    [[{ required: ['a'], properties: { a: {} } }], ['a']],
    [[], []],
    [[{ required: ['a', 'b'] }], undefined],
    [[{ required: [] }], undefined],
    [[{ required: ['a'], properties: { b: {} } }], undefined],
    [[{ required: ['a'], properties: { a: { type: 'string' } } }], undefined],
    [[{ required: ['a'], type: 'object' }], undefined],
    [[{ properties: { a: {} } }], undefined],
  ])('%j → %j', (branches, names) => {
    expect(requiredOnlyBranches(branches)).toEqual(names);
  });
});

describe('openApiSchema', () => {
  const crd = {
    kind: 'CustomResourceDefinition',
    spec: {
      versions: [
        { name: 'v1', served: false, schema: { openAPIV3Schema: { type: 'object', title: 'v1' } } },
        { name: 'v2', served: true, schema: { openAPIV3Schema: { type: 'object', title: 'v2' } } },
      ],
    },
  };

  test('takes the schema of the CRD version', () => {
    expect(openApiSchema(crd, 'crd.yaml', 'v2')).toEqual({ type: 'object', title: 'v2' });
  });

  test('takes the one schema of a hand-written file', () => {
    expect(openApiSchema({ openAPIV3Schema: { type: 'object' } }, 'own.yaml')).toEqual({ type: 'object' });
  });

  test.each<[unknown, string | undefined, string]>([
    [crd, 'v1', 'crd.yaml: version v1 is not served'],
    [crd, 'v3', 'crd.yaml: version v3 is not served'],
    [crd, undefined, 'crd.yaml: version undefined is not served'],
    [{ kind: 'ConfigMap' }, undefined, 'crd.yaml: no openAPIV3Schema'],
    [[], undefined, 'crd.yaml: not a YAML mapping'],
  ])('refuses %j at version %s', (doc, version, message) => {
    expect(() => openApiSchema(doc, 'crd.yaml', version)).toThrow(message);
  });
});

describe('dialectSchema', () => {
  const api: SchemaNode = {
    type: 'object',
    properties: { apiVersion: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object', 'x-kubernetes-validations': [{ rule: 'r' }] } },
  };
  const objectMeta: SchemaNode = { type: 'object', properties: { name: { type: 'string', pattern: '\\A[a-z]+\\z' } } };

  test('puts a closed ObjectMeta at the root metadata, normalizes, and leaves its inputs alone', () => {
    const before = structuredClone([api, objectMeta]);
    expect(dialectSchema('x', api, objectMeta)).toEqual({
      schema: {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          metadata: { type: 'object', properties: { name: { type: 'string', pattern: '^[a-z]+$' } }, additionalProperties: false },
          spec: { type: 'object', additionalProperties: false },
        },
        additionalProperties: false,
      },
      cel: 1,
      patterns: new Set(['^[a-z]+$']),
    });
    expect([api, objectMeta]).toEqual(before);
  });

  test('names the dialect in errors', () => {
    expect(() => dialectSchema('calico', { type: 'object' }, objectMeta)).toThrow('calico: the schema has no properties');
    expect(() => dialectSchema('calico', { properties: { spec: { allOf: [] } } }, objectMeta)).toThrow('calico.spec: allOf/not');
  });

  test.each(vendoredDialectSchemas().map((d) => [d.id, d]))('%s: is the schema its built validator was compiled from', (id, { schema }) => {
    expect(loadValidator(id).validate.schemaJson).toBe(JSON.stringify(schema));
  });

  test('counts the CEL rules of the vendored CRDs', () => {
    // pinned per vendored CRD: an update that adds CEL rules must be looked at (src/dialects/<engine>/rules.ts)
    expect(Object.fromEntries(vendoredDialectSchemas().map(({ id, cel }) => [id, cel]))).toMatchObject({ kubernetes: 0, cilium: 0, calico: 46, 'cluster-network-policy': 8 });
  });
});
