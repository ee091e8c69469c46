import { readFileSync } from 'node:fs';
import { FUNCTION_NAME } from '../constants.js';
import { parseDiscoverArgs } from './discover-args.js';
import { discoverUsage } from './discover-usage.js';
import { analyze } from './discovery.js';
import { dumpCommand } from './dump-command.js';
import type { Observations } from './observation.js';
import { clusterRole } from './rbac.js';
import { readCluster } from './read-cluster.js';
import { readDump } from './read-dump.js';
import { renderValues } from './render-values.js';

/** What `discover` prints and its exit code; src/main.ts writes them (the only module that touches the process). */
export interface DiscoverOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const PREFIX = `${FUNCTION_NAME} discover`;
const failure = (message: string, exitCode = 1): DiscoverOutput => ({ stdout: '', stderr: `${PREFIX}: ${message}\n`, exitCode });

/**
 * `controller-network-policy discover`: the entry point of dist/discover.cjs, a bundle of its own that
 * src/main.ts loads only for this subcommand, so the function never loads the Kubernetes client.
 */
export async function discover(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<DiscoverOutput> {
  const args = parseDiscoverArgs(argv);
  if ('usageError' in args) return failure(`${args.usageError}\n\n${discoverUsage()}`, 2);
  if (args.mode === 'help') return { stdout: discoverUsage(), stderr: '', exitCode: 0 };
  if (args.mode === 'rbac') return { stdout: clusterRole(), stderr: '', exitCode: 0 };
  if (args.mode === 'dump-command') return { stdout: dumpCommand(), stderr: '', exitCode: 0 };

  let observations: Observations;
  let source: string;
  const warnings: string[] = [];
  if (args.mode === 'dump') {
    const file = args.from!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return failure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    const read = readDump(text, file);
    if ('error' in read) return failure(read.error);
    ({ observations } = read);
    warnings.push(...read.warnings);
    source = file;
  } else {
    const read = await readCluster({ env, timeoutMs: args.timeoutMs, ...(args.kubeconfig !== undefined ? { kubeconfig: args.kubeconfig } : {}), ...(args.context !== undefined ? { context: args.context } : {}) });
    if ('error' in read) return failure(read.error);
    ({ observations, source } = read);
  }
  const discovery = analyze(observations, source);
  discovery.warnings.unshift(...warnings);
  return {
    stdout: renderValues(discovery),
    stderr: discovery.warnings.map((w) => `${PREFIX}: warning: ${w}\n`).join(''),
    exitCode: 0,
  };
}
