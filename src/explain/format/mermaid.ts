import type { Delta, Explanation, FlowChange } from '../model.js';
import { portText } from './text.js';

/**
 * A Mermaid flowchart (https://mermaid.js.org/syntax/flowchart.html) that GitHub renders in a comment:
 * one subgraph per subject, an arrow for each group of peers allowed on the same ports, labelled with
 * those ports. Every label is a quoted string with `"` written as `#quot;`, so no text can break the syntax.
 */
export function explanationMermaid(explanation: Explanation): string {
  const lines = ['flowchart LR', `  %% controller-network-policy explain, engine ${explanation.engine}: allowed flows only`];
  explanation.subjects.forEach((subject, s) => {
    const node = `s${s}`;
    lines.push(`  subgraph g${s}[${quote(subject.label)}]`, `    ${node}[${quote(subject.kind === 'workload' ? (subject.workload?.name ?? subject.label) : 'other pods')}]`, '  end');
    for (const direction of ['ingress', 'egress'] as const) {
      const block = subject[direction];
      // peers allowed on the same ports share one node, so the chart stays small
      const byPorts = new Map<string, string[]>();
      block.peers.forEach((peer, p) => {
        const allowed = block.ports.filter((_port, c) => block.flows[p * block.ports.length + c]!.allowed);
        if (allowed.length === 0) return;
        const label = allowed.length === block.ports.length ? 'every port' : allowed.map(portText).join(', ');
        byPorts.set(label, [...(byPorts.get(label) ?? []), peer.label]);
      });
      [...byPorts].forEach(([label, peers], p) => {
        const other = `${node}${direction === 'ingress' ? 'i' : 'e'}${p}`;
        lines.push(`  ${other}[${quote(peers.join('<br/>'))}]`);
        lines.push(direction === 'ingress' ? `  ${other} -->|${quote(label)}| ${node}` : `  ${node} -->|${quote(label)}| ${other}`);
      });
    }
  });
  return `${lines.join('\n')}\n`;
}

/** The delta: solid arrows for flows that became allowed (or are new), dotted ones for flows that became denied (or are gone). */
export function deltaMermaid(delta: Delta): string {
  const lines = ['flowchart LR', `  %% controller-network-policy diff, engine ${delta.engines.old} → ${delta.engines.new}: + became allowed, − became denied`];
  const subjects = [...new Set(delta.changes.map((c) => c.subject))];
  subjects.forEach((subject, s) => {
    const changes = delta.changes.filter((c) => c.subject === subject);
    const node = `s${s}`;
    lines.push(`  subgraph g${s}[${quote(changes[0]!.subjectLabel)}]`, `    ${node}[${quote(changes[0]!.subjectLabel)}]`, '  end');
    const groups = new Map<string, FlowChange[]>();
    for (const c of changes) {
      const opened = c.after === true && c.before !== true;
      const key = `${c.direction}|${c.peer}|${opened ? '+' : '-'}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    let n = 0;
    for (const [key, group] of groups) {
      const [direction, , sign] = key.split('|');
      const first = group[0]!;
      const other = `${node}p${n++}`;
      const label = `${sign === '+' ? '+' : '−'} ${group.map((c) => portText(c)).join(', ')}`;
      const arrow = sign === '+' ? '-->' : '-.->';
      lines.push(`  ${other}[${quote(first.peerLabel)}]`);
      lines.push(direction === 'ingress' ? `  ${other} ${arrow}|${quote(label)}| ${node}` : `  ${node} ${arrow}|${quote(label)}| ${other}`);
    }
  });
  if (subjects.length === 0) lines.push(`  nochange[${quote('no flow changed')}]`);
  return `${lines.join('\n')}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}
