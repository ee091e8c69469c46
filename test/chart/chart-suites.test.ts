import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FIXTURES } from '../support/paths';
import { checkAssertion, type Assertion, type Doc } from './helm-unittest';
import { DEVIATIONS } from './deviations';
import { render } from './render-chart-values';

/**
 * The chart's own helm-unittest suites, run as data against this function: each case's values go in
 * as the functionConfig, and its assertions are checked on the objects the function generated. Cases
 * where this function deliberately differs from the chart are listed, with the reason, in deviations.ts.
 */
const SUITES = ['networkpolicy_test.yaml', 'networkpolicy-default-deny_test.yaml', 'ciliumnetworkpolicy_test.yaml', 'caliconetworkpolicy_test.yaml', 'clusternetworkpolicy_test.yaml'];

interface Suite {
  suite: string;
  templates: string[];
  tests: TestCase[];
}
interface TestCase {
  it: string;
  templates?: string[];
  set?: Record<string, unknown>;
  release?: { namespace?: string };
  documentSelector?: { path: string; value: unknown };
  asserts: Assertion[];
}

const DENY = 'stageset-controller-default-deny';
/** Which generated objects stand for each chart template. */
const TEMPLATES: Record<string, (doc: Doc) => boolean> = {
  'networkpolicy.yaml': (d) => d.apiVersion === 'networking.k8s.io/v1' && !isDeny(d),
  'networkpolicy-default-deny.yaml': isDeny,
  'ciliumnetworkpolicy.yaml': (d) => d.apiVersion === 'cilium.io/v2' && !isDeny(d),
  'caliconetworkpolicy.yaml': (d) => d.apiVersion === 'projectcalico.org/v3' && !isDeny(d),
  'clusternetworkpolicy.yaml': (d) => String(d.apiVersion).startsWith('policy.networking.k8s.io/') && !isDeny(d),
};

function isDeny(doc: Doc): boolean {
  const name = String((doc.metadata as Record<string, unknown>).name);
  return name === DENY || name.startsWith(`${DENY}-`);
}

for (const file of SUITES) {
  const suite = parse(readFileSync(join(FIXTURES, 'chart', 'stageset-controller', 'tests', file), 'utf8')) as Suite;
  describe(`chart suite ${file}: ${suite.suite}`, () => {
    for (const testCase of suite.tests) {
      const deviation = DEVIATIONS[file]?.[testCase.it];
      const title = deviation ? `deviation: ${testCase.it} — ${deviation.reason}` : testCase.it;
      test(title, () => {
        const outcome = render(testCase.set ?? {}, testCase.release?.namespace ?? 'stageset-system');
        if (deviation?.check) return deviation.check(outcome);
        expect(outcome.exitCode).toBe(0);
        const templates = testCase.templates ?? suite.templates;
        const docs = outcome.docs.filter((d) => templates.some((t) => TEMPLATES[t]!(d)));
        const selected = testCase.documentSelector
          ? docs.filter((d) => JSON.stringify(valueOf(d, testCase.documentSelector!.path)) === JSON.stringify(testCase.documentSelector!.value))
          : docs;
        const asserts = deviation?.asserts ?? testCase.asserts;
        for (const assertion of asserts) {
          const failure = checkAssertion(assertion, Object.keys(assertion).includes('hasDocuments') ? docs : selected);
          expect({ assertion, failure }).toEqual({ assertion, failure: undefined });
        }
      });
    }
  });
}

function valueOf(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}
