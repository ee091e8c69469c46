import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { enginesOf, trainingInputs } from '../../scripts/code-cache-training.mjs';
import { ENGINES } from '../../src/dialects/index';
import { run } from '../../src/run';

const ROOT = join(__dirname, '..', '..');
const schema: unknown = JSON.parse(readFileSync(join(ROOT, 'functions', 'controller-network-policy', 'schema.json'), 'utf8'));

describe('the code-cache training', () => {
  test('trains every engine of the registry, read from the values schema', () => {
    expect(enginesOf(schema)).toEqual([...ENGINES]);
  });

  test.each([[{}], [{ properties: { networkPolicy: { properties: { engine: { enum: [] } } } } }], [{ properties: { networkPolicy: { properties: { engine: { enum: [1] } } } } }]])(
    'refuses a schema without engines: %j',
    (bad) => {
      expect(() => enginesOf(bad)).toThrow('the values schema lists no engines under networkPolicy.engine.enum');
    },
  );

  test('each input renders under its engine, with and without default-deny and egress', () => {
    const inputs = trainingInputs(['kubernetes', 'cilium']);
    expect(inputs).toHaveLength(4);
    const rendered = inputs.map((input) => {
      const result = run(input);
      expect(result.exitCode).toBe(0);
      const list = parse(result.stdout) as { items: { kind: string; metadata: { name: string } }[] };
      return list.items.map((i) => `${i.kind}/${i.metadata.name}`);
    });
    expect(rendered).toEqual([
      ['Deployment/stageset-controller', 'Service/web', 'NetworkPolicy/stageset-controller'],
      ['Deployment/stageset-controller', 'Service/web', 'NetworkPolicy/stageset-controller', 'NetworkPolicy/stageset-controller-default-deny'],
      ['Deployment/stageset-controller', 'Service/web', 'CiliumNetworkPolicy/stageset-controller'],
      ['Deployment/stageset-controller', 'Service/web', 'CiliumNetworkPolicy/stageset-controller', 'CiliumNetworkPolicy/stageset-controller-default-deny'],
    ]);
  });
});
