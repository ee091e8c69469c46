import type { KubeObject } from '../k8s/kube-object.js';

/** Helm's hook annotation (https://helm.sh/docs/topics/charts_hooks/): its value names the hook events. */
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

/** The hook events of a Helm hook (`pre-delete`, `post-install,post-upgrade` …), or undefined for an ordinary object. */
export function helmHookOf(object: KubeObject): string | undefined {
  const value = object.metadata.annotations?.[HELM_HOOK_ANNOTATION];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
