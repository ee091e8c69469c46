// Deterministic generator of realistic ResourceLists, shaped like what `kpt fn render` 1.0 sends
// (test/fixtures/observed/kpt-render-input.yaml, captured from kpt): block-style `items:` at column 0,
// compact sequences, the legacy + internal path/index/id annotations with single-quoted values,
// head and line comments, ConfigMaps with block scalars, many namespaces, and the StageSet
// controller's Deployment (fixtures/stageset-controller.mjs) somewhere in the middle. Same seed and
// size => same bytes. With `alias`, the controller writes its pod labels once as an anchor and once as
// an alias (kpt passes anchors through), and the list is otherwise the same bytes.
//
// CLI: node bench/generate-list.mjs <items> [seed] [--alias] > list.yaml

import { pathToFileURL } from 'node:url';
import { asListItem } from '../fixtures/as-list-item.mjs';
import { controllerDeploymentYaml } from '../fixtures/stageset-controller.mjs';

export const DEFAULT_SEED = 20261127;

export const FUNCTION_CONFIG = `functionConfig:
  apiVersion: fn.kpt.dev/v1alpha1
  kind: ControllerNetworkPolicy
  metadata:
    name: network-policy
  networkPolicy:
    enabled: true
`;

/**
 * The generator's state: its random numbers and the last kpt id handed out.
 * @typedef {{ rand: () => number, id: number }} Ctx
 * One application: a ConfigMap, Deployment and Service triple in one namespace.
 * @typedef {{ team: string, ns: string, kind: string, name: string }} App
 */

/**
 * mulberry32: tiny, fast, good enough for picking shapes.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'search', 'checkout', 'identity', 'catalog', 'billing', 'ledger', 'media', 'notify', 'ops'];
const ENVS = ['dev', 'staging', 'prod'];
const APPS = ['api', 'worker', 'web', 'cron', 'gateway', 'indexer', 'exporter', 'sync'];
const LOG_LEVELS = ['debug', 'info', 'warn'];

/**
 * kpt render's annotations; kpt-functions requires legacy and internal values to agree.
 * @param {Ctx} ctx
 * @param {string} path
 * @param {number} index
 * @returns {Record<string, string>}
 */
function kptAnnotationValues(ctx, path, index) {
  const id = ++ctx.id;
  const seqindent = ctx.rand() < 0.7 ? 'compact' : 'wide';
  return {
    'config.kubernetes.io/index': String(index),
    'config.kubernetes.io/path': path,
    'internal.config.kubernetes.io/index': String(index),
    'internal.config.kubernetes.io/package-path': '/home/user/platform',
    'internal.config.kubernetes.io/path': path,
    'internal.config.kubernetes.io/seqindent': seqindent,
    'internal.config.kubernetes.io/annotations-migration-resource-id': String(id - 1),
    'internal.config.kubernetes.io/id': String(id),
    'config.k8s.io/id': String(id),
  };
}

/**
 * The same annotations as the block of an item's `metadata`.
 * @param {Ctx} ctx
 * @param {string} path
 * @param {number} index
 */
function kptAnnotations(ctx, path, index) {
  const lines = Object.entries(kptAnnotationValues(ctx, path, index)).map(([key, value]) => `      ${key}: '${value}'\n`);
  return `    annotations:\n${lines.join('')}`;
}

/**
 * The controller, from the fixture the tests and the code-cache training share.
 * @param {Ctx} ctx
 * @param {boolean} [alias] its pod labels as an anchor and an alias
 */
export function controllerDeployment(ctx, alias = false) {
  return asListItem(
    controllerDeploymentYaml({
      comment: 'StageSet controller: the workload the generated policies protect',
      annotations: kptAnnotationValues(ctx, 'stageset-system/deployment.yaml', 0),
      anchor: alias,
    }),
  );
}

/** @param {Ctx} ctx */
function kptfile(ctx) {
  return `- apiVersion: kpt.dev/v1
  kind: Kptfile
  metadata:
    name: platform
${kptAnnotations(ctx, 'Kptfile', 0).replace('    annotations:\n', '    annotations:\n      config.kubernetes.io/local-config: "true"\n')}  pipeline:
    mutators:
    - exec: controller-network-policy
      configPath: network-policy.yaml
`;
}

/** @param {Ctx} ctx */
function functionConfigItem(ctx) {
  return `- # functionConfig of controller-network-policy
  apiVersion: fn.kpt.dev/v1alpha1
  kind: ControllerNetworkPolicy
  metadata:
    name: network-policy
${kptAnnotations(ctx, 'network-policy.yaml', 0).replace('    annotations:\n', '    annotations:\n      config.kubernetes.io/local-config: "true"\n')}  networkPolicy:
    enabled: true
`;
}

/** @param {Ctx} ctx @param {App} app @param {number} i the item's index in its file */
function deployment(ctx, app, i) {
  const r = ctx.rand;
  const head = r() < 0.3 ? `- # ${app.name}: owned by team ${app.team}\n  apiVersion` : '- apiVersion';
  const replicas = 1 + Math.floor(r() * 5);
  return `${head}: apps/v1
  kind: Deployment
  metadata:
    name: ${app.name}${r() < 0.2 ? ' # keep in sync with the Service' : ''}
    namespace: ${app.ns}
    labels:
      app.kubernetes.io/name: ${app.name}
      app.kubernetes.io/part-of: ${app.team}
${kptAnnotations(ctx, `${app.ns}/${app.name}.yaml`, i)}  spec:
    replicas: ${replicas}
    selector:
      matchLabels:
        app.kubernetes.io/name: ${app.name}
    template:
      metadata:
        labels:
          app.kubernetes.io/name: ${app.name}
          app.kubernetes.io/part-of: ${app.team}
      spec:
        containers:
        - name: ${app.kind}
          image: registry.example.com/${app.team}/${app.kind}:1.${Math.floor(r() * 30)}.${Math.floor(r() * 10)}
          ports:
          - name: http
            containerPort: ${8000 + Math.floor(r() * 100)}
          envFrom:
          - configMapRef:
              name: ${app.name}-config
          resources:
            requests: {cpu: ${50 * (1 + Math.floor(r() * 8))}m, memory: ${64 * (1 + Math.floor(r() * 8))}Mi}
`;
}

/** @param {Ctx} ctx @param {App} app @param {number} i the item's index in its file */
function service(ctx, app, i) {
  return `- apiVersion: v1
  kind: Service
  metadata:
    name: ${app.name}
    namespace: ${app.ns}
${kptAnnotations(ctx, `${app.ns}/${app.name}.yaml`, i)}  spec:
    selector:
      app.kubernetes.io/name: ${app.name}
    ports:
    - name: http
      port: 80
      targetPort: http
`;
}

/** @param {Ctx} ctx @param {App} app @param {number} i the item's index in its file */
function configMap(ctx, app, i) {
  const r = ctx.rand;
  const level = LOG_LEVELS[Math.floor(r() * LOG_LEVELS.length)];
  return `- # settings of ${app.name}
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: ${app.name}-config
    namespace: ${app.ns}
${kptAnnotations(ctx, `${app.ns}/${app.name}.yaml`, i)}  data:
    LOG_LEVEL: "${level}"
    FEATURE_FLAG: 'on' # quoted: YAML 1.1 readers would see a boolean
    RELEASE_DATE: "2021-0${1 + Math.floor(r() * 9)}-01"
    app.properties: |
      # ${app.name} in ${app.ns}
      server.port=8080
      pool.size=${1 + Math.floor(r() * 32)}

      cache.ttl=${30 * (1 + Math.floor(r() * 10))}s
    banner.txt: >-
      ${app.name} serves ${app.team}
      in ${app.ns}.
`;
}

/**
 * @param {number} count number of items (1 = just the controller Deployment)
 * @param {number} [seed]
 * @param {{ alias?: boolean }} [options] alias: the controller's labels as an anchor and an alias
 * @returns {{ text: string, items: string[], namespaces: number }}
 */
export function generateResourceList(count, seed = DEFAULT_SEED, { alias = false } = {}) {
  const ctx = { rand: prng(seed), id: 0 };
  const items = [];
  let namespaces = 1;
  if (count === 1) {
    items.push(controllerDeployment(ctx, alias));
  } else if (count > 1) {
    items.push(kptfile(ctx));
    if (count > 2) items.push(functionConfigItem(ctx));
    const controllerAt = Math.floor(count / 3);
    /** @type {Set<string>} */
    const nsSeen = new Set();
    let appNo = 0;
    /** @type {App | null} */
    let app = null;
    let part = 3;
    while (items.length < count) {
      if (items.length === controllerAt || (items.length === count - 1 && !items.some((t) => t.includes('name: stageset-controller\n')))) {
        items.push(controllerDeployment(ctx, alias));
        continue;
      }
      if (app === null || part === 3) {
        // the first app, and a new one after each triple
        const team = TEAMS[Math.floor(ctx.rand() * TEAMS.length)];
        const env = ENVS[Math.floor(ctx.rand() * ENVS.length)];
        // 30 team-env pairs x (count / 360) shards: about 4 apps (12 items) per namespace
        const ns = `${team}-${env}-${Math.floor(ctx.rand() * Math.max(1, count / 360))}`;
        const kind = APPS[Math.floor(ctx.rand() * APPS.length)];
        nsSeen.add(ns);
        app = { team, ns, kind, name: `${kind}-${++appNo}` };
        part = 0;
      }
      const make = [configMap, deployment, service][part];
      items.push(make(ctx, app, part));
      part++;
    }
    namespaces = nsSeen.size + 1;
  }
  const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.join('')}${FUNCTION_CONFIG}`;
  return { text, items, namespaces };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2).filter((a) => a !== '--alias');
  const count = Number(args[0] ?? 1000);
  const seed = Number(args[1] ?? DEFAULT_SEED);
  process.stdout.write(generateResourceList(count, seed, { alias: process.argv.includes('--alias') }).text);
}
