import { childPath } from '../k8s/field-path.js';
import { isRecord, recordAt, type JsonRecord } from './json-value.js';
import { checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName } from '../k8s/names.js';
import type { Violation } from './violation.js';

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/**
 * apimachinery ValidateObjectMeta, the parts a rendered object can get wrong: name, namespace, label
 * and annotation syntax. Names are held to DNS-1123 subdomain syntax for every kind (k8s requires it
 * for NetworkPolicy; CRDs only forbid '/' and '%', but a stricter name is always safe).
 */
export function checkObjectMeta(object: JsonRecord, kind: { name: string; namespaced: boolean }, out: Violation[]): void {
  const metadata = recordAt(object, 'metadata');
  if (!metadata) return; // the schema reports a missing or malformed metadata

  const { name, namespace } = metadata;
  if (name === undefined || name === '') {
    out.push({ path: 'metadata.name', message: 'is required' });
  } else if (typeof name === 'string') {
    const problem = checkDns1123Subdomain(name);
    if (problem) out.push({ path: 'metadata.name', message: problem });
  }

  if (namespace !== undefined && namespace !== '' && namespace !== null) {
    if (!kind.namespaced) {
      // The API server clears it without a word; the object would not be where the output says.
      out.push({ path: 'metadata.namespace', message: `must not be set: ${kind.name} is cluster-scoped (put the namespace in the name instead)` });
    } else if (typeof namespace === 'string') {
      const problem = checkDns1123Label(namespace);
      if (problem) out.push({ path: 'metadata.namespace', message: problem });
    }
  }

  const labels = metadata.labels;
  if (isRecord(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      const path = childPath('metadata.labels', key);
      const keyProblem = checkQualifiedName(key);
      if (keyProblem) out.push({ path, message: keyProblem });
      const valueProblem = typeof value === 'string' ? checkLabelValue(value) : undefined;
      if (valueProblem) out.push({ path, message: valueProblem });
    }
  }

  const annotations = metadata.annotations;
  if (isRecord(annotations)) {
    let bytes = 0;
    for (const [key, value] of Object.entries(annotations)) {
      const keyProblem = checkQualifiedName(key.toLowerCase());
      if (keyProblem) out.push({ path: childPath('metadata.annotations', key), message: keyProblem });
      bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      out.push({ path: 'metadata.annotations', message: `total size ${bytes} bytes exceeds the 256 KiB limit` });
    }
  }
}
