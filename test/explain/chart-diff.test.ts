/**
 * `diff` between the real chart's `helm template` output and the function's output for the same values
 * (the migration a chart user makes): the delta must show exactly the chart's defects that the function
 * fixes (docs/differences.md). With every fix of test/chart/parity/chart-fixes.ts applied to the
 * chart's own policies, `diff` must find nothing left; and each changed flow must flip under one of them.
 */
import { dump, load } from 'js-yaml';
import { loadConfig } from '../../src/config/load-config';
import { allDialects } from '../../src/dialects/index';
import type { Delta } from '../../src/explain/model';
import { groupOf, type KubeObject } from '../../src/k8s/kube-object';
import { run } from '../../src/run';
import { parityCases, type ParityCase } from '../chart/parity/cases';
import { CHART_FIXES, type DeviationId } from '../chart/parity/chart-fixes';
import { describeUnless } from '../support/e2e';
import { helmMissing, helmTemplateAll } from '../support/helm';
import { command } from './support';

/** Parity cases whose flows differ for a reason `explain` can see, and the deviations that explain them. */
const CASES: readonly [ParityCase['engine'], string, readonly DeviationId[]][] = [
  // named ports differ only on the chart's cleanup Job, a Helm hook explain does not show
  ['kubernetes', '`ci/networkpolicy-values.yaml`', []],
  ['cilium', 'networkpolicy-default-deny: renders a deny-all CiliumNetworkPolicy for the cilium engine', ['cilium-empty-section']],
  ['cilium', 'networkpolicy-default-deny: denies egress too once an egress allowlist is enabled (cilium)', ['cilium-empty-section']],
  ['calico', 'networkpolicy-default-deny: denies egress too once an egress allowlist is enabled (calico)', ['calico-dns']],
  ['clusterNetworkPolicy', '`ci/networkpolicy-values.yaml`', ['cnp-isolation']],
  ['clusterNetworkPolicy', 'networkpolicy-default-deny: denies egress too once an egress allowlist is enabled (clusterNetworkPolicy)', ['cnp-isolation', 'cnp-deny-networks']],
];

const POLICY_GROUPS = new Set(allDialects().map((d) => `${groupOf(d.apiVersion)}/${d.kind}`));
const isPolicy = (o: KubeObject) => POLICY_GROUPS.has(`${groupOf(o.apiVersion)}/${o.kind}`);
const documents = (objects: readonly KubeObject[]) => objects.map((o) => dump(o)).join('---\n');

function functionOutput(objects: readonly KubeObject[], values: Record<string, unknown>): string {
  const functionConfig = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'chart-values' }, ...values };
  const out = run(JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: objects.filter((o) => !isPolicy(o)), functionConfig }));
  if (out.exitCode !== 0) throw new Error(out.stderr);
  return out.stdout;
}

const delta = (old: string, now: string): Delta => {
  const out = command(['diff', '--format', 'json', '--fail-on-widening', 'chart', 'function'], [old, now]);
  if (out.exitCode !== 0) throw new Error(`exit ${out.exitCode}: ${out.stderr}`);
  return JSON.parse(out.stdout) as Delta;
};
const key = (c: Delta['changes'][number]) => `${c.subject} ${c.direction} ${c.peer} ${c.port}/${c.protocol}`;

describeUnless(helmMissing(), "diff: the real chart's policies against the function's, on the same values", () => {
  const all = parityCases();
  const cases = CASES.map(([engine, label, deviations]) => ({ parity: all.find((c) => c.engine === engine && c.label === label)!, deviations }));
  let outputs: string[] = [];

  beforeAll(async () => {
    expect(cases.every((c) => c.parity !== undefined)).toBe(true);
    outputs = await helmTemplateAll(cases.map((c) => ({ values: c.parity.values })));
  });

  test.each(cases.map((c, i) => [`${c.parity.engine}, ${c.parity.label}`, i] as const))('%s', (_title, i) => {
    const { parity, deviations } = cases[i]!;
    const chart = outputs[i]!;
    const objects = chart.split(/^---[ \t]*\n/m).map((text) => load(text) as KubeObject | null).filter((o): o is KubeObject => o !== null && typeof o === 'object');
    const now = functionOutput(objects, parity.values);
    const values = loadConfig({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'v' }, ...parity.values }).value!.values;

    // the chart's policies, fixed one deviation after another (the order of chart-fixes.ts)
    const fixes = CHART_FIXES.filter((f) => f.engine === parity.engine);
    const stages = [objects.filter(isPolicy)];
    for (const fix of fixes) stages.push(fix.apply(stages.at(-1)!, values));
    const withPolicies = (policies: readonly KubeObject[]) => documents([...objects.filter((o) => !isPolicy(o)), ...policies]);

    const changes = delta(chart, now);
    // the function never opens a flow the chart closed, so --fail-on-widening passes (exit 0 above)
    expect(changes.widened).toBe(false);
    // every fix applied: nothing is left between the chart and the function
    expect(delta(withPolicies(stages.at(-1)!), now).changes.map(key)).toEqual([]);

    // each change flips under exactly the deviations expected for this case
    const steps = stages.slice(1).map((policies, s) => ({ id: fixes[s]!.id, changed: new Set(delta(withPolicies(stages[s]!), withPolicies(policies)).changes.map(key)) }));
    const explainedBy = changes.changes.map((c) => steps.filter((s) => s.changed.has(key(c))).map((s) => s.id));
    expect(explainedBy.filter((ids) => ids.length === 0)).toEqual([]);
    expect([...new Set(explainedBy.flat())].sort()).toEqual([...deviations].sort());
    expect(changes.changes.length > 0).toBe(deviations.length > 0);
  });

  test("the headline: the chart's Cilium deny-all denies nothing, so the neighbours' flows it means to cut are allowed under the chart and denied here", () => {
    const i = cases.findIndex((c) => c.parity.engine === 'cilium' && c.parity.label.startsWith('networkpolicy-default-deny: renders'));
    const objects = outputs[i]!.split(/^---[ \t]*\n/m).map((text) => load(text) as KubeObject | null).filter((o): o is KubeObject => o !== null && typeof o === 'object');
    const changes = delta(outputs[i]!, functionOutput(objects, cases[i]!.parity.values));
    expect(changes.changes.length).toBeGreaterThan(10);
    for (const c of changes.changes) {
      expect({ before: c.before, after: c.after, change: c.change }).toEqual({ before: true, after: false, change: 'denied' });
      // a neighbour's own flow, or the controller's egress to a neighbour
      expect(c.subject.startsWith('neighbours/') || c.peer === 'same-namespace').toBe(true);
    }
    expect(changes.findings.resolved.map((f) => f.kind)).toContain('cilium-empty-section');
  });
});
