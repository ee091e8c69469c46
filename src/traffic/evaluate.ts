import type { Engine } from '../config/values-schema.js';
import { evaluateCalico } from './calico.js';
import { evaluateCilium } from './cilium.js';
import { evaluateClusterNetworkPolicy } from './cluster-network-policy.js';
import { evaluateKubernetes } from './kubernetes.js';
import type { Evaluator } from './model.js';

/** One traffic evaluator per engine: what that engine enforces, modelled from its upstream sources. */
export const EVALUATORS: Readonly<Record<Engine, Evaluator>> = {
  kubernetes: evaluateKubernetes,
  cilium: evaluateCilium,
  calico: evaluateCalico,
  clusterNetworkPolicy: evaluateClusterNetworkPolicy,
};
