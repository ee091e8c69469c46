import type { ObjectRef } from '../../k8s/kube-object.js';
import type { PortColumn, RuleCite } from '../model.js';

/** Words shared by the Markdown and Mermaid views. */

export function describeObject(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function describeRule(rule: RuleCite): string {
  return `${describeObject(rule.object)} \`${rule.path}\`${rule.name ? ` "${rule.name}"` : ''}${rule.valuesKey ? ` ← \`${rule.valuesKey}\`` : ''}`;
}

export function portText(column: Pick<PortColumn, 'port' | 'protocol' | 'name' | 'other'>): string {
  if (column.other) return 'any other port';
  return `${column.port}/${column.protocol}${column.name ? ` ${column.name}` : ''}`;
}

/** Markdown table cells hold no `|` and no line break. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
