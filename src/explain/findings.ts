import { describeRef, identityOf, refOf, type KubeObject } from '../k8s/kube-object.js';
import { selectingNetworkPolicies } from '../traffic/network-policy.js';
import type { Cluster, Evaluator, Flow } from '../traffic/model.js';
import type { JudgedFlow } from './matrix.js';
import type { Finding, FindingKind, PortColumn, Severity } from './model.js';
import type { ReadPolicy, ReadRule } from './readers/reader.js';
import type { Subject } from './world.js';

/**
 * Findings, ranked by severity: what a reviewer should look at first. Each is read off the matrix, or
 * found by judging the same flows again with one policy (or one rule) taken out or kept alone.
 */

const SEVERITY: Readonly<Record<FindingKind, Severity>> = {
  'open-to-every-pod': 'high',
  'cilium-empty-rule': 'high',
  'cilium-empty-section': 'high',
  'egress-without-apiserver': 'high',
  'default-deny-cuts-off-neighbours': 'medium',
  'baseline-overridden': 'medium',
  'apiserver-443-only': 'low',
  'rule-never-matches': 'low',
};
const ORDER: readonly Severity[] = ['high', 'medium', 'low'];
const KINDS = Object.keys(SEVERITY) as FindingKind[];

export interface FindingsInput {
  flows: readonly JudgedFlow[];
  subjects: readonly Subject[];
  policies: readonly ReadPolicy[];
  /** The objects the engine enforces (policies, and what they refer to: Calico tiers, Cilium CIDR groups). */
  objects: readonly KubeObject[];
  cluster: Cluster;
  evaluate: Evaluator;
  /** Workloads of each namespace other than the protected ones: the neighbours a default-deny cuts off, by name. */
  neighbours: ReadonlyMap<string, string[]>;
}

export function findings(input: FindingsInput): Finding[] {
  const all = [...openToEveryPod(input), ...ciliumEmpty(input), ...apiserver(input), ...cutOff(input), ...baselineOverridden(input), ...neverMatches(input)];
  const rank = (f: Finding) => ORDER.indexOf(f.severity) * 100 + KINDS.indexOf(f.kind);
  return all.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

const finding = (kind: FindingKind, subject: string, message: string, where: { object?: KubeObject; path?: string } = {}): Finding => ({
  severity: SEVERITY[kind],
  kind,
  subject,
  message,
  ...(where.object ? { object: refOf(where.object) } : {}),
  ...(where.path ? { path: where.path } : {}),
});

const portLabel = (c: PortColumn): string => (c.other ? 'any other port' : `${c.port}/${c.protocol}${c.name ? ` (${c.name})` : ''}`);

function openToEveryPod({ flows }: FindingsInput): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, JudgedFlow[]>();
  for (const f of flows) {
    if (f.direction !== 'ingress' || f.subject.kind !== 'workload' || f.peer.endpoint.kind !== 'pod') continue;
    const key = `${f.subject.id}\n${f.column.port}/${f.column.protocol}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    // the workload's own ingress lets every pod in (whether their own egress lets them out is theirs to say)
    if (!group.every((f) => f.own.allowed)) continue;
    const rule = group.find((f) => f.peer.class === 'other-namespace')?.own.rule;
    const by = rule ? `: ${describeRef(rule.object)} ${rule.path}${rule.valuesKey ? ` (${rule.valuesKey})` : ''} allows it` : ': no policy restricts it';
    const { port, protocol, other } = first.column;
    out.push({
      ...finding('open-to-every-pod', first.subject.id, `${portLabel(first.column)} of ${first.subject.label} is open to every pod, in every namespace${by}`),
      ...(rule ? { object: rule.object, path: rule.path } : {}),
      port: { port, protocol, ...(other ? { other } : {}) },
    });
  }
  return out;
}

function ciliumEmpty({ policies }: FindingsInput): Finding[] {
  return policies.flatMap((p) => [
    ...p.rules
      .filter((r) => r.empty)
      .map((r) =>
        finding(
          'cilium-empty-rule',
          '',
          `${describeRef(refOf(p.object))} ${r.path} is an empty rule: Cilium's older policy engine reads it as allowing nothing, the newer one as allowing every peer on every port (pkg/policy/utils/parserules.go); the matrix took the wider reading`,
          { object: p.object, path: r.path },
        ),
      ),
    ...(p.emptySections ?? []).map((direction) =>
      finding(
        'cilium-empty-section',
        '',
        `${describeRef(refOf(p.object))} spec.${direction} is an empty list, which Cilium reads as absent: this policy restricts no ${direction} (write a rule naming the entity none to deny everything)`,
        { object: p.object, path: `spec.${direction}` },
      ),
    ),
  ]);
}

function apiserver({ flows, subjects }: FindingsInput): Finding[] {
  return subjects
    .filter((s) => s.kind === 'workload')
    .flatMap((subject) => {
      const egress = flows.filter((f) => f.subject === subject && f.direction === 'egress');
      const restricted = egress.some((f) => !f.verdict.allowed);
      const onNode = egress.find((f) => f.peer.id === 'kube-apiserver' && f.column.port === 6443 && f.column.protocol === 'TCP');
      const managed = egress.find((f) => f.peer.id === 'kube-apiserver-managed' && f.column.port === 443 && f.column.protocol === 'TCP');
      if (!restricted || !onNode || !managed || onNode.verdict.allowed) return [];
      if (managed.verdict.allowed) {
        return [finding('apiserver-443-only', subject.id, `${subject.label} reaches the kube-apiserver on TCP 443 only: every engine matches after the Service's translation, and the endpoints listen on 6443 on kubeadm, k3s, kubespray and OpenShift`)];
      }
      return [finding('egress-without-apiserver', subject.id, `${subject.label} has restricted egress and no way to the kube-apiserver (TCP 6443 on a control-plane node, 443 managed): the controller is cut off from the cluster`)];
    });
}

/** Judges the flows again on other objects: which verdicts flip. */
function reJudge(input: FindingsInput, objects: readonly KubeObject[], flows: readonly JudgedFlow[]): JudgedFlow[] {
  return flows.filter((f) => input.evaluate(objects, input.cluster, f.flow).allowed !== f.verdict.allowed);
}

function cutOff(input: FindingsInput): Finding[] {
  const out: Finding[] = [];
  for (const subject of input.subjects.filter((s) => s.kind === 'neighbours')) {
    const denied = input.flows.filter((f) => f.subject === subject && !f.verdict.allowed);
    if (denied.length === 0) continue;
    for (const policy of input.policies.filter((p) => p.namespace === undefined || p.namespace === subject.pod.namespace)) {
      const without = input.objects.filter((o) => o !== policy.object);
      const freed = reJudge(input, without, denied);
      if (freed.length === 0) continue;
      const names = input.neighbours.get(subject.pod.namespace) ?? [];
      const who = names.length > 0 ? ` (${names.slice(0, 5).join(', ')}${names.length > 5 ? `, and ${names.length - 5} more` : ''})` : '';
      const sample = freed.slice(0, 3).map((f) => (f.direction === 'ingress' ? `${f.peer.label} → ${portLabel(f.column)}` : `→ ${f.peer.label} ${portLabel(f.column)}`));
      out.push(
        finding(
          'default-deny-cuts-off-neighbours',
          subject.id,
          `${describeRef(refOf(policy.object))} cuts off the other pods of ${subject.pod.namespace}${who}: ${freed.length} flow${freed.length === 1 ? '' : 's'} that nothing else denies (${sample.join('; ')}${freed.length > 3 ? '; …' : ''}); they need policies of their own`,
          { object: policy.object },
        ),
      );
    }
  }
  return out;
}

function baselineOverridden(input: FindingsInput): Finding[] {
  const baselines = input.policies.filter((p) => p.tier === 'Baseline');
  if (baselines.length === 0) return [];
  const out: Finding[] = [];
  for (const subject of input.subjects.filter((s) => s.kind === 'workload')) {
    for (const direction of ['ingress', 'egress'] as const) {
      const developer = selectingNetworkPolicies(input.objects, subject.pod, direction === 'ingress' ? 'Ingress' : 'Egress');
      if (developer.length === 0) continue;
      const flows = input.flows.filter((f) => f.subject === subject && f.direction === direction);
      const others = input.objects.filter((o) => !developer.includes(o));
      for (const baseline of baselines) {
        if (!applies(input, baseline.object, flows.map((f) => f.flow), direction)) continue;
        const differ = reJudge(input, others, flows);
        out.push(
          finding(
            'baseline-overridden',
            subject.id,
            `${developer.map((o) => describeRef(refOf(o))).join(', ')} selects ${subject.label} for ${direction}: the NetworkPolicy tier decides before the Baseline tier, so the ${direction} rules of ${describeRef(refOf(baseline.object))} do not apply to it (${differ.length} flow${differ.length === 1 ? '' : 's'} decided differently)`,
            { object: baseline.object },
          ),
        );
      }
    }
  }
  return out;
}

/** Paths of `rule` once it is alone in its list. */
function isolated(policy: ReadPolicy, rule: ReadRule): { object: KubeObject; path: string } {
  const object = structuredClone(policy.object);
  for (const other of policy.rules) setList(object, other.list, []);
  setList(object, rule.list, [structuredClone(listAt(policy.object, rule.list)[rule.index])]);
  return { object, path: `${rule.path.slice(0, rule.path.lastIndexOf('['))}[0]` };
}

function listAt(object: unknown, keys: readonly (string | number)[]): unknown[] {
  let current: unknown = object;
  for (const key of keys) current = typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined;
  return Array.isArray(current) ? current : [];
}

function setList(object: unknown, keys: readonly (string | number)[], value: unknown[]): void {
  let current: unknown = object;
  for (const key of keys.slice(0, -1)) current = typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined;
  const last = keys.at(-1);
  if (typeof current === 'object' && current !== null && last !== undefined) (current as Record<string | number, unknown>)[last] = value;
}

/** The objects that are no policy but that policies refer to (Calico tiers, Cilium CIDR groups). */
function supportOf(input: FindingsInput): KubeObject[] {
  const policyObjects = new Set(input.policies.map((p) => p.object));
  return input.objects.filter((o) => !policyObjects.has(o));
}

function sideOf(input: FindingsInput, objects: readonly KubeObject[], flow: Flow, direction: 'ingress' | 'egress') {
  const verdict = input.evaluate(objects, input.cluster, flow);
  return direction === 'ingress' ? verdict.ingress : verdict.egress;
}

/** Whether a policy, alone, changes the verdict of one of the flows in a direction: it selects a pod they police. */
function applies(input: FindingsInput, policy: KubeObject, flows: readonly Flow[], direction: 'ingress' | 'egress'): boolean {
  const support = supportOf(input);
  return flows.some((flow) => JSON.stringify(sideOf(input, [...support, policy], flow, direction)) !== JSON.stringify(sideOf(input, support, flow, direction)));
}

function neverMatches(input: FindingsInput): Finding[] {
  const support = supportOf(input);
  const out: Finding[] = [];
  for (const policy of input.policies) {
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = policy.rules.filter((r) => r.direction === direction && !r.inert && !r.empty);
      if (rules.length === 0) continue;
      const flows = input.flows.filter((f) => f.direction === direction).map((f) => f.flow);
      if (!applies(input, policy.object, flows, direction)) continue;
      for (const rule of rules) {
        const { object, path } = isolated(policy, rule);
        const ref = identityOf(refOf(object));
        const matched = flows.some((flow) => {
          const decided = sideOf(input, [...support, object], flow, direction).rule;
          return decided !== undefined && decided.path === path && identityOf(decided.object) === ref;
        });
        if (matched) continue;
        out.push(
          finding(
            'rule-never-matches',
            '',
            `${describeRef(refOf(policy.object))} ${rule.path}${rule.name ? ` "${rule.name}"` : ''} matches none of the flows of the matrix, not even those of the peers and ports it names: it can never match (a named port no container declares, a protocol or selector that cannot hold)`,
            { object: policy.object, path: rule.path },
          ),
        );
      }
    }
  }
  return out;
}
