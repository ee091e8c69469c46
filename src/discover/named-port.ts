import type { KubeObject } from '../k8s/kube-object.js';
import { listAt, numberAt, stringAt } from './read-field.js';

/** The containerPort of the first of `names` that a pod's containers declare. */
export function namedPort(pod: KubeObject, ...names: readonly string[]): number | undefined {
  for (const name of names) {
    for (const container of listAt(pod, 'spec', 'containers')) {
      for (const port of listAt(container, 'ports')) if (stringAt(port, 'name') === name) return numberAt(port, 'containerPort');
    }
  }
  return undefined;
}
