import type { ObjectRef } from '../k8s/kube-object.js';
import { describeSelector, type LabelSelector } from '../k8s/label-selector.js';

/** kpt's name for the ConfigMap it builds from `-- key=value` or a Kptfile `configMap:`. */
export const KPT_PLACEHOLDER = 'function-input';

/**
 * The identity a configuration stamps on what it renders (the owner annotation), so that an instance
 * prunes only its own objects. A named configuration is its kind and name. kpt names every generated
 * ConfigMap `function-input`, so two pipeline steps with `configMap:` would share that name: such a
 * configuration is known by the pods it protects instead (target.namespace and the selector).
 */
export function ownerId(ref: ObjectRef | undefined, scope: { namespace?: string; selector: LabelSelector; pods?: { namespace: string; name: string } }): string {
  if (ref && !(ref.kind === 'ConfigMap' && ref.name === KPT_PLACEHOLDER)) return `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  const target = scope.pods ? `pods=${scope.pods.namespace}/${scope.pods.name}` : `${scope.namespace ? `namespace=${scope.namespace} ` : ''}selector=${describeSelector(scope.selector)}`;
  return `${ref?.kind ?? 'ConfigMap'}/${KPT_PLACEHOLDER} [${target}]`;
}
