import fc from 'fast-check';
import { ENGINES } from '../../src/config/values-schema';

/** Names and label values as Kubernetes allows them. */
const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const quote = fc.constantFrom((s: string) => s, (s: string) => `'${s}'`, (s: string) => `"${s}"`);
const comment = fc.option(fc.constantFrom(' # a comment', ' # yes, on, 0755: tricky words', ' #'), { nil: '' });

/** One item's text in a given sequence indentation, in the varied styles real files use. */
function itemText(lines: string[], seqIndent: number): string {
  const pad = ' '.repeat(seqIndent);
  return lines.map((l, i) => (i === 0 ? `${pad}- ${l}` : `${pad}  ${l}`)).join('\n') + '\n';
}

const annotations = fc.record({ index: fc.nat(5), path: dnsLabel, id: fc.nat(999) }).map(({ index, path, id }) => [
  '  annotations:',
  `    config.kubernetes.io/index: '${index}'`,
  `    config.kubernetes.io/path: '${path}.yaml'`,
  `    internal.config.kubernetes.io/path: '${path}.yaml'`,
  `    internal.config.kubernetes.io/id: '${id}'`,
  `    config.k8s.io/id: '${id}'`,
]);

const configMap = fc.record({ name: dnsLabel, ns: dnsLabel, q: quote, c: comment, a: fc.option(annotations, { nil: undefined }), flag: fc.constantFrom('yes', 'on', '0755', '2021-01-01', 'plain') }).map(({ name, ns, q, c, a, flag }) => [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  `  name: ${q(name)}${c}`,
  `  namespace: ${ns}`,
  ...(a ?? []),
  'data:',
  `  flag: "${flag}"`,
  '  script: |',
  '    # not a comment: block scalar content',
  '    - not an item',
  '    items:',
  '',
  '    kind: Deployment',
]);

const controllerLabels = ['app.kubernetes.io/name: stageset-controller', 'app.kubernetes.io/instance: ctl'];
/**
 * How a Deployment writes its labels: block, flow, once with an anchor and then an alias in the same
 * item (what kpt passes through), or only as an alias to the `&shared` anchor of an earlier item.
 */
const labelStyle = fc.constantFrom('block', 'flow', 'anchor', 'shared');
const deployment = fc.record({ name: dnsLabel, ns: dnsLabel, controller: fc.boolean(), c: comment, a: fc.option(annotations, { nil: undefined }), style: labelStyle }).map(({ name, ns, controller, c, a, style }) => {
  const labels = controller ? controllerLabels : [`app: ${name}`];
  const block = (indent: string) => labels.map((l) => `\n${indent}${l}`).join('');
  const selector = { block: block('      '), flow: ` {${labels.join(', ')}}`, anchor: ` &labels${block('      ')}`, shared: ' *shared' }[style];
  const template = { block: block('        '), flow: ` {${labels.join(', ')}}`, anchor: ' *labels', shared: ' *shared' }[style];
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}${c}`,
    `  namespace: ${ns}`,
    ...(a ?? []),
    'spec:',
    `  selector:`,
    `    matchLabels:${selector}`,
    '  template:',
    '    metadata:',
    `      labels:${template}`,
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: "nginx:1.27"',
    '        ports:',
    '        - containerPort: 8080',
  ].flatMap((l) => l.split('\n'));
});

/** The item holding `&shared`, put first whenever an item aliases it: the controller's labels, or not. */
const sharedLabels = (controller: boolean) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: shared-labels # anchored below', 'data: &shared', ...(controller ? controllerLabels : ['app: shared']).map((l) => `  ${l}`)];

/** A whole item in flow style on one line, as some generators write them. */
const flowItem = fc.record({ name: dnsLabel, ns: dnsLabel, mode: fc.constantFrom('0400', '0644') }).map(({ name, ns, mode }) => [`{apiVersion: v1, kind: Secret, metadata: {name: ${name}, namespace: ${ns}}, data: {mode: ${mode}, big: 12345678901234567890, ratio: 1.0}} # flow`]);

const service = fc.record({ name: dnsLabel, ns: dnsLabel, c: comment }).map(({ name, ns, c }) => [`apiVersion: v1${c}`, 'kind: Service', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:', '  ports:', '  - port: 80']);

const item = fc.oneof(configMap, deployment, service, flowItem);

const values = fc.record({
  enabled: fc.boolean(),
  engine: fc.constantFrom(...ENGINES),
  defaultDeny: fc.boolean(),
  egress: fc.boolean(),
  gate: fc.boolean(),
  webhookPort: fc.integer({ min: 1, max: 65535 }),
});

export type Values = typeof values extends fc.Arbitrary<infer T> ? T : never;

/** A whole ResourceList as kpt or kustomize would send it, plus the values in its functionConfig. */
export const resourceList = (engines: readonly string[]) =>
  fc.record({ items: fc.array(item, { maxLength: 12 }), seqIndent: fc.constantFrom(0, 2), configFirst: fc.boolean(), values, forceController: fc.boolean(), sharedController: fc.boolean() }).map(({ items: generated, seqIndent, configFirst, values: v, forceController, sharedController }) => {
    const engine = engines.includes(v.engine) ? v.engine : 'kubernetes';
    const items = generated.some((lines) => lines.some((l) => l.endsWith('*shared'))) ? [sharedLabels(sharedController), ...generated] : generated;
    const body = items.map((lines) => itemText(lines, seqIndent)).join('');
    const controller = forceController ? itemText(['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: ctl', '  namespace: ctl-system', 'spec:', '  selector:', '    matchLabels: {app.kubernetes.io/name: stageset-controller}', '  template:', '    metadata:', '      labels: {app.kubernetes.io/name: stageset-controller}', '    spec:', '      containers: [{name: m, image: x}]'], seqIndent) : '';
    const config = [
      'functionConfig:',
      '  apiVersion: fn.kpt.dev/v1alpha1',
      '  kind: ControllerNetworkPolicy',
      '  metadata:',
      '    name: np',
      '  ports:',
      `    webhook: ${v.webhookPort}`,
      '  gate:',
      `    enabled: ${v.gate}`,
      '  networkPolicy:',
      `    enabled: ${v.enabled}`,
      `    engine: ${engine}`,
      `    defaultDeny: {enabled: ${v.defaultDeny}}`,
      `    egress: {enabled: ${v.egress}}`,
      '',
    ].join('\n');
    const itemsBlock = `items:\n${body}${controller}`.replace(/^items:\n$/, 'items: []\n');
    const text = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n${configFirst ? config + itemsBlock : itemsBlock + config}`;
    return { text, inputItems: items.map((lines) => itemText(lines, seqIndent)).concat(controller ? [controller] : []) };
  });

/** Values JSON cannot write, put in as raw text: a YAML 1.1 octal would be invalid JSON, these are not. */
const RAW = { '"@big"': '12345678901234567890', '"@float"': '1.0' };
const json = (value: unknown, indent?: number) => Object.entries(RAW).reduce((t, [marker, raw]) => t.replaceAll(marker, raw), JSON.stringify(value, null, indent));

const jsonItem = fc.record({ name: dnsLabel, ns: dnsLabel, controller: fc.boolean() }).map(({ name, ns, controller }) => {
  const labels = controller ? { 'app.kubernetes.io/name': 'stageset-controller' } : { app: name };
  return controller || name.length % 2
    ? { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { replicas: '@big', selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'm', image: 'x' }] } } } }
    : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { mode: '0400', ratio: '@float', on: 'yes' } };
});

/** The same kind of list as JSON (compact or indented): each item comes out as its own JSON text. */
export const jsonResourceList = (engines: readonly string[]) =>
  fc.record({ items: fc.array(jsonItem, { maxLength: 8 }), indent: fc.constantFrom(undefined, 2), values }).map(({ items, indent, values: v }) => {
    const functionConfig = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'np' }, networkPolicy: { enabled: v.enabled, engine: engines.includes(v.engine) ? v.engine : 'kubernetes', defaultDeny: { enabled: v.defaultDeny } } };
    const text = json({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig }, indent);
    // an indented item sits 4 columns in; its own lines move 2 more, under the entry's `- `
    const inputItems = items.map((i) => `- ${indent ? json(i, indent).replace(/\n/g, '\n      ') : json(i)}\n`);
    return { text, inputItems };
  });

/** Any of the lists above: mostly what kpt and kustomize send, sometimes JSON. */
export const anyResourceList = (engines: readonly string[]) => fc.oneof({ arbitrary: resourceList(engines), weight: 4 }, { arbitrary: jsonResourceList(engines), weight: 1 });
