import { allDialects, DIALECTS } from '../dialects/index.js';
import type { Problem } from '../krm/result.js';
import { nativeSectionOf } from './native-section-of.js';
import type { Values } from './values-schema.js';

/**
 * The NetworkPolicy-shaped knobs (`*.from`, `additionalIngress`, `egress.to`) are translated for every
 * engine. Another engine's passthrough list under the selected engine is ignored, and so are egress
 * lists while egress is off: warnings, since an ignored list cannot widen anything.
 */
export function checkEngineKnobs(values: Values): Problem[] {
  const engine = values.networkPolicy.engine;
  const problems: Problem[] = [];
  for (const other of allDialects()) {
    const section = other.engine === engine ? undefined : nativeSectionOf(values, other);
    for (const direction of ['ingress', 'egress'] as const) {
      if (section && section[direction].length > 0) {
        problems.push({ path: `networkPolicy.${other.engine}.${direction}`, message: `is ignored: engine is ${engine}, not ${other.engine}` });
      }
    }
  }
  if (!values.networkPolicy.egress.enabled) {
    const egressLists: [string, readonly unknown[]][] = [
      ['networkPolicy.egress.to', values.networkPolicy.egress.to],
      [`networkPolicy.${engine}.egress`, nativeSectionOf(values, DIALECTS[engine])?.egress ?? []],
    ];
    for (const [path, list] of egressLists) {
      if (list.length > 0 && !problems.some((p) => p.path === path)) problems.push({ path, message: 'is ignored: networkPolicy.egress.enabled is false' });
    }
  }
  return problems;
}
