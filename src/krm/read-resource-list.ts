import { isMap, isNode, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { decodeInput } from './decode-input.js';
import { isRecord } from '../k8s/kube-object.js';
import { normalizeLineEnds, originalPieces, type LineEnds } from './line-ends.js';
import { loadYaml, MAX_ALIASES } from './load-yaml.js';
import { rethrowStackExhaustion } from './nesting.js';
import { resourceListOf, type ResourceList } from './resource-list.js';
import { errorResult, warningResult, type Outcome, type Result } from './result.js';
import { splitFast } from './split-fast.js';
import { splitParsed } from './split-parsed.js';
import type { ResourceListText } from './resource-list-text.js';

export const RESOURCE_LIST_VERSIONS = ['config.kubernetes.io/v1', 'config.kubernetes.io/v1beta1', 'config.kubernetes.io/v1alpha1'];

type ReadOutcome = Outcome<ResourceList | undefined>;

/**
 * Reads stdin (bytes, or text already decoded) into regions and item slices. The line scanner handles
 * what kpt and kustomize send, anchors included; anything else goes through a full parse, which also
 * yields the error messages. A stack overflow on deep input is thrown (see nesting.ts).
 */
export function readResourceList(raw: string | Uint8Array, options: { forceParse?: boolean } = {}): ReadOutcome {
  const decoded = decodeInput(raw);
  if (decoded.error !== undefined) return fail(`${decoded.error}; expected a ResourceList on stdin`);
  if (decoded.text.trim() === '') return fail('input is empty: expected a ResourceList on stdin');
  const { text: normalized, ends } = normalizeLineEnds(decoded.text);
  const text = withoutTrailingMarkers(normalized);

  const fast = options.forceParse ? undefined : splitFast(text);
  if (fast) {
    const header = loadYaml(headerText(fast));
    if (isRecord(header.value)) return describe(withEnds(fast, text, ends), header.value);
  }
  return readParsed(text, ends);
}

/** The line ends to write, and the input's own bytes of each region and item when it held a CR. */
function withEnds(list: ResourceListText, text: string, ends: LineEnds): ResourceListText {
  if (ends.original === undefined) return list;
  const at = list.regions.findIndex((r) => r.key === 'items') + 1; // the items follow their region
  const regions = list.regions.map((r) => r.text);
  const original = originalPieces(text, [...regions.slice(0, at), ...list.items, ...regions.slice(at)], ends);
  if (!original) return { ...list, ends };
  const itemsEnd = at + list.items.length;
  return { ...list, ends, source: { regions: [...original.slice(0, at), ...original.slice(itemsEnd)], items: original.slice(at, itemsEnd) } };
}

function readParsed(text: string, ends: LineEnds): ReadOutcome {
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, keepSourceTokens: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const nonEmpty = list.filter((d) => d.contents !== null || d.errors.length > 0);
  if (nonEmpty.length !== 1) {
    return fail(
      nonEmpty.length === 0
        ? 'input holds no YAML document: expected a ResourceList on stdin'
        : `input holds ${nonEmpty.length} YAML documents: expected exactly one ResourceList`,
    );
  }
  const doc = nonEmpty[0]!;
  rethrowStackExhaustion(doc.errors);
  const problem = doc.errors[0];
  if (problem) return fail(`input is not valid YAML: ${problem.message.split('\n')[0]!.replace(/:$/, '')}`);
  if (!isMap(doc.contents)) return fail('input is not a ResourceList: expected a YAML mapping with kind: ResourceList');
  const items = doc.contents.get('items', true);
  if (items !== undefined && items !== null && !isSeq(items) && !(isScalar(items) && items.value === null)) return fail('ResourceList items must be a list');
  const split = withEnds(splitParsed(text, doc), text, ends);
  // the header alone, as on the fast path (js-yaml, bounded aliases); the whole document only when
  // the header aliases an anchor in an item
  const alone = loadYaml(headerText(split));
  if (alone.error === undefined) return describe(split, isRecord(alone.value) ? alone.value : {});
  if (!alone.unresolvedAlias) return fail(`input cannot be read: ${alone.error}`);
  try {
    const header: Record<string, unknown> = {};
    for (const key of ['kind', 'apiVersion', 'functionConfig', 'results']) {
      const node = doc.contents.get(key, true);
      // Stryker disable next-line ObjectLiteral: yaml's own default maxAliasCount is 100 too; stated so the limit stays if that default moves
      header[key] = isNode(node) ? node.toJS(doc, { maxAliasCount: MAX_ALIASES }) : node;
    }
    return describe(split, header);
  } catch (cause) {
    // an alias bomb in the header; anything else is a bug or a stack overflow
    if (!(cause instanceof ReferenceError)) throw cause;
    return fail(`input cannot be read: ${cause.message}`);
  }
}

/** Every top-level region but the items: what the header values are read from. */
function headerText(list: ResourceListText): string {
  return list.regions
    .filter((r) => r.key !== 'items')
    .map((r) => r.text)
    .join('');
}

function describe(text: ResourceListText, header: Record<string, unknown>): ReadOutcome {
  const { kind, apiVersion, functionConfig, results } = header;
  if (kind !== 'ResourceList') {
    return fail(`input is not a ResourceList: kind is ${JSON.stringify(kind ?? null)}, expected ResourceList`);
  }
  const notes: Result[] = [];
  const version = typeof apiVersion === 'string' ? apiVersion : 'config.kubernetes.io/v1';
  if (!RESOURCE_LIST_VERSIONS.includes(version)) {
    notes.push(warningResult(`unexpected ResourceList apiVersion ${JSON.stringify(apiVersion)}; expected one of ${RESOURCE_LIST_VERSIONS.join(', ')}`));
  }
  // results of earlier functions in a pipeline: kept, and ours appended
  return { value: resourceListOf(text, { apiVersion: version, functionConfig, earlierResults: Array.isArray(results) ? results : [] }), results: notes };
}

/**
 * Drops a trailing document end (`...`) or empty trailing document (`---`, which kustomize tolerates):
 * the output is one document, with results inside it, and kpt rejects anything after it.
 */
function withoutTrailingMarkers(text: string): string {
  let end = text.length;
  let cut = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 2) + 1;
    const line = text.slice(start, end);
    // markers only at column 0: an indented `...` belongs to a block scalar
    if (/^(?:---|\.\.\.)(?:[ \t]+#.*)?[ \t]*\n?$/.test(line)) cut = start;
    else if (line.trim() !== '' && !line.trim().startsWith('#')) break;
    end = start;
  }
  return text.slice(0, cut);
}

function fail(message: string): ReadOutcome {
  return { value: undefined, results: [errorResult(message)] };
}
