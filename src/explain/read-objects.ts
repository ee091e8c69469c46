import { CORE_SCHEMA, loadAll, YAMLException, type LoadOptions } from 'js-yaml';
import { asKubeObject, isRecord, type KubeObject } from '../k8s/kube-object.js';
import { aliasProblem } from '../krm/alias-expansion.js';
import { decodeInput } from '../krm/decode-input.js';


export type ReadObjects = { objects: KubeObject[]; error?: undefined } | { objects?: undefined; error: string };

/**
 * Deeper than any Kubernetes object, shallow enough for the main thread's stack in every walk that
 * follows (the function's own reader goes deeper, on a larger stack: src/main.ts).
 */
const MAX_NESTING = 1000;
// js-yaml 4.3 stops at 100 levels by default (@types/js-yaml predates the option)
const OPTIONS: LoadOptions & { maxDepth: number } = { schema: CORE_SCHEMA, maxDepth: MAX_NESTING };

/**
 * What `explain` reads: a ResourceList (its items), a `kind: List`, or plain multi-document YAML such as
 * `helm template` or `kustomize build` prints. Empty documents (helm's comment-only ones) are skipped;
 * anything else that is no Kubernetes object is an error naming the document.
 */
export function readObjects(input: string | Uint8Array, name: string): ReadObjects {
  const decoded = decodeInput(input);
  if (decoded.error !== undefined) return { error: `${name}: ${decoded.error.replace(/^input /, '')}` };
  let documents: unknown[];
  try {
    documents = loadAll(decoded.text, undefined, OPTIONS);
  } catch (cause) {
    if (!(cause instanceof YAMLException)) throw cause;
    const line = cause.mark ? ` (line ${cause.mark.line + 1})` : '';
    const reason = /maxDepth/.test(cause.reason) ? `nested deeper than ${MAX_NESTING} levels` : cause.reason || cause.message;
    return { error: `${name} is not valid YAML: ${reason}${line}` };
  }
  const present = documents.map((value, index) => ({ value, index })).filter((d) => d.value !== null && d.value !== undefined);
  if (present.length === 0) return { error: `${name} holds no YAML document: expected a ResourceList or Kubernetes objects` };
  const objects: KubeObject[] = [];
  for (const { value, index } of present) {
    const problem = aliasProblem(value);
    if (problem !== undefined) return { error: `${name}, document ${index + 1}: ${problem}` };
    const items = listItems(value);
    if (items) {
      for (const [i, item] of items.entries()) {
        const object = asKubeObject(item);
        if (!object) return { error: `${name}, document ${index + 1}, items[${i}] is not a Kubernetes object: apiVersion, kind and metadata.name are required` };
        objects.push(object);
      }
      continue;
    }
    const object = asKubeObject(value);
    if (!object) return { error: `${name}, document ${index + 1} is not a Kubernetes object: apiVersion, kind and metadata.name are required` };
    objects.push(object);
  }
  return { objects };
}

/** The items of a ResourceList or a `kind: List`; undefined for anything else. */
function listItems(value: unknown): unknown[] | undefined {
  if (!isRecord(value) || (value.kind !== 'ResourceList' && value.kind !== 'List')) return undefined;
  return Array.isArray(value.items) ? value.items : [];
}
