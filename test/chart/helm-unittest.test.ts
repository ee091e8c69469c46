/** The helm-unittest evaluator the chart's suites run on (helm-unittest.ts), against hand-checked documents. */
import { checkAssertion, valueAt, type Doc } from './helm-unittest';

const policy: Doc = { kind: 'NetworkPolicy', metadata: { name: 'np', labels: { 'app.kubernetes.io/name': 'x' } }, spec: { policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }] } };
const other: Doc = { kind: 'NetworkPolicy', metadata: { name: 'other' }, spec: { policyTypes: ['Egress'] } };

describe('checkAssertion', () => {
  test.each([
    [{ hasDocuments: { count: 1 } }],
    [{ isKind: { of: 'NetworkPolicy' } }],
    [{ equal: { path: 'spec.ingress[0].ports[0].port', value: 8080 } }],
    [{ equal: { path: 'metadata.labels["app.kubernetes.io/name"]', value: 'x' } }],
    [{ contains: { path: 'spec.policyTypes', content: 'Ingress' } }],
    [{ notContains: { path: 'spec.policyTypes', content: 'Egress' } }],
    [{ exists: { path: 'spec.ingress' } }],
    [{ notExists: { path: 'spec.egress' } }],
    [{ matchRegex: { path: 'metadata.name', pattern: '^n' } }],
  ])('%j holds', (assertion) => {
    expect(checkAssertion(assertion, [policy])).toBeUndefined();
  });

  test.each([
    [{ hasDocuments: { count: 2 } }, 'expected 2 documents, got 1'],
    [{ isKind: { of: 'Service' } }, 'kind is NetworkPolicy, expected Service'],
    [{ equal: { path: 'spec.ingress[0].ports[0].port', value: 80 } }, 'spec.ingress[0].ports[0].port is 8080, expected 80'],
    [{ contains: { path: 'spec.policyTypes', content: 'Egress' } }, 'spec.policyTypes does not contain "Egress"'],
    [{ notContains: { path: 'spec.policyTypes', content: 'Ingress' } }, 'spec.policyTypes contains "Ingress"'],
    [{ exists: { path: 'spec.egress' } }, 'spec.egress does not exist'],
    [{ notExists: { path: 'spec.ingress' } }, 'spec.ingress exists: [{"ports":[{"port":8080}]}]'],
    [{ matchRegex: { path: 'metadata.name', pattern: '^x' } }, 'metadata.name ("np") does not match ^x'],
  ])('%j fails, saying why', (assertion, why) => {
    expect(checkAssertion(assertion, [policy])).toContain(why);
  });

  test('an assertion holds only if it holds for every document', () => {
    expect(checkAssertion({ contains: { path: 'spec.policyTypes', content: 'Ingress' } }, [policy, other])).toMatch(/^spec.policyTypes does not contain "Ingress" in \{"kind":"NetworkPolicy","metadata":\{"name":"other"\}/);
    expect(checkAssertion({ isKind: { of: 'NetworkPolicy' } }, [])).toBe('isKind: no document to check');
  });

  describe('not: true inverts the assertion', () => {
    test.each([
      [{ hasDocuments: { count: 2 } }],
      [{ isKind: { of: 'Service' } }],
      [{ equal: { path: 'spec.ingress[0].ports[0].port', value: 80 } }],
      [{ contains: { path: 'spec.policyTypes', content: 'Egress' } }],
      [{ exists: { path: 'spec.egress' } }],
      [{ notExists: { path: 'spec.ingress' } }],
      [{ matchRegex: { path: 'metadata.name', pattern: '^x' } }],
    ])('not %j holds', (assertion) => {
      expect(checkAssertion({ ...assertion, not: true }, [policy])).toBeUndefined();
    });

    test.each([
      [{ hasDocuments: { count: 1 } }, 'expected other than 1 documents'],
      [{ isKind: { of: 'NetworkPolicy' } }, 'not isKind {"of":"NetworkPolicy"} failed: it holds'],
      [{ equal: { path: 'metadata.name', value: 'np' } }, 'not equal {"path":"metadata.name","value":"np"} failed: it holds'],
      [{ exists: { path: 'spec.ingress' } }, 'not exists {"path":"spec.ingress"} failed: it holds'],
    ])('not %j fails', (assertion, why) => {
      expect(checkAssertion({ ...assertion, not: true }, [policy])).toContain(why);
    });

    test('for every document: one where the assertion holds fails it', () => {
      expect(checkAssertion({ equal: { path: 'metadata.name', value: 'np' }, not: true }, [other, policy])).toMatch(/^not equal .* failed: it holds in \{"kind":"NetworkPolicy","metadata":\{"name":"np"/);
      expect(checkAssertion({ equal: { path: 'metadata.name', value: 'third' }, not: true }, [other, policy])).toBeUndefined();
    });

    test('not: false is the assertion itself', () => {
      expect(checkAssertion({ isKind: { of: 'Service' }, not: false }, [policy])).toContain('kind is NetworkPolicy, expected Service');
    });
  });

  test('an assertion kind it does not know is an error of the suite, not a pass', () => {
    expect(() => checkAssertion({ lengthEqual: { path: 'spec', count: 1 } }, [policy])).toThrow('assertion lengthEqual is not implemented');
  });
});

describe('valueAt', () => {
  test.each([
    ['spec.ingress[0].ports[0].port', 8080],
    ['metadata.labels["app.kubernetes.io/name"]', 'x'],
    ['spec.egress[0].to', undefined],
    ['metadata.name.length', undefined],
  ])('%s', (path, expected) => {
    expect(valueAt(policy, path)).toEqual(expected);
  });
});
