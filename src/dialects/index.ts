import type { Engine } from '../config/values-schema.js';
import type { Dialect } from './dialect.js';
import { kubernetes } from './kubernetes.js';

/** The only place dialects are listed. */
export const DIALECTS: Readonly<Record<Engine, Dialect | undefined>> = {
  kubernetes,
  cilium: undefined,
  calico: undefined,
  clusterNetworkPolicy: undefined,
};

export function allDialects(): Dialect[] {
  return Object.values(DIALECTS).filter((d): d is Dialect => d !== undefined);
}
