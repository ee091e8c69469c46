import { asListItem } from '../../fixtures/as-list-item.mjs';
import { CONTROLLER_NAME, CONTROLLER_NAMESPACE, controllerDeploymentYaml } from '../../fixtures/stageset-controller.mjs';
import { source } from './source';

/** The controller's Deployment as the chart renders it (names, labels, ports), with kpt's annotations, as an item. */
export function controllerDeployment(namespace = CONTROLLER_NAMESPACE, name = CONTROLLER_NAME, options: { mcp?: boolean } = {}): string {
  const path = `${namespace}/controller.yaml`;
  return asListItem(
    controllerDeploymentYaml({
      name,
      namespace,
      comment: 'the StageSet controller',
      annotations: { 'config.kubernetes.io/index': '0', 'config.kubernetes.io/path': path, 'internal.config.kubernetes.io/index': '0', 'internal.config.kubernetes.io/path': path },
      ...options,
    }),
  );
}

/** A neighbour workload that the controller's selector does not match. */
export function otherDeployment(namespace: string, name: string): string {
  return source`
    - apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ${name}
        namespace: ${namespace}
      spec:
        selector:
          matchLabels: {app: ${name}}
        template:
          metadata:
            labels: {app: ${name}}
          spec:
            containers:
            - name: app
              image: nginx:1.27
  `;
}

export function service(namespace: string, name: string): string {
  return source`
    - apiVersion: v1
      kind: Service
      metadata:
        name: ${name}
        namespace: ${namespace}
        annotations:
          note: "yes" # a YAML 1.1 boolean, quoted
      spec:
        ports:
        - port: 443
          targetPort: 9443
  `;
}

/** The typed functionConfig, with chart values given as YAML lines under the top level. */
export function typedConfig(values: string): string {
  const body = values.trim() === '' ? '' : `\n${values.replace(/\n$/, '').split('\n').map((l) => `  ${l}`).join('\n')}`;
  return `functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: ControllerNetworkPolicy\n  metadata:\n    name: network-policy${body}\n`;
}

export function configMapConfig(data: Record<string, string>): string {
  const lines = Object.entries(data).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return `functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: function-input\n  data:${lines.length ? `\n${lines.join('\n')}` : ' {}'}\n`;
}

export function resourceList(items: readonly string[], functionConfig = ''): string {
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:${items.length ? `\n${items.join('')}` : ' []\n'}${functionConfig}`;
}

/**
 * A Job whose pods carry the controller's selector labels, like the chart's pre-delete cleanup Job
 * (templates/job-cleanup.yaml); `hook` adds the chart's Helm hook annotations.
 */
export function controllerLabelledJob(name: string, hook: boolean, namespace = 'stageset-system'): string {
  const annotations = hook ? '\n        annotations:\n          helm.sh/hook: pre-delete\n          helm.sh/hook-weight: "0"\n          helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded' : '';
  return source`
    - apiVersion: batch/v1
      kind: Job
      metadata:
        name: ${name}
        namespace: ${namespace}
        labels:
          app.kubernetes.io/name: stageset-controller
          app.kubernetes.io/managed-by: Helm${annotations}
      spec:
        template:
          metadata:
            labels:
              app.kubernetes.io/name: stageset-controller
              app.kubernetes.io/component: controller
              app.kubernetes.io/instance: stageset-controller
              app.kubernetes.io/part-of: stageset-controller
          spec:
            restartPolicy: OnFailure
            containers:
            - name: cleanup
              image: registry.k8s.io/kubectl:v1.33.0
              args: [delete, stagesets.stages.metio.wtf, --all, --all-namespaces]
  `;
}
