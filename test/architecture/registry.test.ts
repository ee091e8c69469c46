/**
 * Adding an engine is one folder and one registry line (src/dialects/index.ts), plus its vendored API
 * schema. This test names what else must exist for every registered engine, so a new one cannot land
 * half-done: the schema the build compiles, the validator it compiled, golden cases and an example.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { allDialects, ENGINES } from '../../src/dialects/index';
import { requireBuild } from '../support/e2e';
import { ROOT } from '../support/paths';

const objectsIn = (file: string): { apiVersion?: string; kind?: string }[] =>
  parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
    const value = doc.toJS() as { items?: unknown[] } | null;
    return (value?.items ?? [value]) as { apiVersion?: string; kind?: string }[];
  });

beforeAll(requireBuild);

describe.each(allDialects().map((d) => [d.engine, d] as const))('engine %s', (engine, dialect) => {
  test('has its vendored API schema, with the version it renders', () => {
    const file = join(ROOT, dialect.schema.file);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(dialect.kind);
    if (dialect.schema.version) expect(text).toContain(`name: ${dialect.schema.version}`);
    expect(dialect.apiVersion.endsWith(dialect.schema.version ?? 'v1')).toBe(true);
  });

  test('has a validator compiled by the build', () => {
    expect(existsSync(join(ROOT, 'dist', 'validators', `${dialect.schema.id}.cjs`))).toBe(true);
  });

  test('has golden cases that render it', () => {
    const folder = join(ROOT, 'test', 'golden', 'cases', engine);
    const cases = readdirSync(folder).filter((name) => existsSync(join(folder, name, '_fnconfig.yaml')));
    expect(cases.length).toBeGreaterThan(0);
    for (const name of cases) expect(readFileSync(join(folder, name, '_fnconfig.yaml'), 'utf8')).toMatch(new RegExp(`^  engine: ${engine}$`, 'm'));
  });

  test('has explain goldens (test/explain/golden/<engine>/) and is an engine of the explain JSON schema', () => {
    expect(readdirSync(join(ROOT, 'test', 'explain', 'golden', engine)).sort()).toEqual(['diff.json', 'diff.md', 'diff.mmd', 'explain.json', 'explain.md', 'explain.mmd']);
    const schema = JSON.parse(readFileSync(join(ROOT, 'functions', 'controller-network-policy', 'explain.schema.json'), 'utf8')) as { definitions: { engine: { enum: string[] } } };
    expect(schema.definitions.engine.enum).toContain(engine);
  });

  test('has an example whose expected output holds its kind', () => {
    const expected = join(ROOT, 'examples', `engine-${dialect.schema.id}`, '.expected', 'output.yaml');
    expect(objectsIn(expected).some((o) => o.kind === dialect.kind && o.apiVersion === dialect.apiVersion)).toBe(true);
  });
});

test('the explain JSON schema lists exactly the registry\'s engines', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'functions', 'controller-network-policy', 'explain.schema.json'), 'utf8')) as { definitions: { engine: { enum: string[] } } };
  expect(schema.definitions.engine.enum).toEqual([...ENGINES]);
});
