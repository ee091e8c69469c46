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
    const enabled = (j: typeof junk) =>
      fc.record({
        enabled: fc.constant(true),
        engine: fc.constantFrom('kubernetes', 'cilium', 'calico', 'clusterNetworkPolicy'),
        defaultDeny: fc.oneof(j, fc.record({ enabled: fc.boolean(), order: fc.oneof(fc.integer(), j) })),
        egress: fc.oneof(j, fc.record({ enabled: fc.constant(true), to: fc.array(j, { maxLength: 2 }) })),
        additionalIngress: fc.array(j, { maxLength: 2 }),
        cilium: fc.record({ ingress: fc.array(j, { maxLength: 2 }), egress: fc.array(j, { maxLength: 2 }) }),
        clusterNetworkPolicy: fc.record({ priority: fc.oneof(fc.integer(), j) }),
      }, { requiredKeys: ['enabled', 'engine'] });
    const controller = fc.record({
      apiVersion: fc.constant('apps/v1'),
      kind: fc.constant('Deployment'),
      metadata: fc.record({ name: fc.constant('ctl'), namespace: fc.oneof(fc.constant('ns'), junk) }, { requiredKeys: ['name'] }),
      spec: fc.record({ selector: fc.oneof(junk, fc.constant({ matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } })), template: fc.record({ metadata: fc.constant({ labels: { 'app.kubernetes.io/name': 'stageset-controller' } }), spec: junk }) }),
    });
    const list = fc.record({
      apiVersion: fc.constantFrom('config.kubernetes.io/v1', 'v1', 7),
      kind: fc.constantFrom('ResourceList', 'List'),
      items: fc.oneof(fc.array(fc.oneof(junk, controller, fc.record({ apiVersion: fc.constantFrom('apps/v1', 'networking.k8s.io/v1'), kind: fc.constantFrom('Deployment', 'NetworkPolicy'), metadata: junk, spec: junk }))), junk),
      functionConfig: fc.oneof(junk, fc.record({ apiVersion: fc.constant('fn.kpt.dev/v1alpha1'), kind: fc.constant('ControllerNetworkPolicy'), metadata: fc.constant({ name: 'x' }), networkPolicy: fc.oneof(junk, enabled(junk)), ports: junk, target: junk })),
      results: junk,
    }, { requiredKeys: ['kind'] });
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
