import type { Engine } from '../config/values-schema.js';
import type { Dialect } from './dialect.js';
import { calico } from './calico.js';
import { cilium } from './cilium.js';
import { clusterNetworkPolicy } from './cluster-network-policy.js';
import { kubernetes } from './kubernetes.js';

/** The only place dialects are listed. */
export const DIALECTS: Readonly<Record<Engine, Dialect>> = {
  kubernetes,
  cilium,
  calico,
  clusterNetworkPolicy,
};

export function allDialects(): Dialect[] {
  return Object.values(DIALECTS);
}
