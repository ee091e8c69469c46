import { parse } from 'yaml';
import { parseItemOf } from '../../src/krm/resource-list';
import { readResourceList } from '../../src/krm/read-resource-list';
import { run } from '../../src/run';
import { source } from '../support/source';
import { ALIASING_CONTROLLER, ANCHORED_CONTROLLER, APP, list, outputItems, SHARED_LABELS } from './lossless-fixtures';

function read(text: string) {
  const outcome = readResourceList(text);
  if (!outcome.value) throw new Error(outcome.results[0]!.message);
  return outcome.value;
}

/** The NetworkPolicies in the output, as data. */
function policies(stdout: string): { metadata: { name: string }; spec: { podSelector: unknown } }[] {
  const items = (parse(stdout) as { items: { kind: string }[] }).items;
  return items.filter((i) => i.kind === 'NetworkPolicy') as never;
}

describe('anchors and aliases', () => {
  test('an anchor and its aliases inside one item keep the list on the line-scanning path', () => {
    const input = read(list([APP, ANCHORED_CONTROLLER]));
    expect(input.source.mode).toBe('fast');
    expect(input.source.items).toEqual([APP, ANCHORED_CONTROLLER]);
  });

  test('kpt’s anchored controller: every item comes out byte-for-byte (octal, big integer, 1.0, comments, flow style)', () => {
    const out = run(list([APP, ANCHORED_CONTROLLER]));
    expect(out.exitCode).toBe(0);
    const items = outputItems(out.stdout);
    expect(items.slice(0, 2)).toEqual([APP, ANCHORED_CONTROLLER]);
    expect(out.stdout).toContain('defaultMode: 0400 # owner read-only');
    expect(out.stdout).toContain('replicas: 12345678901234567890');
    // the aliases were resolved to find the controller's labels
    expect(policies(out.stdout).map((p) => p.spec.podSelector)).toEqual([
      { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller', 'app.kubernetes.io/instance': 'stageset-controller' } },
    ]);
  });

  test('an alias to an earlier item’s anchor stays an alias: every item is written from its own bytes', () => {
    const text = list([APP, SHARED_LABELS, ALIASING_CONTROLLER]);
    const out = run(text);
    expect(out.exitCode).toBe(0);
    expect(outputItems(out.stdout).slice(0, 3)).toEqual([APP, SHARED_LABELS, ALIASING_CONTROLLER]);
    expect(out.stdout.startsWith(text.slice(0, text.indexOf('functionConfig:')))).toBe(true);
    // the controller's labels only exist through the alias, and it was still found
    expect(policies(out.stdout).map((p) => [p.metadata.name, p.spec.podSelector])).toEqual([['ctl', { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }]]);
    expect(run(text, { parseEverything: true })).toEqual(out);
  });

  test('an item parsed on its own resolves an alias to an earlier item through the list', () => {
    const input = read(list([SHARED_LABELS, ALIASING_CONTROLLER]));
    const [, controller] = input.items;
    expect(controller!.header.uncertain).toBe(true); // its text alone cannot say which labels it has
    const parsed = parseItemOf(input, controller!);
    expect(parsed.error).toBeUndefined();
    expect(parsed.object?.spec).toMatchObject({ selector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } } });
  });

  test('an alias bomb in an item that matters is an error result, not a hang', () => {
    const bomb = source`
      - apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: stageset-controller
          namespace: ns
          annotations:
            a: &a [x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        spec:
          template:
            metadata:
              labels: {app.kubernetes.io/name: stageset-controller}
    `;
    const out = run(list([APP, bomb]));
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/items\[1\] is not valid YAML: its aliases expand \d+ values to \d+: refused as an alias bomb/);
    expect(outputItems(out.stdout)).toEqual([APP, bomb]);
  });

  test('an alias inside its own anchor (a cycle) is an error result, not a hang', () => {
    const cyclic = ANCHORED_CONTROLLER.replace('labels: &l\n', 'labels: &l\n      self: *l\n');
    const out = run(list([APP, cyclic]));
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/items\[1\] is not valid YAML: an alias refers to a node that contains it/);
  });

  test('an unresolvable alias in an item that matters names the item', () => {
    const dangling = ALIASING_CONTROLLER;
    const out = run(list([APP, dangling]));
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/items\[1\] is not valid YAML: .*controller-labels/);
  });

  test('10,000 items and one alias: still the line-scanning path', () => {
    const filler = (i: number) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c${i}\n    namespace: ns\n  data:\n    key: "0400"\n`;
    const items = Array.from({ length: 10_000 }, (_, i) => (i === 5_000 ? ANCHORED_CONTROLLER : filler(i)));
    const input = read(list(items));
    expect(input.source.mode).toBe('fast');
    expect(input.source.items).toHaveLength(10_000);
  });
});
