import { ORIGINS_ANNOTATION, OWNER_ANNOTATION } from '../constants.js';
import { PORT_NAMES, DNS_PORT } from '../dialects/plan.js';
import { identityOf, isRecord, refOf, type KubeObject } from '../k8s/kube-object.js';
import type { RuleRef } from '../traffic/model.js';
import type { PortColumn, RuleCite } from './model.js';
import type { ReadPolicy } from './readers/reader.js';

/** What is known about each policy object: its rules' names, and for this function's objects, their origins. */
export interface RuleIndex {
  byIdentity: ReadonlyMap<string, { policy?: ReadPolicy; owned: boolean; origins: ReadonlyMap<string, string> }>;
}

export function indexRules(objects: readonly KubeObject[], policies: readonly ReadPolicy[]): RuleIndex {
  const read = new Map(policies.map((p) => [identityOf(refOf(p.object)), p]));
  const byIdentity = new Map<string, { policy?: ReadPolicy; owned: boolean; origins: ReadonlyMap<string, string> }>();
  for (const object of objects) {
    const id = identityOf(refOf(object));
    const policy = read.get(id);
    if (!policy) continue;
    byIdentity.set(id, { policy, owned: object.metadata.annotations?.[OWNER_ANNOTATION] !== undefined, origins: originsOf(object) });
  }
  return { byIdentity };
}

/** The origins annotation (stamped by src/policy/ownership.ts); anything unreadable counts as none. */
function originsOf(object: KubeObject): Map<string, string> {
  const text = object.metadata.annotations?.[ORIGINS_ANNOTATION];
  if (typeof text !== 'string') return new Map();
  try {
    const parsed: unknown = JSON.parse(text);
    return new Map(isRecord(parsed) ? Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string') : []);
  } catch {
    return new Map();
  }
}

/**
 * The rule as cited in the output. For an object this function rendered, the values key is its stamped
 * origin (the rule itself or a part of it); a generated rule has none, and is named after the controller
 * port it opens (`ports.metrics`) or the DNS rule (`networkPolicy.egress.dns`).
 */
export function citeRule(ref: RuleRef, index: RuleIndex, column: PortColumn, direction: 'ingress' | 'egress'): RuleCite {
  const known = index.byIdentity.get(identityOf(ref.object));
  const name = known?.policy?.rules.find((r) => r.path === ref.path)?.name;
  const cite: RuleCite = { object: ref.object, path: ref.path, ...(name !== undefined ? { name } : {}) };
  if (!known?.owned) return cite;
  const origin = known.origins.get(ref.path) ?? [...known.origins].find(([path]) => path.startsWith(`${ref.path}.`))?.[1];
  // A named rule (ClusterNetworkPolicy) says what it is; otherwise the port it opens does.
  const port = name ?? (direction === 'ingress' ? column.name : column.port === DNS_PORT ? 'dns' : undefined);
  const generated = (PORT_NAMES as readonly (string | undefined)[]).includes(port) ? `ports.${port}` : port === 'dns' && direction === 'egress' ? 'networkPolicy.egress.dns' : undefined;
  const valuesKey = origin ?? generated;
  return valuesKey === undefined ? cite : { ...cite, valuesKey };
}
