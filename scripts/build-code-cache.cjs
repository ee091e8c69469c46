'use strict';
// Writes V8's code cache for the bundle after a training run of every engine, so the bytecode of
// everything a run needs is in it: the entry point then starts without compiling that code.
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { loadBundle } = require('../bin/load-bundle.cjs');

const bundle = join(__dirname, '..', 'dist', 'controller-network-policy.cjs');
rmSync(`${bundle}.cache`, { force: true });
const { exports: fn, script } = loadBundle(bundle);

const controller = `
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: stageset-controller
    namespace: stageset-system
    annotations:
      config.kubernetes.io/path: 'controller.yaml'
  spec:
    selector:
      matchLabels: {app.kubernetes.io/name: stageset-controller}
    template:
      metadata:
        labels: {app.kubernetes.io/name: stageset-controller}
      spec:
        containers:
        - name: manager
          image: "ghcr.io/metio/stageset-controller:v1"
          ports: [{containerPort: 8080}, {containerPort: 8081}, {containerPort: 8082}, {containerPort: 9443}]
- apiVersion: v1
  kind: Service
  metadata:
    name: web # a comment
    namespace: stageset-system
  spec:
    ports:
    - port: 443
`;
for (const engine of ['kubernetes', 'cilium', 'calico', 'clusterNetworkPolicy']) {
  for (const extra of ['', '    defaultDeny: {enabled: true}\n    egress: {enabled: true}\n']) {
    const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:${controller}functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: ControllerNetworkPolicy\n  metadata:\n    name: np\n  networkPolicy:\n    enabled: true\n    engine: ${engine}\n${extra}`;
    const first = fn.run(input);
    if (first.exitCode !== 0) throw new Error(`training run (${engine}) failed:\n${first.stderr}`);
    fn.run(first.stdout.replace(/\nresults:\n[\s\S]*$/, '\n'));
  }
}
writeFileSync(`${bundle}.cache`, script.createCachedData());
