import type { KubeObject } from '../k8s/kube-object.js';
import type { DirectionVerdict, Evaluator, Flow, Verdict } from '../traffic/model.js';
import type { DirectionMatrix, FlowVerdict, PortColumn, RuleCite, SubjectMatrix } from './model.js';
import { citeRule, type RuleIndex } from './origins.js';
import type { Peer, Subject, World } from './world.js';

/** One evaluated flow with the endpoints behind it, kept for the findings. */
export interface JudgedFlow {
  subject: Subject;
  direction: 'ingress' | 'egress';
  peer: Peer;
  column: PortColumn;
  flow: Flow;
  verdict: FlowVerdict;
  /** The verdict at the subject's own side alone (its ingress, or its egress), and the rule that decided there. */
  own: { allowed: boolean; rule?: RuleCite };
}

export interface Matrix {
  subjects: SubjectMatrix[];
  flows: JudgedFlow[];
}

/** The flow between a subject and a peer on one port column, in the direction of the block. */
export function flowOf(subject: Subject, direction: 'ingress' | 'egress', peer: Peer, column: PortColumn): Flow {
  return direction === 'ingress'
    ? { from: peer.endpoint, to: subject.pod, port: column.port, protocol: column.protocol }
    : { from: subject.pod, to: peer.endpoint, port: column.port, protocol: column.protocol };
}

/** Every subject × direction × peer × port, judged by the engine's evaluator on the input's objects. */
export function buildMatrix(subjects: readonly Subject[], world: World, objects: readonly KubeObject[], evaluate: Evaluator, rules: RuleIndex): Matrix {
  const flows: JudgedFlow[] = [];
  const matrices = subjects.map((subject): SubjectMatrix => {
    const block = (direction: 'ingress' | 'egress'): DirectionMatrix => {
      const peers = direction === 'ingress' ? world.ingressPeers(subject) : world.egressPeers(subject);
      const ports = direction === 'ingress' ? world.ingressPorts(subject) : world.egressPorts(subject);
      const verdicts: FlowVerdict[] = [];
      for (const peer of peers) {
        for (const column of ports) {
          const flow = flowOf(subject, direction, peer, column);
          const judged = evaluate(objects, world.cluster, flow);
          const verdict = judge(judged, direction, peer.id, column, rules);
          verdicts.push(verdict);
          const own = direction === 'ingress' ? judged.ingress : judged.egress;
          flows.push({ subject, direction, peer, column, flow, verdict, own: { allowed: own.allowed, ...(own.rule ? { rule: citeRule(own.rule, rules, column, direction) } : {}) } });
        }
      }
      return { peers: peers.map(({ id, label, class: klass }) => ({ id, label, class: klass })), ports, flows: verdicts };
    };
    return {
      id: subject.id,
      kind: subject.kind,
      label: subject.label,
      namespace: subject.pod.namespace,
      ...(subject.workload ? { workload: subject.workload } : {}),
      ingress: block('ingress'),
      egress: block('egress'),
    };
  });
  return { subjects: matrices, flows };
}

/** The subject's side decides what is shown, unless the peer's own policy denied the flow. */
function judge(verdict: Verdict, direction: 'ingress' | 'egress', peer: string, column: PortColumn, rules: RuleIndex): FlowVerdict {
  const own: DirectionVerdict = direction === 'ingress' ? verdict.ingress : verdict.egress;
  const other: DirectionVerdict = direction === 'ingress' ? verdict.egress : verdict.ingress;
  const atPeer = own.allowed && !other.allowed;
  const deciding = atPeer ? other : own;
  return {
    peer,
    port: column.port,
    protocol: column.protocol,
    allowed: verdict.allowed,
    ...(deciding.rule ? { rule: citeRule(deciding.rule, rules, column, direction) } : {}),
    reason: atPeer ? `${deciding.reason} (${direction === 'ingress' ? 'egress of the peer' : 'ingress at the peer'})` : deciding.reason,
    ...(verdict.ambiguities.length > 0 ? { ambiguities: verdict.ambiguities } : {}),
  };
}
