import type { Delta, DirectionMatrix, Explanation, Finding, FlowChange, FlowVerdict, SubjectMatrix } from '../model.js';
import { cell, describeRule, portText } from './text.js';

/**
 * The reviewer's view: per subject, a table per direction (peers × ports, ✅ allowed, ❌ denied, the
 * number of the rule that decided), the rules behind the numbers, then the findings, most severe first.
 */
export function explanationMarkdown(explanation: Explanation): string {
  const lines = [`## Traffic matrix (engine: \`${explanation.engine}\`)`, '', `kube-apiserver at \`${explanation.apiserver.address}\` (${explanation.apiserver.source}).`, ''];
  for (const subject of explanation.subjects) lines.push(...subjectSection(subject));
  lines.push(...findingsSection('Findings', explanation.findings, 'No findings.'));
  lines.push(...notesSection(explanation.notes));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function subjectSection(subject: SubjectMatrix): string[] {
  const rules: string[] = [];
  const numberOf = (flow: FlowVerdict): string => {
    if (!flow.rule) return '';
    const text = describeRule(flow.rule);
    let n = rules.indexOf(text);
    if (n < 0) n = rules.push(text) - 1;
    return ` ${n + 1}`;
  };
  const title = subject.kind === 'workload' ? subject.label : `${subject.label} (pods no policy names)`;
  const lines = [`### ${title}`, '', '**Ingress**: who reaches it', '', ...table(subject.ingress, 'from', numberOf), '', '**Egress**: what it reaches', '', ...table(subject.egress, 'to', numberOf), ''];
  const unrestricted = [...subject.ingress.flows, ...subject.egress.flows].some((f) => f.allowed && !f.rule);
  if (rules.length > 0 || unrestricted) {
    lines.push('Decided by:', '');
    rules.forEach((rule, i) => lines.push(`${i + 1}. ${rule}`));
    if (unrestricted) lines.push(`${rules.length > 0 ? '\n' : ''}✅ without a number: no policy restricts that direction (or the engine does not police that peer).`);
    lines.push('');
  }
  return lines;
}

function table(block: DirectionMatrix, head: string, numberOf: (flow: FlowVerdict) => string): string[] {
  const header = `| ${head} | ${block.ports.map((p) => cell(portText(p))).join(' | ')} |`;
  const rule = `|---|${block.ports.map(() => ':-:').join('|')}|`;
  const rows = block.peers.map((peer, i) => {
    const cells = block.flows.slice(i * block.ports.length, (i + 1) * block.ports.length).map((f) => `${f.allowed ? '✅' : '❌'}${numberOf(f)}${f.ambiguities ? '?' : ''}`);
    return `| ${cell(peer.label)} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows];
}

function findingsSection(title: string, findings: readonly Finding[], none: string): string[] {
  if (findings.length === 0) return [`### ${title}`, '', none, ''];
  return [`### ${title}`, '', ...findings.map((f) => `- **${f.severity}** \`${f.kind}\`: ${f.message}`), ''];
}

function notesSection(notes: readonly string[]): string[] {
  return notes.length === 0 ? [] : ['### Notes', '', ...notes.map((n) => `- ${n}`), ''];
}

/** The delta as a reviewer reads it: one table of changed flows per subject, then the findings that came or went. */
export function deltaMarkdown(delta: Delta): string {
  const allowed = delta.changes.filter((c) => c.after === true && c.before !== true).length;
  const denied = delta.changes.filter((c) => c.before === true && c.after !== true).length;
  const engines = delta.engines.old === delta.engines.new ? `\`${delta.engines.new}\`` : `\`${delta.engines.old}\` → \`${delta.engines.new}\``;
  const lines = [`## Connectivity changes (engine: ${engines})`, ''];
  if (delta.changes.length === 0) lines.push('No flow changed.', '');
  else lines.push(`${allowed > 0 ? `**${allowed} flow${allowed === 1 ? '' : 's'} became allowed**` : 'No flow became allowed'}; ${denied} became denied.`, '');
  const subjects = [...new Set(delta.changes.map((c) => c.subject))];
  for (const subject of subjects) {
    const changes = delta.changes.filter((c) => c.subject === subject);
    lines.push(`### ${changes[0]!.subjectLabel}`, '', '| | peer | ports | before | after | decided by (after) |', '|---|---|---|:-:|:-:|---|');
    // one row per peer, verdicts and rule: the ports that changed alike go together
    const rows = new Map<string, FlowChange[]>();
    for (const c of changes) {
      const key = [c.direction, c.peer, c.before, c.after, c.afterRule ? describeRule(c.afterRule) : '', c.after === false ? c.reason : ''].join('|');
      rows.set(key, [...(rows.get(key) ?? []), c]);
    }
    const columns = delta.subjects.find((s) => s.id === subject);
    for (const group of rows.values()) lines.push(row(group, (group[0]!.direction === 'ingress' ? columns?.ingressPorts : columns?.egressPorts)?.length ?? 0));
    lines.push('');
  }
  lines.push(...findingsSection('New findings', delta.findings.added, 'None.'), ...findingsSection('Resolved findings', delta.findings.resolved, 'None.'));
  lines.push(...notesSection(delta.notes));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

const mark = (value: boolean | undefined) => (value === undefined ? '—' : value ? '✅' : '❌');

function row(group: readonly FlowChange[], columns: number): string {
  const c = group[0]!;
  const arrow = c.direction === 'ingress' ? 'ingress from' : 'egress to';
  const rule = c.afterRule ? describeRule(c.afterRule) : c.after === true ? 'no policy restricts it' : c.after === false ? (c.reason ?? '') : '';
  const ports = group.length === columns ? 'every port' : group.map(portText).join(', ');
  return `| ${arrow} | ${cell(c.peerLabel)} | ${cell(ports)} | ${mark(c.before)} | ${mark(c.after)} | ${cell(rule)} |`;
}

