import type { Engine } from '../../../src/config/values-schema';

/**
 * The engines the chart renders (`networkPolicy.engine`'s enum in the chart's values.yaml, its
 * `@schema` block): the parity compares only these, whatever else the function's registry holds.
 */
export const CHART_ENGINES = ['kubernetes', 'cilium', 'calico', 'clusterNetworkPolicy'] as const satisfies readonly Engine[];

export type ChartEngine = (typeof CHART_ENGINES)[number];
