import { allDialects, DIALECTS, ENGINES, type Engine } from '../dialects/index.js';
import { groupOf, type KubeObject } from '../k8s/kube-object.js';

export type EngineChoice = { engine: Engine; error?: undefined } | { engine?: undefined; error: string };

/** The API groups of the dialects' own policies; NetworkPolicy (every engine's) is the fallback. */
const DEFAULT: Engine = 'kubernetes';

/**
 * Which engine judges the input: the one given, or the one whose policy kinds the input holds (any kind
 * of its API group: a CiliumClusterwideNetworkPolicy is Cilium's too); only NetworkPolicies, or none:
 * kubernetes. Two engines' policies at once cannot be judged together: the user chooses.
 */
export function engineOf(objects: readonly KubeObject[], given: string | undefined, name: string): EngineChoice {
  if (given !== undefined) {
    return (ENGINES as readonly string[]).includes(given) ? { engine: given as Engine } : { error: `unknown engine ${JSON.stringify(given)}: expected one of ${ENGINES.join(', ')}` };
  }
  const fallbackGroup = groupOf(DIALECTS[DEFAULT].apiVersion);
  const found = new Set<Engine>();
  for (const object of objects) {
    const group = groupOf(object.apiVersion);
    if (group === fallbackGroup) continue;
    const dialect = allDialects().find((d) => groupOf(d.apiVersion) === group);
    if (dialect) found.add(dialect.engine as Engine);
  }
  if (found.size > 1) return { error: `${name} holds policies of several engines (${[...found].sort().join(', ')}): choose the one your cluster runs with --engine` };
  return { engine: [...found][0] ?? DEFAULT };
}

/** The objects an engine's evaluator may need: everything of the dialects' API groups (policies, Calico tiers, Cilium CIDR groups). */
export function policyObjects(objects: readonly KubeObject[]): KubeObject[] {
  const groups = new Set(allDialects().map((d) => groupOf(d.apiVersion)));
  return objects.filter((o) => groups.has(groupOf(o.apiVersion)));
}
