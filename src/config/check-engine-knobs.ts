import type { Values } from './values-schema.js';

export interface KnobProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

const NATIVE_LIST = { cilium: 'networkPolicy.cilium', calico: 'networkPolicy.calico', clusterNetworkPolicy: 'networkPolicy.clusterNetworkPolicy' } as const;

/**
 * The chart silently ignores the NetworkPolicy-dialect knobs under another engine, which leaves a port
 * open or cuts a flow. Here that is an error naming the engine's own list; another engine's
 * passthrough list under the selected engine is only a warning, since it cannot widen anything.
 */
export function checkEngineKnobs(values: Values): KnobProblem[] {
  const np = values.networkPolicy;
  const problems: KnobProblem[] = [];
  const engine = np.engine;
  if (engine !== 'kubernetes') {
    const native = NATIVE_LIST[engine];
    const knobs: [string, unknown[]][] = [
      ['networkPolicy.webhook.from', np.webhook.from],
      ['networkPolicy.metrics.from', np.metrics.from],
      ['networkPolicy.gate.from', np.gate.from],
      ['networkPolicy.mcp.from', np.mcp.from],
      ['networkPolicy.additionalIngress', np.additionalIngress],
    ];
    for (const [path, list] of knobs) {
      if (list.length > 0) problems.push({ path, severity: 'error', message: `applies to the kubernetes engine only; with engine ${engine} use ${native}.ingress instead` });
    }
    if (np.egress.to.length > 0) problems.push({ path: 'networkPolicy.egress.to', severity: 'error', message: `applies to the kubernetes engine only; with engine ${engine} use ${native}.egress instead` });
  }
  for (const other of ['cilium', 'calico', 'clusterNetworkPolicy'] as const) {
    if (other === engine) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      if (np[other][direction].length > 0) {
        problems.push({ path: `networkPolicy.${other}.${direction}`, severity: 'warning', message: `is ignored: engine is ${engine}, not ${other}` });
      }
    }
  }
  if (!np.egress.enabled) {
    const egressLists: [string, unknown[]][] = [['networkPolicy.egress.to', np.egress.to], [`networkPolicy.${engine}.egress`, engine === 'kubernetes' ? [] : np[engine].egress]];
    for (const [path, list] of egressLists) {
      if (list.length > 0 && !problems.some((p) => p.path === path)) problems.push({ path, severity: 'warning', message: 'is ignored: networkPolicy.egress.enabled is false' });
    }
  }
  return problems;
}
