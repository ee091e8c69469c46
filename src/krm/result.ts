import type { ObjectRef } from '../k8s/kube-object.js';

export type Severity = 'error' | 'warning' | 'info';

/** A problem with one value, at its field path: what a stage finds before it becomes a Result. */
export interface Problem {
  path: string;
  message: string;
  currentValue?: unknown;
}

/** A KRM function result (functions-spec `Result`). */
export interface Result {
  message: string;
  severity: Severity;
  resourceRef?: ObjectRef;
  field?: { path: string; currentValue?: unknown; proposedValue?: unknown };
  file?: { path: string; index?: number };
  tags?: Record<string, string>;
}

/** What every stage of the pipeline gives: its value and what it has to say (an error result means it failed). */
export interface Outcome<T> {
  value: T;
  results: Result[];
}

export function errorResult(message: string, extra: Omit<Result, 'message' | 'severity'> = {}): Result {
  return { message, severity: 'error', ...extra };
}

export function warningResult(message: string, extra: Omit<Result, 'message' | 'severity'> = {}): Result {
  return { message, severity: 'warning', ...extra };
}

export function infoResult(message: string, extra: Omit<Result, 'message' | 'severity'> = {}): Result {
  return { message, severity: 'info', ...extra };
}

export function hasErrors(results: readonly Result[]): boolean {
  return results.some((r) => r.severity === 'error');
}

/** kustomize discards results and kpt ignores severity: the exit code is what fails a pipeline. */
export function exitCodeOf(results: readonly Result[]): number {
  return hasErrors(results) ? 1 : 0;
}

/** One line per result for stderr, in kpt's own `[severity] ref field: message` shape. */
export function formatResult(result: Result): string {
  const ref = result.resourceRef;
  const where = [
    ref ? `${ref.apiVersion}/${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}` : '',
    result.field?.path ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return `[${result.severity}] ${where ? `${where}: ` : ''}${result.message}`;
}
