/** Where each workload kind keeps its pod template. Adding a kind is one row. */
export const WORKLOAD_KINDS: Readonly<Record<string, { groups: readonly string[]; template: readonly string[] }>> = {
  Deployment: { groups: ['apps'], template: ['spec', 'template'] },
  StatefulSet: { groups: ['apps'], template: ['spec', 'template'] },
  DaemonSet: { groups: ['apps'], template: ['spec', 'template'] },
  ReplicaSet: { groups: ['apps'], template: ['spec', 'template'] },
  ReplicationController: { groups: [''], template: ['spec', 'template'] },
  Job: { groups: ['batch'], template: ['spec', 'template'] },
  CronJob: { groups: ['batch'], template: ['spec', 'jobTemplate', 'spec', 'template'] },
  Pod: { groups: [''], template: [] },
  // Argo Rollouts: a Deployment-shaped spec (spec.selector + spec.template); a workloadRef Rollout has no template.
  Rollout: { groups: ['argoproj.io'], template: ['spec', 'template'] },
};

export function isWorkloadKind(kind: string | undefined): kind is string {
  return kind !== undefined && Object.prototype.hasOwnProperty.call(WORKLOAD_KINDS, kind);
}
