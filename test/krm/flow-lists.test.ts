import { load } from 'js-yaml';
import { parse } from 'yaml';
import { readResourceList } from '../../src/krm/read-resource-list';
import { writeResourceList } from '../../src/krm/write-resource-list';
import { run } from '../../src/run';
import { source } from '../support/source';
import { outputItems } from './lossless-fixtures';

const stripResults = (text: string) => text.replace(/\nresults:\n[\s\S]*$/, '\n');

function roundTrip(text: string, forceParse = false) {
  const read = readResourceList(text, { forceParse });
  if (!read.value) throw new Error(read.results[0]!.message);
  return { read: read.value, out: writeResourceList(read.value, undefined, []) };
}

/** What the three readers make of a text: YAML 1.1 (kubectl, kpt, kustomize) and YAML 1.2. */
const readings = (text: string) => [parse(text, { version: '1.1', intAsBigInt: true }), parse(text, { intAsBigInt: true }), load(text)];

const CONTROLLER = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'stageset-controller', namespace: 'stageset-system' },
  spec: {
    selector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } },
    template: { metadata: { labels: { 'app.kubernetes.io/name': 'stageset-controller' } }, spec: { containers: [{ name: 'm', image: 'x' }] } },
  },
};

describe('flow-style and JSON lists', () => {
  test('JSON: each item is written as a block entry holding its own JSON text, re-indented', () => {
    const json = `{
  "apiVersion": "config.kubernetes.io/v1",
  "kind": "ResourceList",
  "items": [
    {
      "apiVersion": "v1",
      "kind": "ConfigMap",
      "metadata": {"name": "a"},
      "data": {"on": "yes", "big": 12345678901234567890, "float": 1.0, "text": "line one\\nline two"}
    },
    {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}, "stringData": {"x": "y"}}
  ]
}`;
    const { read, out } = roundTrip(json);
    expect(read.source.mode).toBe('flow');
    expect(out).toBe(source`
      "apiVersion": "config.kubernetes.io/v1"
      "kind": "ResourceList"
      items:
      - {
              "apiVersion": "v1",
              "kind": "ConfigMap",
              "metadata": {"name": "a"},
              "data": {"on": "yes", "big": 12345678901234567890, "float": 1.0, "text": "line one\\nline two"}
            }
      - {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}, "stringData": {"x": "y"}}
    `);
    expect(readings(out)).toEqual(readings(json));
    expect(roundTrip(json, true).out).toBe(out);
  });

  test('flow items in a block list: octal, big integer, 1.0 and comments inside an item survive; anchors across items still resolve', () => {
    const text = source`
      apiVersion: config.kubernetes.io/v1
      kind: ResourceList
      items: [
        {apiVersion: apps/v1, kind: Deployment, metadata: {name: app, namespace: apps, labels: &l {app: app}},
         spec: {replicas: 12345678901234567890, # a comment
           template: {metadata: {labels: *l}, spec: {volumes: [{name: s, secret: {secretName: s, defaultMode: 0400}}],
           containers: [{name: app, image: "nginx:1.27", resources: {limits: {cpu: 1.0}}}]}}}},
        !!map &second {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {copy: *l}},
        *second
      ]
      functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: function-input}}
    `;
    const { read, out } = roundTrip(text);
    expect(read.source.mode).toBe('flow');
    expect(read.source.items).toEqual([
      source`
        - {apiVersion: apps/v1, kind: Deployment, metadata: {name: app, namespace: apps, labels: &l {app: app}},
             spec: {replicas: 12345678901234567890, # a comment
               template: {metadata: {labels: *l}, spec: {volumes: [{name: s, secret: {secretName: s, defaultMode: 0400}}],
               containers: [{name: app, image: "nginx:1.27", resources: {limits: {cpu: 1.0}}}]}}}}
      `,
      '- !!map &second {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {copy: *l}}\n',
      '- *second\n',
    ]);
    expect(out).toContain('items:\n- {apiVersion');
    expect(readings(out)).toEqual(readings(text));
  });

  test('a JSON list through the function: the controller is found, the output is block style, a second run changes nothing', () => {
    const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' }, data: { mode: '0400' } };
    const config = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'np' }, networkPolicy: { enabled: true } };
    const json = JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [big, CONTROLLER], functionConfig: config });
    const first = run(json);
    expect(first.exitCode).toBe(0);
    const items = outputItems(first.stdout);
    expect(items.slice(0, 2)).toEqual([`- ${JSON.stringify(big)}\n`, `- ${JSON.stringify(CONTROLLER)}\n`]);
    expect(items[2]).toMatch(/^- apiVersion: networking.k8s.io\/v1\n {2}kind: NetworkPolicy\n/);
    expect(run(json, { parseEverything: true })).toEqual(first);
    const second = run(stripResults(first.stdout));
    expect(second.exitCode).toBe(0);
    expect(stripResults(second.stdout)).toBe(stripResults(first.stdout));
  });

  test('an empty JSON list stays a valid block list', () => {
    expect(roundTrip('{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": []}').out).toBe('"apiVersion": "config.kubernetes.io/v1"\n"kind": "ResourceList"\nitems: []\n');
  });
});
