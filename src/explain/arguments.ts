import { parseSelectorString, type LabelSelector } from '../k8s/label-selector.js';

export type Format = 'markdown' | 'mermaid' | 'json';
const FORMATS: readonly Format[] = ['markdown', 'mermaid', 'json'];

/** The controller's pods, as the function finds them by default (target.selector). */
export const DEFAULT_SELECTOR: LabelSelector = { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } };

export interface Command {
  command: 'explain' | 'diff';
  format: Format;
  engine?: string;
  selector: LabelSelector;
  namespace?: string;
  apiserver?: string;
  failOnWidening: boolean;
  /** Files to read, `-` for stdin: one for explain, two for diff. */
  inputs: string[];
}

export type Parsed = { command: Command; error?: undefined } | { command?: undefined; error: string };

const VALUED = ['--format', '--engine', '--selector', '--namespace', '--apiserver'] as const;

/** `explain [options] [FILE|-]` and `diff [options] OLD NEW`; options as `--name value` or `--name=value`. */
export function parseArguments(argv: readonly string[]): Parsed {
  const [name, ...rest] = argv;
  if (name !== 'explain' && name !== 'diff') return { error: `unknown command ${JSON.stringify(name)}` };
  const values: Partial<Record<(typeof VALUED)[number], string>> = {};
  const inputs: string[] = [];
  let failOnWidening = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '-' || !arg.startsWith('-')) {
      inputs.push(arg);
      continue;
    }
    if (arg === '--fail-on-widening' && name === 'diff') {
      failOnWidening = true;
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const known = VALUED.find((v) => v === flag);
    if (!known) return { error: `${name}: unknown option ${JSON.stringify(arg)}` };
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') return { error: `${name}: ${known} needs a value` };
    values[known] = value;
  }
  const format = (values['--format'] ?? 'markdown') as Format;
  if (!FORMATS.includes(format)) return { error: `${name}: --format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(values['--format'])}` };
  let selector = DEFAULT_SELECTOR;
  if (values['--selector'] !== undefined) {
    const parsed = parseSelectorString(values['--selector']);
    if (typeof parsed === 'string') return { error: `${name}: --selector: ${parsed}` };
    selector = parsed;
  }
  if (name === 'explain' && inputs.length > 1) return { error: `explain reads one input (a file, or - for stdin), not ${inputs.length}` };
  if (name === 'diff' && inputs.length !== 2) return { error: `diff compares two inputs, OLD and NEW (files, or - for stdin), not ${inputs.length}` };
  if (name === 'diff' && inputs[0] === '-' && inputs[1] === '-') return { error: 'diff: only one of OLD and NEW can be stdin (-)' };
  return {
    command: {
      command: name,
      format,
      ...(values['--engine'] !== undefined ? { engine: values['--engine'] } : {}),
      selector,
      ...(values['--namespace'] !== undefined ? { namespace: values['--namespace'] } : {}),
      ...(values['--apiserver'] !== undefined ? { apiserver: values['--apiserver'] } : {}),
      failOnWidening,
      inputs: name === 'explain' && inputs.length === 0 ? ['-'] : inputs,
    },
  };
}
