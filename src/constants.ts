export const FUNCTION_NAME = 'controller-network-policy';

/** The label that marks an object as generated (and so owned) by this function. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = FUNCTION_NAME;
