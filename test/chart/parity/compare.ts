import { dump, load } from 'js-yaml';
import { loadConfig } from '../../../src/config/load-config';
import type { Values } from '../../../src/config/values-schema';
import { allDialects } from '../../../src/dialects/index';
import { groupOf, type KubeObject } from '../../../src/k8s/kube-object';
import { run } from '../../../src/run';
import { DIALECTS } from '../../../src/dialects/index';
import type { Flow } from '../../../src/traffic/model';
import { CLUSTER } from '../../support/traffic-cluster';
import type { ParityCase } from './cases';
import { CHART_FIXES, type ChartFix, type DeviationId } from './chart-fixes';
import { parityFlows, type ParityFlow } from './flows';

export type FlowKey = Pick<ParityFlow, 'from' | 'to' | 'port' | 'protocol'>;

export interface FlowDifference extends FlowKey {
  chart: boolean;
  function: boolean;
  /** The deviations whose fix changes this flow's verdict on the way from the chart's objects to the function's. */
  explainedBy: DeviationId[];
}

export interface ParityResult {
  case: ParityCase;
  flows: number;
  differences: FlowDifference[];
  /** Flows on which the chart, with every deviation applied, still differs from the function: errors. */
  unexplained: (FlowKey & { chartWithDeviations: boolean; function: boolean })[];
  /** Every flow judged (for summaries). */
  all: FlowKey[];
  /** The function's error, when it refuses the values (and renders nothing to compare). */
  refused?: string;
}

const POLICY_KINDS = allDialects().map((d) => `${groupOf(d.apiVersion)}/${d.kind}`);
const isPolicy = (o: KubeObject) => POLICY_KINDS.includes(`${groupOf(o.apiVersion)}/${o.kind}`);

/** The knobs the chart reads under the kubernetes engine only, and the function translates for the others. */
function withoutTranslatedKnobs(values: Record<string, unknown>): Record<string, unknown> {
  const np = structuredClone(values.networkPolicy) as Record<string, Record<string, unknown> | undefined>;
  for (const port of ['webhook', 'metrics', 'gate', 'mcp']) if (np[port]) delete np[port].from;
  delete np.additionalIngress;
  if (np.egress) delete np.egress.to;
  return { ...values, networkPolicy: np };
}

/** helm's documents as a ResourceList's items, the way kpt wraps them: each document indented under `- `. */
function itemsText(documents: readonly string[]): string {
  return documents.map((doc) => doc.replace(/\n$/, '').split('\n').map((line, i) => (i === 0 ? `- ${line}` : line === '' ? '' : `  ${line}`)).join('\n')).join('\n');
}

function renderFunction(items: string, values: Record<string, unknown>): { objects: KubeObject[]; error?: string } {
  const functionConfig = dump({ functionConfig: { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'chart-values' }, ...values } });
  const out = run(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}\n${functionConfig}`);
  if (out.exitCode !== 0) return { objects: [], error: out.stderr.split('\n').find((l) => l.startsWith('[error]')) ?? out.stderr };
  return { objects: (load(out.stdout) as { items: KubeObject[] }).items.filter(isPolicy) };
}

/**
 * The chart and the function on the same values, as traffic: helm template renders the chart (its own
 * policies and its workloads), the function renders its policies for those workloads, and the engine's
 * evaluator judges every flow on both. A flow that differs is explained by the deviations whose fix
 * (chart-fixes.ts) changes its verdict, or by the function's translation of the NetworkPolicy-shaped
 * knobs the chart ignores under the other engines; the chart with every fix applied must agree with the
 * function (without those knobs) on every flow, or the difference is unexplained.
 *
 * ClusterNetworkPolicy: the evaluator reads the chart's deny-all priority 2000 as written (after the
 * allowlist's 1000), which is what the chart means; the API server rejects it (priority is 0..1000).
 */
export function compareAsTraffic(parity: ParityCase, chartOutput: string, deviations: readonly ChartFix[] = CHART_FIXES): ParityResult {
  // helm's documents, each parsed once (js-yaml: ten times faster than yaml's documents here)
  const documents = chartOutput.split(/^---[ \t]*\n/m).map((text) => ({ text, object: load(text) as KubeObject | null })).filter((d) => d.object);
  const rendered = documents.map((d) => d.object!);
  const chart = rendered.filter(isPolicy);
  const items = itemsText(documents.filter((d) => !isPolicy(d.object!)).map((d) => d.text));
  const flows = parityFlows(rendered);
  const key = ({ from, to, port, protocol }: ParityFlow): FlowKey => ({ from, to, port, protocol });
  const result: ParityResult = { case: parity, flows: flows.length, differences: [], unexplained: [], all: flows.map(key) };

  const full = renderFunction(items, parity.values);
  if (full.error !== undefined) return { ...result, refused: full.error };
  const translated = parity.engine !== 'kubernetes';
  const plain = translated ? renderFunction(items, withoutTranslatedKnobs(parity.values)) : full;
  if (plain.error !== undefined) throw new Error(`the function refuses the values without the translated knobs: ${plain.error}`);

  const loaded = loadConfig({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'chart-values' }, ...parity.values });
  if (!loaded.value) throw new Error(JSON.stringify(loaded.results));
  const values: Values = loaded.value.values;
  const fixes = deviations.filter((fix) => fix.engine === parity.engine);
  const stages: KubeObject[][] = [chart];
  for (const fix of fixes) stages.push(fix.apply(stages.at(-1)!, values));

  const evaluate = DIALECTS[parity.engine].evaluate;
  const allowed = (objects: readonly KubeObject[], flow: Flow) => evaluate(objects, CLUSTER, flow).allowed;
  for (const parityFlow of flows) {
    const { flow } = parityFlow;
    const byChart = allowed(chart, flow);
    const byFunction = allowed(full.objects, flow);
    const chartWithDeviations = allowed(stages.at(-1)!, flow);
    const withoutKnobs = translated ? allowed(plain.objects, flow) : byFunction;
    if (chartWithDeviations !== withoutKnobs) result.unexplained.push({ ...key(parityFlow), chartWithDeviations, function: withoutKnobs });
    if (byChart === byFunction) continue;
    const verdicts = stages.map((objects) => allowed(objects, flow));
    const explainedBy = fixes.filter((_fix, i) => verdicts[i] !== verdicts[i + 1]).map((fix) => fix.id);
    if (withoutKnobs !== byFunction) explainedBy.push('translated-knobs');
    result.differences.push({ ...key(parityFlow), chart: byChart, function: byFunction, explainedBy: [...new Set(explainedBy)] });
  }
  return result;
}
