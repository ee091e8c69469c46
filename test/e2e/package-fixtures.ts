/**
 * The user's package for the end-to-end tests: the StageSet controller's Deployment and a Service, as
 * a user keeps them (comments, quoting, flow style, a multi-document file), plus functionConfigs.
 */
import { controllerDeploymentYaml } from '../../fixtures/stageset-controller.mjs';
import { IMAGE } from '../support/e2e';

export { CONTROLLER_NAMESPACE as NAMESPACE } from '../../fixtures/stageset-controller.mjs';

export const CONTROLLER_YAML = `${controllerDeploymentYaml({ comment: 'The StageSet controller, as rendered by its chart.' })}---
# The webhook's Service
apiVersion: v1
kind: Service
metadata:
  name: stageset-controller-webhook
  namespace: stageset-system
  annotations:
    example.com/enabled: "yes" # a YAML 1.1 boolean: must stay quoted
spec:
  selector:
    app.kubernetes.io/name: stageset-controller
  ports:
  - port: 443
    targetPort: 9443
`;

/** The typed functionConfig; `values` are YAML lines placed under `networkPolicy:`. */
export function typedConfig(values: string, extra = ''): string {
  return `# Network policies of the StageSet controller
apiVersion: fn.kpt.dev/v1alpha1
kind: ControllerNetworkPolicy
metadata:
  name: network-policy
  annotations:
    config.kubernetes.io/local-config: "true"
networkPolicy:
${values
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
${extra}`;
}

export const KPTFILE_HEADER = `apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: controller
  annotations:
    config.kubernetes.io/local-config: "true"
info:
  description: The StageSet controller
`;

/** A Kptfile whose pipeline runs the function from `exec` (an absolute path) with configPath. */
export function kptfile(exec: string, configPath = 'network-policy.yaml', extra = ''): string {
  return `${KPTFILE_HEADER}pipeline:
  mutators:
  - exec: ${exec}
    configPath: ${configPath}
${extra}`;
}

/** The typed config as a kustomize function config (container form). */
export function kustomizeConfig(values: string, target = '', image = IMAGE): string {
  return `apiVersion: fn.kpt.dev/v1alpha1
kind: ControllerNetworkPolicy
metadata:
  name: network-policy
  annotations:
    config.kubernetes.io/function: |
      container:
        image: ${image}
networkPolicy:
${values
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
${target}`;
}

/**
 * A Deployment the function does not own, with what a JS round trip damages: a YAML 1.1 octal
 * (`0400`, which `400` would turn into 0620), an integer beyond 2^53, a float `1.0`, comments, flow style.
 */
export const APP_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: apps
spec:
  replicas: 12345678901234567890
  selector: {matchLabels: {app: app}} # flow style
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: app
        image: "nginx:1.27"
        resources: {limits: {cpu: 1.0}}
      volumes:
      - name: secret
        secret:
          secretName: s
          defaultMode: 0400 # owner read-only
`;

/** The controller with its labels written once and aliased (kpt passes anchors through to functions). */
export const ANCHORED_CONTROLLER_YAML = controllerDeploymentYaml({ anchor: true });

/** The controller with a value nested `depth` flow levels deep (kpt reads up to 10,000). */
export function deepControllerYaml(depth: number): string {
  const nested = `${'{a: '.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
  return ANCHORED_CONTROLLER_YAML.replace('      - name: manager\n', `      - name: manager\n        deep: ${nested}\n`);
}
