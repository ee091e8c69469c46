import { registrySchemas, schemasOf } from '../../scripts/validators/dialect-registry.mjs';
import { allDialects } from '../../src/dialects/index';
import { ROOT } from '../support/paths';

describe('the dialects the build compiles', () => {
  test('are the registry\'s (src/dialects/index.ts), in its order, with their schema files and versions', async () => {
    const schemas = await registrySchemas(ROOT);
    expect(schemas).toEqual(allDialects().map((d) => d.schema));
    expect(schemas.map((s) => s.id).slice(0, 4)).toEqual(['kubernetes', 'cilium', 'calico', 'cluster-network-policy']);
    expect(schemas.map((s) => s.id)).toEqual(allDialects().map((d) => d.validation.validator));
  });

  test.each<[string, unknown, string]>([
    ['no exports', undefined, 'the dialect registry exports no allDialects()'],
    ['no allDialects', { DIALECTS: {} }, 'the dialect registry exports no allDialects()'],
    ['no dialects', { allDialects: () => [] }, 'allDialects() returned no dialects'],
    ['a dialect without a schema', { allDialects: () => [{ schema: { id: 'a', file: 'a.yaml' } }, { kind: 'X' }] }, 'dialect 1 of allDialects() has no schema { id, file, version? }: undefined'],
    ['a schema without a file', { allDialects: () => [{ schema: { id: 'a' } }] }, 'dialect 0 of allDialects() has no schema { id, file, version? }: {"id":"a"}'],
    ['a version that is not a string', { allDialects: () => [{ schema: { id: 'a', file: 'a.yaml', version: 2 } }] }, 'dialect 0 of allDialects() has no schema { id, file, version? }'],
  ])('refuses a registry with %s', (_, exports, message) => {
    expect(() => schemasOf(exports)).toThrow(message);
  });

  test('keeps only id, file and version', () => {
    expect(schemasOf({ allDialects: () => [{ kind: 'K', schema: { id: 'a', file: 'a.yaml', extra: 1 } }, { schema: { id: 'b', file: 'b.yaml', version: 'v2' } }] })).toEqual([
      { id: 'a', file: 'a.yaml' },
      { id: 'b', file: 'b.yaml', version: 'v2' },
    ]);
  });
});
