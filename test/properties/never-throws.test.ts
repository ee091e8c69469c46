import fc from 'fast-check';
import { stringify } from 'yaml';
import { run } from '../../src/run';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

/** A thrown exception is a bug: whatever arrives on stdin, the function answers with a ResourceList. */
describe('run never throws', () => {
  test('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void run(text)), RUNS);
  });

  test('on arbitrary YAML shaped like a ResourceList', () => {
    const junk = fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false });
    const rarely = <T,>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, a);
    const enabled = (j: typeof junk) =>
      fc.record({
        enabled: fc.constant(true),
        engine: fc.constantFrom('kubernetes', 'cilium', 'calico', 'clusterNetworkPolicy'),
        defaultDeny: rarely(fc.oneof({ arbitrary: fc.record({ enabled: fc.boolean(), order: fc.oneof({ arbitrary: fc.integer({ min: -5, max: 3000 }), weight: 5 }, j) }), weight: 5 }, j)),
        egress: rarely(fc.oneof({ arbitrary: fc.record({ enabled: fc.boolean(), to: fc.array(j, { maxLength: 2 }) }), weight: 5 }, j)),
        additionalIngress: rarely(fc.array(j, { maxLength: 2 })),
        cilium: rarely(fc.record({ ingress: fc.array(j, { maxLength: 2 }), egress: fc.array(j, { maxLength: 2 }) })),
        clusterNetworkPolicy: rarely(fc.record({ priority: fc.oneof({ arbitrary: fc.integer({ min: -5, max: 1200 }), weight: 5 }, j) })),
      });
    const controller = fc.record({
      apiVersion: fc.constant('apps/v1'),
      kind: fc.constant('Deployment'),
      metadata: fc.record({ name: fc.constant('ctl'), namespace: fc.oneof(fc.constant('ns'), junk) }, { requiredKeys: ['name'] }),
      spec: fc.record({ selector: fc.oneof(junk, fc.constant({ matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } })), template: fc.record({ metadata: fc.constant({ labels: { 'app.kubernetes.io/name': 'stageset-controller' } }), spec: junk }) }),
    });
    const list = fc.record({
      apiVersion: fc.oneof({ arbitrary: fc.constant('config.kubernetes.io/v1'), weight: 9 }, fc.constantFrom('v1', 7)),
      kind: fc.oneof({ arbitrary: fc.constant('ResourceList'), weight: 9 }, fc.constant('List')),
      items: fc.oneof({ arbitrary: fc.array(fc.oneof({ arbitrary: controller, weight: 4 }, junk, fc.record({ apiVersion: fc.constantFrom('apps/v1', 'networking.k8s.io/v1'), kind: fc.constantFrom('Deployment', 'NetworkPolicy'), metadata: junk, spec: junk }))), weight: 9 }, junk),
      functionConfig: fc.oneof(rarely(junk), { arbitrary: fc.record({ apiVersion: fc.constant('fn.kpt.dev/v1alpha1'), kind: fc.constant('ControllerNetworkPolicy'), metadata: fc.constant({ name: 'x' }), networkPolicy: fc.oneof(junk, { arbitrary: enabled(junk), weight: 4 }), ports: rarely(junk), target: rarely(junk) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'networkPolicy'] }), weight: 12 }),
      results: rarely(junk),
    }, { requiredKeys: ['apiVersion', 'kind', 'items', 'functionConfig'] });
    fc.assert(
      fc.property(list, (value) => {
        const out = run(stringify(value));
        expect([0, 1]).toContain(out.exitCode);
        expect(out.stdout).toMatch(/(^|\n)items:/);
      }),
      RUNS,
    );
  });
});
