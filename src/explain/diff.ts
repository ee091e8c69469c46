import type { Delta, DirectionMatrix, Explanation, Finding, FlowChange, SubjectMatrix } from './model.js';
import { FORMAT_VERSION } from './model.js';

interface Keyed {
  subject: SubjectMatrix;
  direction: 'ingress' | 'egress';
  block: DirectionMatrix;
  index: number;
}

/**
 * The connectivity delta between two matrices judged in the same world (the same peers and ports): a flow
 * whose verdict changed, or that exists on one side only because its subject does. A flow that became
 * allowed, or a new subject's allowed flow, widens.
 */
export function diffExplanations(before: Explanation, after: Explanation): Delta {
  const old = flowsByKey(before);
  const now = flowsByKey(after);
  const changes: FlowChange[] = [];
  for (const [key, b] of now) {
    const a = old.get(key);
    const flow = b.block.flows[b.index]!;
    const previous = a?.block.flows[a.index];
    if (previous && previous.allowed === flow.allowed) continue;
    changes.push({ ...change(b, previous === undefined ? 'added' : flow.allowed ? 'allowed' : 'denied', previous?.allowed, flow.allowed, previous?.rule, flow.rule), reason: flow.allowed ? (previous?.reason ?? flow.reason) : flow.reason });
  }
  for (const [key, a] of old) {
    if (now.has(key)) continue;
    const flow = a.block.flows[a.index]!;
    changes.push({ ...change(a, 'removed', flow.allowed, undefined, flow.rule, undefined), reason: flow.reason });
  }
  // The same finding on both sides, even when its counts or the rule behind it differ.
  const findingKey = (f: Finding) =>
    f.port ? `${f.kind}|${f.subject}|${f.port.port}/${f.port.protocol}` : `${f.kind}|${f.subject}|${f.object ? `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}` : ''}|${f.path ?? ''}`;
  const oldFindings = new Set(before.findings.map(findingKey));
  const newFindings = new Set(after.findings.map(findingKey));
  return {
    kind: 'TrafficDiff',
    version: FORMAT_VERSION,
    engines: { old: before.engine, new: after.engine },
    subjects: [...new Map([...before.subjects, ...after.subjects].map((s) => [s.id, { id: s.id, label: s.label, ingressPorts: s.ingress.ports, egressPorts: s.egress.ports }])).values()],
    changes,
    widened: changes.some((c) => c.after === true && c.before !== true),
    findings: { added: after.findings.filter((f) => !oldFindings.has(findingKey(f))), resolved: before.findings.filter((f) => !newFindings.has(findingKey(f))) },
    notes: [...new Set([...before.notes, ...after.notes])],
  };
}

function flowsByKey(explanation: Explanation): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  for (const subject of explanation.subjects) {
    for (const direction of ['ingress', 'egress'] as const) {
      const block = subject[direction];
      block.flows.forEach((flow, index) => out.set(`${subject.id}|${direction}|${flow.peer}|${flow.port}/${flow.protocol}`, { subject, direction, block, index }));
    }
  }
  return out;
}

function change(at: Keyed, kind: FlowChange['change'], before: boolean | undefined, after: boolean | undefined, beforeRule: FlowChange['beforeRule'], afterRule: FlowChange['afterRule']): FlowChange {
  const flow = at.block.flows[at.index]!;
  const peer = at.block.peers.find((p) => p.id === flow.peer);
  const column = at.block.ports.find((p) => p.port === flow.port && p.protocol === flow.protocol);
  return {
    subject: at.subject.id,
    subjectLabel: at.subject.label,
    direction: at.direction,
    peer: flow.peer,
    peerLabel: peer?.label ?? flow.peer,
    port: flow.port,
    protocol: flow.protocol,
    ...(column?.name ? { name: column.name } : {}),
    ...(column?.other ? { other: true as const } : {}),
    change: kind,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(beforeRule ? { beforeRule } : {}),
    ...(afterRule ? { afterRule } : {}),
  };
}
