export const FUNCTION_NAME = 'controller-network-policy';

/**
 * The ownership marker: which configuration of this function rendered an object. An annotation in the
 * function's own domain, so that common-label steps (`set-labels`, kustomize `labels:`, a GitOps tool's
 * `app.kubernetes.io/managed-by`) never take it away, and so that several configurations can coexist.
 */
export const OWNER_ANNOTATION = 'controller-network-policy.metio.wtf/owner';

/**
 * Set on new objects for people and label selectors (`kubectl get netpol -l …`), never read for
 * ownership and never put back when a later step changes it. Objects of earlier versions carry it as
 * their only marker: they are adopted by the configuration that renders them.
 */
/**
 * Where each part of a rendered object came from in the values (`{"spec.ingress[2]":"networkPolicy.metrics.from"}`),
 * as compact JSON: what `explain` names as the values key behind a rule, after any round trip through
 * files and other tools. Rewritten on every render, `{}` when nothing came from the values.
 */
export const ORIGINS_ANNOTATION = 'controller-network-policy.metio.wtf/origins';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = FUNCTION_NAME;
