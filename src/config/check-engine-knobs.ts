import type { Problem } from '../krm/result.js';
import type { Values } from './values-schema.js';

/**
 * The NetworkPolicy-shaped knobs (`*.from`, `additionalIngress`, `egress.to`) are translated for every
 * engine. Another engine's passthrough list under the selected engine is ignored, and so are egress
 * lists while egress is off: warnings, since an ignored list cannot widen anything.
 */
export function checkEngineKnobs(values: Values): Problem[] {
  const np = values.networkPolicy;
  const problems: Problem[] = [];
  const engine = np.engine;
  for (const other of ['cilium', 'calico', 'clusterNetworkPolicy'] as const) {
    if (other === engine) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      if (np[other][direction].length > 0) {
        problems.push({ path: `networkPolicy.${other}.${direction}`, message: `is ignored: engine is ${engine}, not ${other}` });
      }
    }
  }
  if (!np.egress.enabled) {
    const egressLists: [string, unknown[]][] = [['networkPolicy.egress.to', np.egress.to], [`networkPolicy.${engine}.egress`, engine === 'kubernetes' ? [] : np[engine].egress]];
    for (const [path, list] of egressLists) {
      if (list.length > 0 && !problems.some((p) => p.path === path)) problems.push({ path, message: 'is ignored: networkPolicy.egress.enabled is false' });
    }
  }
  return problems;
}
