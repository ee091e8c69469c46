import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { asKubeObject, groupOf, isRecord, type KubeObject } from '../k8s/kube-object.js';
import { parseSelectorString, selectorMatches } from '../k8s/label-selector.js';
import { DUMP_FILE } from './dump-command.js';
import type { Observation, Observations } from './observation.js';
import { QUERIES, type Query, type QueryId } from './queries.js';

export type DumpRead = { observations: Observations; warnings: string[] } | { error: string };

const READ_MARKER = /^--- # ([a-z0-9-]+)\s*$/gm;
const UNREADABLE_MARKER = /^# unreadable: ([a-z0-9-]+)\s*$/gm;

/**
 * `discover --from`: the queries answered from a dump (the YAML stream of `discover --dump-command`,
 * or any `kubectl get -o yaml` output holding the objects). A query the dump marks unreadable is
 * unreadable, as a 403 is in the live mode; a query it does not mark at all is answered from the
 * objects it holds, with a warning that absence there may only mean it was not dumped.
 */
export function readDump(text: string, file: string): DumpRead {
  let documents: unknown[];
  try {
    documents = loadAll(text, undefined, { schema: CORE_SCHEMA });
  } catch (error) {
    return { error: `${file} is not YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  const objects = documents.flatMap(objectsIn);
  if (!objects.length) return { error: `${file} holds no Kubernetes object: write it with the commands \`discover --dump-command\` prints` };
  const marked = new Set([...text.matchAll(READ_MARKER)].map((m) => m[1]));
  const unreadable = new Set([...text.matchAll(UNREADABLE_MARKER)].map((m) => m[1]));
  const observations = new Map<QueryId, Observation>();
  const unmarked: string[] = [];
  for (const query of QUERIES) {
    if (unreadable.has(query.id)) {
      observations.set(query.id, { readable: false, reason: `kubectl could not read it when ${file} was written` });
      continue;
    }
    if (!marked.has(query.id)) unmarked.push(query.id);
    observations.set(query.id, { readable: true, objects: objects.filter((o) => answers(query, o)) });
  }
  const warnings = unmarked.length && marked.size
    ? [`${file} has no answer for ${unmarked.join(', ')}: what it lacks is taken as absent (write it with the commands \`discover --dump-command\` prints, into ${DUMP_FILE})`]
    : [];
  return { observations, warnings };
}

/** A `kind: List` (what `kubectl get -o yaml` prints for several objects) gives its items. */
function objectsIn(document: unknown): KubeObject[] {
  if (isRecord(document) && Array.isArray(document.items) && typeof document.kind === 'string' && document.kind.endsWith('List')) {
    return document.items.flatMap((item) => objectsIn(item));
  }
  const object = asKubeObject(document);
  return object ? [object] : [];
}

/** Whether an object is one the query would have returned from the API server. */
function answers(query: Query, object: KubeObject): boolean {
  if (object.kind !== query.kind || groupOf(object.apiVersion) !== query.group) return false;
  if (query.namespace !== undefined && object.metadata.namespace !== query.namespace) return false;
  if (query.name !== undefined && object.metadata.name !== query.name) return false;
  if (query.labelSelector === undefined) return true;
  const selector = parseSelectorString(query.labelSelector);
  return typeof selector !== 'string' && selectorMatches(selector, object.metadata.labels ?? {});
}
