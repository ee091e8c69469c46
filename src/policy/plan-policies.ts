import type { Values } from '../config/values-schema.js';
import type { Workload } from '../workloads/workload.js';
import type { AllowlistPlan, DefaultDenyPlan, IngressPort, PolicyPlan } from './model.js';

/** The chart's fixed name for the namespace-wide deny-all. */
export const DEFAULT_DENY_NAME = 'stageset-controller-default-deny';

/**
 * values × workloads → one allowlist per workload and, when asked, one default-deny per namespace.
 * Names follow the chart (the workload's name; `stageset-controller-default-deny`) and are made
 * unique deterministically when two workloads would share one.
 */
export function planPolicies(values: Values, workloads: readonly Workload[]): PolicyPlan[] {
  const np = values.networkPolicy;
  const ingress = ingressPorts(values);
  const names = uniqueNames(workloads);
  const allowlists = workloads.map(
    (workload, i): AllowlistPlan => ({
      type: 'allowlist',
      name: names[i]!,
      namespace: workload.namespace,
      podSelector: workload.podSelector,
      workload: workload.ref,
      ingress,
      ...(np.egress.enabled ? { egress: np.egress.dns ? { dnsNamespace: np.egress.dnsNamespace } : {} } : {}),
    }),
  );
  const denies: DefaultDenyPlan[] = np.defaultDeny.enabled
    ? [...new Set(workloads.map((w) => w.namespace))].sort().map((namespace) => ({ type: 'defaultDeny', name: DEFAULT_DENY_NAME, namespace, egress: np.egress.enabled }))
    : [];
  return [...allowlists, ...denies];
}

function ingressPorts(values: Values): IngressPort[] {
  const np = values.networkPolicy;
  const enabled = { health: true, webhook: values.webhook.enabled, metrics: true, gate: values.gate.enabled, mcp: values.mcp.enabled };
  const from = { health: [], webhook: np.webhook.from, metrics: np.metrics.from, gate: np.gate.from, mcp: np.mcp.from };
  return (['health', 'webhook', 'metrics', 'gate', 'mcp'] as const)
    .filter((name) => enabled[name])
    .map((name) => ({ name, port: values.ports[name], from: from[name] }));
}

/** The workload's name, unless another workload in its namespace (or the deny-all) has it too. */
function uniqueNames(workloads: readonly Workload[]): string[] {
  const base = workloads.map((w) => w.ref.name);
  const clash = (i: number) =>
    base[i] === DEFAULT_DENY_NAME || workloads.some((w, j) => j !== i && w.namespace === workloads[i]!.namespace && base[j] === base[i]);
  return workloads.map((w, i) => (clash(i) ? `${base[i]}-${w.ref.kind.toLowerCase()}` : base[i]!));
}
