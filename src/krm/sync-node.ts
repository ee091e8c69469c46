import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { isRecord } from '../k8s/kube-object.js';

/**
 * Makes a parsed node hold `value` while keeping every node that already holds the right value, with
 * its comments, key order and scalar style. Returns the node to keep (itself, or a replacement).
 */
export function syncNode(doc: Document, node: unknown, value: unknown): Node {
  if (isMap(node) && isRecord(value)) {
    node.items = node.items.filter((pair) => Object.prototype.hasOwnProperty.call(value, keyOf(pair.key)));
    for (const pair of node.items) pair.value = syncNode(doc, pair.value, value[keyOf(pair.key)]);
    for (const [key, child] of Object.entries(value)) {
      if (!node.items.some((pair) => keyOf(pair.key) === key)) node.add(doc.createPair(key, child));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items = node.items.slice(0, value.length).map((item, i) => syncNode(doc, item, value[i]));
    for (const item of value.slice(node.items.length)) node.items.push(doc.createNode(item));
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) node.value = value;
    return node;
  }
  return doc.createNode(value);
}

function keyOf(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}
