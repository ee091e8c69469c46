import { mayHoldAnchors } from './anchors.js';
import { asKubeObject, isRecord } from '../k8s/kube-object.js';
import { loadYaml, type Loaded } from './load-yaml.js';
import type { ParsedItem } from './parse-item.js';
import type { ResourceListText } from './resource-list-text.js';

/** Per list: the parse of its regions and of the items that may hold anchors, with each item's place in it. */
const parses = new WeakMap<ResourceListText, { loaded: Loaded; places: Map<number, number> }>();

/**
 * Parses an item whose alias points at an anchor outside it (only hand-written lists do this: kpt's
 * anchors stay inside one file, so one item) in the context of the list: its regions and the items
 * that may hold anchors or aliases, in order. Every other item holds none, so leaving them out
 * changes no alias; the parse stays small unless most items hold `&` or `*`.
 */
export function parseInList(list: ResourceListText, index: number): ParsedItem {
  let context = parses.get(list);
  if (!context) {
    context = parseAnchorItems(list);
    parses.set(list, context);
  }
  const { loaded, places } = context;
  if (loaded.error !== undefined) return { object: undefined, error: `${loaded.error} (reading it within the list)` };
  const items = isRecord(loaded.value) && Array.isArray(loaded.value.items) ? (loaded.value.items as unknown[]) : [];
  const place = places.get(index);
  return place === undefined ? { object: undefined, error: 'it cannot be read within the list' } : { object: asKubeObject(items[place]) };
}

function parseAnchorItems(list: ResourceListText): { loaded: Loaded; places: Map<number, number> } {
  const places = new Map<number, number>();
  let text = '';
  for (const region of list.regions) {
    text += region.text;
    if (region.key !== 'items') continue;
    list.items.forEach((item, i) => {
      if (!mayHoldAnchors(item)) return;
      places.set(i, places.size);
      text += item;
    });
  }
  return { loaded: loadYaml(text), places };
}
