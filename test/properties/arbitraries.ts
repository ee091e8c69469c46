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
const deployment = fc.record({ name: dnsLabel, ns: dnsLabel, controller: fc.boolean(), c: comment, a: fc.option(annotations, { nil: undefined }), flow: fc.boolean() }).map(({ name, ns, controller, c, a, flow }) => {
  const labels = controller ? controllerLabels : [`app: ${name}`];
  const labelBlock = flow ? [`{${labels.join(', ')}}`] : labels;
  const block = (indent: string) => (flow ? [` ${labelBlock[0]}`] : labelBlock.map((l) => `\n${indent}${l}`));
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}${c}`,
    `  namespace: ${ns}`,
    ...(a ?? []),
    'spec:',
    `  selector:`,
    `    matchLabels:${block('      ').join('')}`,
    '  template:',
    '    metadata:',
    `      labels:${block('        ').join('')}`,
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: "nginx:1.27"',
    '        ports:',
    '        - containerPort: 8080',
  ].flatMap((l) => l.split('\n'));
});

const service = fc.record({ name: dnsLabel, ns: dnsLabel, c: comment }).map(({ name, ns, c }) => [`apiVersion: v1${c}`, 'kind: Service', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:', '  ports:', '  - port: 80']);

const item = fc.oneof(configMap, deployment, service);

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
  fc.record({ items: fc.array(item, { maxLength: 12 }), seqIndent: fc.constantFrom(0, 2), configFirst: fc.boolean(), values, forceController: fc.boolean() }).map(({ items, seqIndent, configFirst, values: v, forceController }) => {
    const engine = engines.includes(v.engine) ? v.engine : 'kubernetes';
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
