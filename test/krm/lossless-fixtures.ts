/**
 * Items for the losslessness tests (issue 9): values a JS round trip damages, next to an item with
 * anchors and aliases, as kpt sends them (kpt passes anchors through; kustomize resolves them first).
 */
import { asListItem } from '../../fixtures/as-list-item.mjs';
import { APP_YAML } from '../e2e/package-fixtures';
import { source } from '../support/source';

/** A Deployment the function does not own, with what a JS round trip damages (test/e2e/package-fixtures.ts). */
export const APP = asListItem(APP_YAML);

/** The controller with its labels written once (`&l`) and reused (`*l`) inside the same item. */
export const ANCHORED_CONTROLLER = source`
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: stageset-controller
      namespace: stageset-system
      labels: &l
        app.kubernetes.io/name: stageset-controller
        app.kubernetes.io/instance: stageset-controller
    spec:
      selector:
        matchLabels: *l
      template:
        metadata:
          labels: *l
        spec:
          containers:
          - name: manager
            image: ghcr.io/metio/stageset-controller:v1.0.0
            ports:
            - {name: metrics, containerPort: 8080}
`;

/** An anchor in one item that a later item aliases: only a hand-written list does this. */
export const SHARED_LABELS = source`
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: labels # the controller's labels, kept in one place
      namespace: stageset-system
    data: &controller-labels
      app.kubernetes.io/name: stageset-controller
`;

/** The controller whose labels come only through an alias to SHARED_LABELS: its own text never names them. */
export const ALIASING_CONTROLLER = source`
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: ctl
      namespace: stageset-system
    spec:
      selector:
        matchLabels: *controller-labels
      template:
        metadata:
          labels: *controller-labels
        spec:
          containers:
          - name: manager
            image: ghcr.io/metio/stageset-controller:v1.0.0
`;

export const ENABLED = 'functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: ControllerNetworkPolicy\n  metadata:\n    name: np\n  networkPolicy:\n    enabled: true\n';

export function list(items: readonly string[], functionConfig = ENABLED): string {
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.join('')}${functionConfig}`;
}

/** The output's items block cut at column-0 `- ` lines (the wire format), as the bench checks it. */
export function outputItems(stdout: string): string[] {
  const start = stdout.indexOf('\nitems:\n') + '\nitems:\n'.length;
  const end = stdout.search(/\n(?:functionConfig|results):/);
  return stdout
    .slice(start, end + 1)
    .split(/(?=^- )/m)
    .filter((s) => s.startsWith('- '));
}

/** A flow mapping nested `depth` levels: how kpt writes deep data it read (it accepts 10,000 levels). */
export const nested = (depth: number) => `${'{a: '.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

export const deepController = (depth: number) =>
  `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: stageset-controller\n    namespace: stageset-system\n  spec:\n    selector:\n      matchLabels: {app.kubernetes.io/name: stageset-controller}\n    template:\n      metadata:\n        labels: {app.kubernetes.io/name: stageset-controller}\n      spec:\n        containers: [{name: m, image: x}]\n        deep: ${nested(depth)}\n`;

export const deepConfig = (depth: number) =>
  `functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: ControllerNetworkPolicy\n  metadata:\n    name: np\n  networkPolicy:\n    enabled: true\n  deep: ${nested(depth)}\n`;
