/**
 * Keys of the StageSet chart's values.yaml that this function accepts but does not use, so a user can
 * paste their chart values whole. Anything else unknown is reported (a typo must never pass silently).
 */
export const UNUSED_CHART_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': [
    'crds', 'image', 'imagePullSecrets', 'serviceAccount', 'replicas', 'rbac', 'cleanupOnDelete', 'metrics', 'serviceMesh', 'namespace', 'resources', 'tmpSizeLimit', 'podSecurityContext',
    'securityContext', 'nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'deployment', 'pod',
    'podDisruptionBudget', 'autoscaling', 'global', 'nameOverride', 'fullnameOverride',
  ],
  webhook: ['certMode', 'certValidity', 'certManager', 'failurePolicy', 'sideEffects', 'timeoutSeconds', 'objectSelector', 'namespaceSelector', 'matchConditions'],
  gate: [],
  mcp: ['allowMutations', 'service'],
  controller: [
    'logLevel', 'logFormat', 'leaderElect', 'defaultInterval', 'inventoryShardCap', 'noCrossNamespaceRefs', 'objectLevelKMS',
    'requireVerifiedMigrationSources', 'requirePinnedMigrationSources', 'watchNamespaces',
  ],
  'controller.tracing': ['insecure', 'sampleRatio'],
  rollbackStore: ['pvc'],
  'rollbackStore.s3': ['bucket', 'prefix', 'region', 'anonymous', 'sse', 'sseKmsKeyId', 'existingSecret'],
};
