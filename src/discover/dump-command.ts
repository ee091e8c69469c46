import { QUERIES, qualifiedResource, type Query } from './queries.js';

/** The file the documented dump command writes, and `--from` reads. */
export const DUMP_FILE = 'cluster.yaml';

/**
 * The kubectl commands whose output `discover --from` reads: one `kubectl get` per query, each after a
 * document marker naming the query, and a line saying so when kubectl could not read it (a missing
 * permission), so that `--from` tells "not there" from "not readable" as the live mode does.
 */
export function dumpCommand(): string {
  const lines = QUERIES.map((q) => `  echo '--- # ${q.id}'; kubectl get ${kubectlArguments(q)} -o yaml || echo '# unreadable: ${q.id}'`);
  return ['{', ...lines, `} > ${DUMP_FILE}`].join('\n') + '\n';
}

function kubectlArguments(query: Query): string {
  const parts = [qualifiedResource(query)];
  if (query.name) parts.push(query.name, '--ignore-not-found');
  if (query.namespace) parts.push('-n', query.namespace);
  else if (!query.clusterScoped) parts.push('-A');
  if (query.labelSelector) parts.push('-l', query.labelSelector);
  return parts.join(' ');
}
