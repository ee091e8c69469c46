/** The options of `discover`, parsed; a usage error is a message, not an exception. */
export interface DiscoverArgs {
  mode: 'cluster' | 'dump' | 'rbac' | 'dump-command' | 'help';
  kubeconfig?: string;
  context?: string;
  from?: string;
  timeoutMs: number;
}

/** kubectl's default is no timeout at all; discover must never hang. */
export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 10 * 60_000;

const VALUED = ['--kubeconfig', '--context', '--from', '--request-timeout'] as const;
const FLAGS: Record<string, DiscoverArgs['mode']> = { '--rbac': 'rbac', '--dump-command': 'dump-command', '--help': 'help', '-h': 'help' };

export function parseDiscoverArgs(argv: readonly string[]): DiscoverArgs | { usageError: string } {
  const args: DiscoverArgs = { mode: 'cluster', timeoutMs: DEFAULT_TIMEOUT_MS };
  const modes = new Set<DiscoverArgs['mode']>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = FLAGS[arg];
    if (flag) {
      modes.add(flag);
      continue;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!(VALUED as readonly string[]).includes(name)) return { usageError: `unknown argument ${JSON.stringify(arg)}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { usageError: `${name} needs a value` };
    if (name === '--kubeconfig') args.kubeconfig = value;
    else if (name === '--context') args.context = value;
    else if (name === '--from') {
      args.from = value;
      modes.add('dump');
    } else {
      const ms = durationMs(value);
      if (ms === undefined || ms <= 0 || ms > MAX_TIMEOUT_MS) return { usageError: `--request-timeout ${JSON.stringify(value)}: expected a duration up to 10m, such as 10s, 500ms or 1m (a bare number is seconds)` };
      args.timeoutMs = ms;
    }
  }
  if (modes.has('help')) return { ...args, mode: 'help' };
  if (modes.size > 1) return { usageError: `${[...modes].map((m) => (m === 'dump' ? '--from' : `--${m}`)).join(' and ')} do not go together` };
  const [mode] = modes;
  if (mode === 'dump' && (args.kubeconfig !== undefined || args.context !== undefined)) return { usageError: '--from reads a file: --kubeconfig and --context do not apply' };
  return { ...args, mode: mode ?? 'cluster' };
}

/** kubectl's --request-timeout syntax: `10s`, `500ms`, `1m`, `1m30s`, or a bare number of seconds. */
function durationMs(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}
