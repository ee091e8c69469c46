/** Inputs the line scanner does not take as they are, through the built entry point. */
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { BIN } from '../support/paths';
import { ANCHORED_CONTROLLER, APP, deepConfig, deepController, list, nested, outputItems } from '../krm/lossless-fixtures';

function bin(input: string | Buffer) {
  const out = spawnSync(BIN, [], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { stdout: out.stdout, stderr: out.stderr, status: out.status };
}

const kinds = (stdout: string) => (parse(stdout) as { items: { kind: string }[] }).items.map((i) => i.kind);

describe('input forms through bin/controller-network-policy', () => {
  test('JSON: every item comes out as its own JSON text in a block list, and the policy is added', () => {
    const app = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' }, data: { n: 1 } };
    const controller = parse(ANCHORED_CONTROLLER.replace(/^- /, '  ')) as object;
    const config = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'np' }, networkPolicy: { enabled: true } };
    const json = JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [app, controller], functionConfig: config }, null, 2);
    const out = bin(json);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^"apiVersion": "config.kubernetes.io\/v1"\n"kind": "ResourceList"\nitems:\n- \{\n/);
    // the item sat 4 columns in, under `"items": [`; its own lines move 2 more, under the entry's `- `
    expect(outputItems(out.stdout)[0]).toBe(`- ${JSON.stringify(app, null, 2).replace(/\n/g, '\n      ')}\n`);
    expect(kinds(out.stdout)).toEqual(['ConfigMap', 'Deployment', 'NetworkPolicy']);
  });

  test('CRLF: the output keeps CRLF, and every input item byte-for-byte', () => {
    const text = list([APP, ANCHORED_CONTROLLER]).replace(/\n/g, '\r\n');
    const out = bin(text);
    expect(out.status).toBe(0);
    expect(out.stdout.startsWith(text.slice(0, text.indexOf('functionConfig:')))).toBe(true);
    expect(out.stdout).not.toMatch(/[^\r]\n/);
    expect(kinds(out.stdout)).toEqual(['Deployment', 'Deployment', 'NetworkPolicy']);
  });

  test('valid UTF-8 holding U+FFFD is not mistaken for invalid input', () => {
    const item = '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: g\n  data:\n    glyph: "\uFFFD"\n';
    const out = bin(Buffer.from(list([item, ANCHORED_CONTROLLER])));
    expect(out.stderr).not.toMatch(/\[error\]/);
    expect(out.status).toBe(0);
    expect(outputItems(out.stdout)[0]).toBe(item);
  });

  test('invalid UTF-8 is an error result naming the offset', () => {
    const out = bin(Buffer.concat([Buffer.from('kind: ResourceList\n# caf'), Buffer.from([0xe9, 0x0a])]));
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('[error] input is not UTF-8: invalid byte 0xe9 at offset 24; expected a ResourceList on stdin\n');
  });

  test('a controller nested 10,000 levels deep, as kpt sends it, is read', () => {
    const out = bin(list([APP, deepController(10_000)]));
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    // (yaml in this test's own thread could not parse the output back: compare text)
    const items = outputItems(out.stdout);
    expect(items.slice(0, 2)).toEqual([APP, deepController(10_000)]);
    expect(items[2]).toMatch(/^- apiVersion: networking.k8s.io\/v1\n {2}kind: NetworkPolicy\n {2}metadata:\n {4}name: stageset-controller\n/);
  });

  test('a functionConfig nested 10,000 levels deep is read', () => {
    const out = bin(list([deepController(3)], deepConfig(10_000)));
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(/^\[warning\] [^\n]*unknown key "deep"/);
  });

  test('a JSON list nested 10,000 levels deep is read', () => {
    const config = '{"apiVersion": "fn.kpt.dev/v1alpha1", "kind": "ControllerNetworkPolicy", "metadata": {"name": "np"}, "networkPolicy": {"enabled": false}}';
    const out = bin(`{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": ${nested(10_000)}}], "functionConfig": ${config}}`);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('networkPolicy.enabled is false: nothing rendered');
  });

  test('nesting beyond the limit is an error result that says so', () => {
    const out = bin(list([deepController(20_001)]));
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('[error] items[0] is not valid YAML: nested deeper than 20000 levels (line 14 of the item)\n');
  });
});
