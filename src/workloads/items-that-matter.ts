import type { Config } from '../config/load-config.js';
import { allDialects } from '../dialects/index.js';
import type { Item } from '../krm/resource-list.js';
import { mayMatch } from './discover-workloads.js';
import { isWorkloadKind } from './workload-kinds.js';

const POLICY_KINDS = new Set(allDialects().map((d) => d.kind));

/**
 * Whether an item can matter, by its cheap header and text alone: an object of a policy kind (one this
 * function may own), or a possible workload of the controller. Only these are parsed.
 */
export function itemsThatMatter(config: Config): (item: Item) => boolean {
  return ({ header, text }) => {
    // Stryker disable next-line StringLiteral: a header without a kind is uncertain, so `?? ''` never runs
    if (header.uncertain || POLICY_KINDS.has(header.kind ?? '')) return true;
    if (!config.values.networkPolicy.enabled || config.pods) return false;
    // Unknown kinds with a pod template are parsed too, to say that their matching pods get nothing.
    return (isWorkloadKind(header.kind) || text.includes('template')) && mayMatch(text, config.selector);
  };
}
