import { allDialects, DIALECTS, type Engine } from '../dialects/index.js';
import { addressIn, parseCidr, hostCidr } from '../k8s/cidr.js';
import { describeRef, groupOf, refOf, type KubeObject, type ObjectRef } from '../k8s/kube-object.js';
import type { LabelSelector } from '../k8s/label-selector.js';
import { WORKLOAD_KINDS } from '../workloads/workload-kinds.js';
import { engineOf, policyObjects } from './engine-of.js';
import { findings } from './findings.js';
import { buildMatrix } from './matrix.js';
import { FORMAT_VERSION, type Explanation } from './model.js';
import { indexRules } from './origins.js';
import { readPolicies } from './readers/index.js';
import type { ReadPolicy } from './readers/reader.js';
import { findSubjects } from './subjects.js';
import { buildWorld, type Subject, type World } from './world.js';

export interface ExplainOptions {
  /** The engine that judges; detected from the policies' kinds when not given. */
  engine?: string;
  /** Which workloads are protected: the controller's pod-template labels by default. */
  selector: LabelSelector;
  /** The namespace of objects that have none (as `kubectl apply -n`); `default` otherwise. */
  namespace?: string;
  /** Only workloads of this namespace (the function's `target.namespace`). */
  only?: string;
  /** The kube-apiserver's address; else the address an egress rule opens on 443/6443. */
  apiserver?: string;
  /** `diff`: one side may hold no controller workload (it is added or removed), so that is a note, not an error. */
  noneIsNote?: boolean;
}

export type ExplainOutcome = { explanation: Explanation; error?: undefined } | { explanation?: undefined; error: string };

/** Policy kinds that live in a namespace (the registry's namespaced dialects; NetworkPolicy is Calico's kind name too). */
const NAMESPACED = new Set([...Object.keys(WORKLOAD_KINDS), ...allDialects().filter((d) => !d.clusterScoped).map((d) => d.kind)]);

/** One input, read for judging: its objects (namespaces defaulted), engine, subjects and policies. */
export interface Prepared {
  objects: KubeObject[];
  engine: Engine;
  subjects: Subject[];
  /** The objects the engine's evaluator reads: the dialects' API groups. */
  enforced: KubeObject[];
  policies: ReadPolicy[];
  /** Workloads the selector matches (shown or not): the others are the neighbours. */
  matched: ObjectRef[];
  notes: string[];
}

export type PrepareOutcome = { prepared: Prepared; error?: undefined } | { prepared?: undefined; error: string };

export function prepare(input: readonly KubeObject[], options: ExplainOptions, name: string): PrepareOutcome {
  const objects = input.map((o) => (o.metadata.namespace || !NAMESPACED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: options.namespace ?? 'default' } }));
  const chosen = engineOf(objects, options.engine, name);
  if (chosen.error !== undefined) return { error: chosen.error };
  const found = findSubjects(objects, options.selector, options.only);
  if (found.none !== undefined && !options.noneIsNote) return { error: `${name}: ${found.none}` };
  const notes = [...found.notes, ...(found.none !== undefined ? [`${name}: ${found.none}`] : [])];
  const enforced = policyObjects(objects);
  const foreign = foreignPolicies(enforced, chosen.engine);
  if (foreign.length > 0) notes.push(`${foreign.length} object${foreign.length === 1 ? '' : 's'} of other engines' APIs not judged, as the ${chosen.engine} engine does not enforce them: ${foreign.slice(0, 5).map((o) => `${o.apiVersion} ${describeRef(refOf(o))}`).join(', ')}${foreign.length > 5 ? ', …' : ''}`);
  return { prepared: { objects, engine: chosen.engine, subjects: found.subjects, enforced, policies: readPolicies(enforced, chosen.engine), matched: found.matched, notes } };
}

/** The synthetic cluster for one or more prepared inputs: the same peers and ports for all, so their matrices compare. */
export function worldFor(all: readonly Prepared[], given: string | undefined): { world: World; apiserver: { address: string; source: string }; error?: undefined } | { error: string } {
  const policies = all.flatMap((p) => p.policies);
  const apiserver = apiserverAddress(policies, given);
  if (apiserver.error !== undefined) return { error: apiserver.error };
  const subjects = [...new Map(all.flatMap((p) => p.subjects).map((s) => [s.id, s])).values()];
  const namespaces = all.flatMap((p) => p.objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace'));
  return { world: buildWorld({ subjects, policies, namespaces, apiserver: apiserver.address }), apiserver };
}

/** The matrix and findings of one prepared input in a world. */
export function judge(prepared: Prepared, world: World, apiserver: { address: string; source: string }): Explanation {
  const { evaluate } = DIALECTS[prepared.engine];
  const matrix = buildMatrix(prepared.subjects, world, prepared.enforced, evaluate, indexRules(prepared.enforced, prepared.policies));
  const neighbours = new Map<string, string[]>();
  const shown = new Set(prepared.matched.map(describeRef));
  for (const object of prepared.objects) {
    const ns = object.metadata.namespace;
    if (ns === undefined || !(object.kind in WORKLOAD_KINDS) || shown.has(describeRef(refOf(object)))) continue;
    neighbours.set(ns, [...(neighbours.get(ns) ?? []), describeRef(refOf(object))]);
  }
  const found = findings({ flows: matrix.flows, subjects: prepared.subjects, policies: prepared.policies, objects: prepared.enforced, cluster: world.cluster, evaluate, neighbours });
  return { kind: 'TrafficMatrix', version: FORMAT_VERSION, engine: prepared.engine, apiserver, subjects: matrix.subjects, findings: found, notes: prepared.notes };
}

/** The traffic matrix of every protected workload in `input`, judged by one engine, with its findings. */
export function explain(input: readonly KubeObject[], options: ExplainOptions, name = 'the input'): ExplainOutcome {
  const read = prepare(input, options, name);
  if (read.error !== undefined) return { error: read.error };
  const made = worldFor([read.prepared], options.apiserver);
  if (made.error !== undefined) return { error: made.error };
  return { explanation: judge(read.prepared, made.world, made.apiserver) };
}

/** Objects of another dialect's API group (NetworkPolicy, which every engine enforces, aside). */
function foreignPolicies(objects: readonly KubeObject[], engine: Engine): KubeObject[] {
  const own = new Set([groupOf(DIALECTS[engine].apiVersion), groupOf(DIALECTS.kubernetes.apiVersion)]);
  return objects.filter((o) => !own.has(groupOf(o.apiVersion)));
}

const APISERVER_PORTS = [443, 6443];
const FALLBACK_APISERVER = '10.0.0.1';

/**
 * Where the kube-apiserver is: the address given, else the single address an egress rule opens on TCP
 * 443 or 6443 (or on every port), which is how every engine but Cilium reaches it; else an address
 * no rule names, so that no rule reaches it by accident.
 */
function apiserverAddress(policies: readonly ReadPolicy[], given: string | undefined): { address: string; source: string; error?: undefined } | { error: string } {
  if (given !== undefined) {
    const single = parseCidr(hostCidr(given));
    if (typeof single === 'string') return { error: `--apiserver ${JSON.stringify(given)} is not an IP address` };
    return { address: given, source: '--apiserver' };
  }
  for (const policy of policies) {
    for (const rule of policy.rules) {
      if (rule.direction !== 'egress') continue;
      const opens = rule.ports.length === 0 || rule.ports.some((p) => 'port' in p && p.protocol === 'TCP' && APISERVER_PORTS.includes(p.port));
      if (!opens) continue;
      for (const peer of rule.peers) {
        if (peer.kind !== 'cidr') continue;
        const cidr = parseCidr(peer.cidr);
        if (typeof cidr === 'string' || cidr.prefix !== (cidr.family === 4 ? 32 : 128)) continue;
        const address = addressIn(peer.cidr);
        if (address) return { address, source: `${describeRef(refOf(policy.object))} ${rule.path}` };
      }
    }
  }
  return { address: FALLBACK_APISERVER, source: 'assumed, as no egress rule names a single address on TCP 443 or 6443; set it with --apiserver' };
}
