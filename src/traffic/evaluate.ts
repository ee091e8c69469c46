import type { Engine } from '../config/values-schema.js';
import { evaluateCalico } from './calico.js';
import { evaluateClusterNetworkPolicy } from './cluster-network-policy.js';
import { evaluateKubernetes } from './kubernetes.js';
import type { Evaluator } from './model.js';

export const EVALUATORS = { kubernetes: evaluateKubernetes, calico: evaluateCalico, clusterNetworkPolicy: evaluateClusterNetworkPolicy } as unknown as Record<Engine, Evaluator>;
