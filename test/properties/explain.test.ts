import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseArguments, runCommand } from '../../src/explain/bundle';
import type { Explanation } from '../../src/explain/model';
import { schemaViolations } from '../explain/support';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 50) };

/**
 * `explain` reads whatever a policy of any dialect holds: junk where rules, peers and ports should be
 * never makes it throw; it answers with a matrix that follows its JSON schema (peers × ports flows per
 * direction), or with one line and exit code 1.
 */
test('explain never throws, and what it prints follows its schema', () => {
  const junk = fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false, withDate: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false });
  const labels = fc.constant({ 'app.kubernetes.io/name': 'stageset-controller' });
  const controller = fc.record({
    apiVersion: fc.constant('apps/v1'),
    kind: fc.constant('Deployment'),
    metadata: fc.record({ name: fc.constant('ctl'), namespace: fc.constantFrom('ns', 'other') }),
    spec: fc.record({ selector: fc.record({ matchLabels: labels }), template: fc.record({ metadata: fc.record({ labels }), spec: fc.oneof(junk, fc.constant({ containers: [{ name: 'c', ports: [{ name: 'metrics', containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }] }] })) }) }),
  });
  const rule = fc.oneof(junk, fc.record({ from: fc.array(junk, { maxLength: 2 }), to: fc.array(junk, { maxLength: 2 }), ports: fc.array(junk, { maxLength: 2 }), toPorts: fc.array(fc.record({ ports: fc.array(junk, { maxLength: 2 }) }), { maxLength: 1 }), protocols: fc.array(junk, { maxLength: 2 }), source: junk, destination: junk, action: fc.constantFrom('Allow', 'Deny', 'Accept', 'Pass', 'Log'), fromEndpoints: fc.array(junk, { maxLength: 2 }), toCIDRSet: fc.array(junk, { maxLength: 1 }) }, { requiredKeys: [] }));
  const spec = fc.record({ podSelector: fc.oneof(fc.constant({}), junk), endpointSelector: fc.oneof(fc.constant({}), junk), selector: fc.oneof(fc.constant('all()'), junk), subject: fc.oneof(fc.constant({ namespaces: {} }), junk), tier: fc.constantFrom('Admin', 'Baseline'), priority: fc.integer({ min: 0, max: 1000 }), ingress: fc.array(rule, { maxLength: 3 }), egress: fc.array(rule, { maxLength: 3 }) }, { requiredKeys: [] });
  const kinds: [string, string, boolean][] = [
    ['networking.k8s.io/v1', 'NetworkPolicy', true],
    ['cilium.io/v2', 'CiliumNetworkPolicy', true],
    ['projectcalico.org/v3', 'NetworkPolicy', true],
    ['policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy', false],
  ];
  const policy = fc.constantFrom(...kinds).chain(([apiVersion, kind, namespaced]) =>
    fc.record({ apiVersion: fc.constant(apiVersion), kind: fc.constant(kind), metadata: fc.constant({ name: 'p', ...(namespaced ? { namespace: 'ns' } : {}) }), spec }),
  );
  const parsed = parseArguments(['explain', '--format', 'json', '--engine', 'kubernetes']);
  fc.assert(
    fc.property(fc.constantFrom('kubernetes', 'cilium', 'calico', 'clusterNetworkPolicy'), controller, fc.array(policy, { maxLength: 3 }), (engine, workload, policies) => {
      const command = { ...parsed.command!, engine };
      const out = runCommand(command, [[workload, ...policies].map((o) => stringify(o)).join('---\n')]);
      expect([0, 1]).toContain(out.exitCode);
      if (out.exitCode !== 0) return void expect(out.stderr).toMatch(/^controller-network-policy explain: [^\n]+\n$/);
      const explanation = JSON.parse(out.stdout) as Explanation;
      expect(schemaViolations(explanation)).toEqual([]);
      for (const subject of explanation.subjects) for (const block of [subject.ingress, subject.egress]) expect(block.flows).toHaveLength(block.peers.length * block.ports.length);
    }),
    RUNS,
  );
});
