import type { Config } from '../config/load-config.js';
import { nativeSectionOf } from '../config/native-section-of.js';
import type { Values } from '../config/values-schema.js';
import { errorResult, infoResult, warningResult, type Outcome, type Problem } from '../krm/result.js';
import type { Targets } from '../workloads/discover-targets.js';
import { checkNeutralRules } from './check-neutral-rules.js';
import { checkValues } from './check-values.js';
import type { EgressTarget } from '../egress/egress-target.js';
import { planEgress } from './plan-egress.js';
import type { Dialect, NativeSection, PrecedenceInput } from '../dialects/dialect.js';
import type { Workload } from '../workloads/workload.js';
import type { AllowlistPlan, DefaultDenyPlan, IngressPort, NativeRule, NeutralPort, NeutralRule, PolicyPlan, SourceAccessPlan } from '../dialects/plan.js';
import { PORT_NAMES } from '../dialects/plan.js';

/** The chart's fixed name for the namespace-wide deny-all. */
export const DEFAULT_DENY_NAME = 'stageset-controller-default-deny';

export interface PlanNote {
  path: string;
  message: string;
}

export interface Plan {
  plans: PolicyPlan[];
  /** What the engine's precedence (Calico order, ClusterNetworkPolicy priority) is made of. */
  precedence: PrecedenceInput;
}

export interface PlanOutcome extends Plan {
  /** What the plan changed on purpose, for `info` results. */
  notes: PlanNote[];
  /** Values that are ignored, for `warning` results. */
  warnings: PlanNote[];
  /** Values that cannot work, for `error` results: nothing is rendered. */
  problems: PlanNote[];
}

/**
 * The plan stage: the values' NetworkPolicy-shaped rules checked (errors), their foot-guns (warnings),
 * then the plans, with what they changed on purpose (info). Results point at the functionConfig.
 */
export function planStage(config: Config, targets: Targets, dialect: Dialect, derived: readonly EgressTarget[] = []): Outcome<Plan | undefined> {
  const at = (p: Problem) => ({ ...(config.ref ? { resourceRef: config.ref } : {}), field: { path: p.path } });
  const { values } = config;
  if (values.networkPolicy.enabled) {
    const errors = checkNeutralRules(values).map((p) => errorResult(p.message, at(p)));
    if (errors.length > 0) return { value: undefined, results: errors };
  }
  const results = values.networkPolicy.enabled ? checkValues(values).map((p) => warningResult(p.message, at(p))) : [];
  const { plans, precedence, notes, warnings, problems } = planPolicies(values, targets.workloads, dialect, derived);
  if (problems.length > 0) return { value: undefined, results: [...results, ...problems.map((p) => errorResult(p.message, at(p)))] };
  results.push(...warnings.map((w) => warningResult(w.message, at(w))), ...notes.map((note) => infoResult(note.message, at(note))));
  return { value: { plans, precedence }, results };
}

/**
 * values × workloads → one allowlist per workload and, when asked, one default-deny per namespace.
 * Names follow the chart (the workload's name; `stageset-controller-default-deny`) and are made
 * unique deterministically when two workloads would share one. The values' rules are assumed valid
 * NetworkPolicy rules (checkNeutralRules ran first).
 */
export function planPolicies(values: Values, workloads: readonly Workload[], dialect: Dialect, derived: readonly EgressTarget[] = []): PlanOutcome {
  const np = values.networkPolicy;
  const section = nativeSectionOf(values, dialect);
  const native = nativeRules(section, dialect);
  const { ingress, notes } = openPorts(values, native.ingress, dialect);
  const additionalIngress = np.additionalIngress.map((rule, i) => neutralRule(rule, 'from', `networkPolicy.additionalIngress[${i}]`));
  const planned = planEgress(
    values,
    derived,
    native.egress,
    np.egress.to.map((rule, i) => neutralRule(rule, 'to', `networkPolicy.egress.to[${i}]`)),
  );
  const egress = planned.egress;
  const names = uniqueNames(workloads);
  const allowlists = workloads.map(
    (workload, i): AllowlistPlan => ({
      type: 'allowlist',
      name: names[i]!,
      namespace: workload.namespace,
      podSelector: workload.podSelector,
      workload: workload.ref,
      ingress,
      additionalIngress,
      nativeIngress: native.ingress,
      ...(egress ? { egress } : {}),
    }),
  );
  const denies: DefaultDenyPlan[] = np.defaultDeny.enabled
    ? [...new Set(workloads.map((w) => w.namespace))].sort().map((namespace) => ({ type: 'defaultDeny', name: DEFAULT_DENY_NAME, namespace, egress: np.egress.enabled }))
    : [];
  return { plans: [...allowlists, ...denies, ...sourceAccess(values, workloads)], precedence: { defaultDeny: np.defaultDeny, section }, notes, warnings: planned.warnings, problems: planned.problems };
}

/** Flux's source-controller serves artifacts on its pods' port 9090 (`http`; the Service's port 80): fluxcd/source-controller config/manager/deployment.yaml. */
const SOURCE_CONTROLLER = { podSelector: { matchLabels: { app: 'source-controller' } }, port: 9090 };

/** One companion per namespace of the controller's workloads, in Flux's namespace, when asked for. */
function sourceAccess(values: Values, workloads: readonly Workload[]): SourceAccessPlan[] {
  if (!values.networkPolicy.enabled || !values.networkPolicy.companions.fluxSource.enabled) return [];
  const namespace = values.networkPolicy.egress.derived.fluxNamespace;
  const byNamespace = new Map<string, Workload[]>();
  for (const workload of workloads) byNamespace.set(workload.namespace, [...(byNamespace.get(workload.namespace) ?? []), workload]);
  return [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, members]) => ({
      type: 'sourceAccess',
      name: `stageset-controller-from-${from}`,
      namespace,
      from: members.map((w) => ({ namespace: from, podSelector: w.podSelector })),
      ...SOURCE_CONTROLLER,
    }));
}

function nativeRules(section: NativeSection | undefined, dialect: Dialect): { ingress: NativeRule[]; egress: NativeRule[] } {
  if (!section) return { ingress: [], egress: [] };
  const path = `networkPolicy.${dialect.engine}`;
  return {
    ingress: section.ingress.map((rule, i) => ({ origin: `${path}.ingress[${i}]`, rule })),
    egress: section.egress.map((rule, i) => ({ origin: `${path}.egress[${i}]`, rule })),
  };
}

/**
 * The controller's enabled ports, health first. A native rule that names a port takes it over: the
 * documentation's way to tighten a port under an engine is its native list, which only works when the
 * generated open rule for that port goes. Health stays open whatever the rules say: the kubelet probes it.
 */
function openPorts(values: Values, native: readonly NativeRule[], dialect: Dialect): { ingress: IngressPort[]; notes: PlanNote[] } {
  const np = values.networkPolicy;
  const enabled = { health: true, webhook: values.webhook.enabled, metrics: true, gate: values.gate.enabled, mcp: values.mcp.enabled };
  const from = { health: [], webhook: np.webhook.from, metrics: np.metrics.from, gate: np.gate.from, mcp: np.mcp.from };
  const notes: PlanNote[] = [];
  const ingress: IngressPort[] = [];
  for (const name of PORT_NAMES) {
    if (!enabled[name]) continue;
    const port = values.ports[name];
    const takers = native.filter((n) => dialect.namesPort(n.rule, port));
    if (takers.length === 0 || name === 'health') {
      ingress.push({ name, port, from: from[name] });
      if (takers.length > 0) notes.push({ path: takers[0]!.origin, message: `allows the health port ${port} (ports.health), which stays open to every source all the same: the kubelet probes it from the node` });
      continue;
    }
    const generated = from[name].length > 0 ? `the rule generated from networkPolicy.${name}.from` : 'the generated rule that opened the port to every source';
    const others = takers.length > 1 ? ` (with ${takers.slice(1).map((t) => t.origin).join(', ')})` : '';
    notes.push({ path: takers[0]!.origin, message: `allows port ${port} (ports.${name})${others}, so it replaces ${generated}: the port is reachable only as the native rules naming it allow` });
  }
  return { ingress, notes };
}

/** A values rule (already valid as a NetworkPolicy rule) in the neutral shape. */
function neutralRule(rule: Record<string, unknown>, peersKey: 'from' | 'to', origin: string): NeutralRule {
  const peers = Array.isArray(rule[peersKey]) ? (rule[peersKey] as Record<string, unknown>[]) : [];
  const ports = Array.isArray(rule.ports) ? (rule.ports as Record<string, unknown>[]).map(neutralPort) : [];
  return { origin, peers, ports, written: rule };
}

function neutralPort(port: Record<string, unknown>): NeutralPort {
  const out: NeutralPort = { protocol: port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP' };
  if (typeof port.port === 'number' || typeof port.port === 'string') out.port = port.port;
  if (typeof port.endPort === 'number') out.endPort = port.endPort;
  return out;
}

/** The workload's name, unless another workload in its namespace (or the deny-all) has it too. */
function uniqueNames(workloads: readonly Workload[]): string[] {
  const base = workloads.map((w) => w.ref.name);
  const clash = (i: number) =>
    base[i] === DEFAULT_DENY_NAME || workloads.some((w, j) => j !== i && w.namespace === workloads[i]!.namespace && base[j] === base[i]);
  return workloads.map((w, i) => (clash(i) ? `${base[i]}-${w.ref.kind.toLowerCase()}` : base[i]!));
}
