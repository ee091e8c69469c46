import { dedupe, MIN_CHARS } from '../../scripts/validators/dedupe.mjs';
import type { SchemaNode } from '../../scripts/validators/schema-node.mjs';

/** An object schema whose JSON is at least `MIN_CHARS` long: big enough to be worth a definition. */
function big(tag: string): SchemaNode {
  const properties = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${tag}Field${i}`, { type: 'string' }]));
  return { type: 'object', properties, additionalProperties: false };
}

describe('dedupe: repeated subschemas become definitions', () => {
  test('the helper makes subschemas above the threshold, and a 1-field one is below it', () => {
    expect(JSON.stringify(big('a')).length).toBeGreaterThanOrEqual(MIN_CHARS);
    expect(JSON.stringify({ type: 'object', properties: { a: { type: 'string' } } }).length).toBeLessThan(MIN_CHARS);
  });

  test.each<[string, SchemaNode, SchemaNode]>([
    ['a big subschema used once stays inline', { properties: { a: big('a'), b: big('b') } }, { properties: { a: big('a'), b: big('b') } }],
    [
      'a small subschema used twice stays inline',
      { properties: { a: { type: 'string', pattern: '^x$' }, b: { type: 'string', pattern: '^x$' } } },
      { properties: { a: { type: 'string', pattern: '^x$' }, b: { type: 'string', pattern: '^x$' } } },
    ],
    [
      'a big subschema used twice, under properties, items and additionalProperties, is defined once',
      { properties: { a: big('a'), list: { type: 'array', items: big('a') }, map: { type: 'object', additionalProperties: big('a') } } },
      {
        properties: { a: { $ref: '#/definitions/d0' }, list: { type: 'array', items: { $ref: '#/definitions/d0' } }, map: { type: 'object', additionalProperties: { $ref: '#/definitions/d0' } } },
        definitions: { d0: big('a') },
      },
    ],
    [
      'definitions are numbered in the order they are met, and nest',
      { properties: { x: { type: 'array', items: big('b') }, y: { type: 'array', items: big('b') }, p: { ...big('a'), properties: { inner: big('b') } }, q: { ...big('a'), properties: { inner: big('b') } } } },
      {
        properties: { x: { $ref: '#/definitions/d0' }, y: { $ref: '#/definitions/d0' }, p: { $ref: '#/definitions/d2' }, q: { $ref: '#/definitions/d2' } },
        definitions: {
          d0: { type: 'array', items: { $ref: '#/definitions/d1' } },
          d1: big('b'),
          d2: { ...big('a'), properties: { inner: { $ref: '#/definitions/d1' } } },
        },
      },
    ],
  ])('%s', (_, input, output) => {
    const schema = structuredClone(input);
    expect(dedupe(schema)).toBe(schema);
    expect(schema).toEqual(output);
  });

  test('a subschema shared through a YAML alias is met again after its children were replaced: it gets a second name', () => {
    // small fields keep the shared node above the threshold once its big child is a $ref
    const small = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${i}`, { type: 'string' }]));
    const shared: SchemaNode = { type: 'object', properties: { ...small, inner: big('i') } };
    const schema: SchemaNode = { properties: { first: shared, second: shared } };
    dedupe(schema);
    const changed = { type: 'object', properties: { ...small, inner: { $ref: '#/definitions/d1' } } };
    expect(JSON.stringify(changed).length).toBeGreaterThanOrEqual(MIN_CHARS);
    expect(JSON.parse(JSON.stringify(schema))).toEqual({
      properties: { first: { $ref: '#/definitions/d0' }, second: { $ref: '#/definitions/d2' } },
      definitions: { d0: changed, d1: big('i'), d2: changed },
    });
  });
});
