/**
 * `explain` and `diff` through the built entry point (bin/controller-network-policy → dist/explain.cjs):
 * inputs from stdin and files, the exit codes, and a corpus of bad inputs, each a clear message with
 * exit code 1 and never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuild } from '../support/e2e';
import { BIN, ROOT } from '../support/paths';
import { DENY, EGRESS, TIGHT } from '../traffic/matrix-rows';
import { functionOutput } from './support';

const CORPUS = join(ROOT, 'test', 'explain', 'bad-input');
let dir: string;
let main: string;
let change: string;
let narrower: string;

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'cnp-explain-'));
  main = join(dir, 'main.yaml');
  change = join(dir, 'change.yaml');
  writeFileSync(main, functionOutput('kubernetes', TIGHT));
  narrower = join(dir, 'narrower.yaml');
  writeFileSync(change, functionOutput('kubernetes', { ...TIGHT, ...EGRESS, ...DENY, additionalIngress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }] }));
  writeFileSync(narrower, functionOutput('kubernetes', { ...TIGHT, ...DENY }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bin(args: readonly string[], input = '') {
  const out = spawnSync(BIN, args, { input, encoding: 'utf8' });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

test('explain reads stdin, a file, or - alike', () => {
  const fromFile = bin(['explain', main]);
  expect(fromFile.status).toBe(0);
  expect(fromFile.stdout).toMatch(/^## Traffic matrix \(engine: `kubernetes`\)/);
  expect(bin(['explain'], readFileSync(main, 'utf8')).stdout).toBe(fromFile.stdout);
  expect(bin(['explain', '-'], readFileSync(main, 'utf8')).stdout).toBe(fromFile.stdout);
});

test('diff takes - for one side; --fail-on-widening exits 3 when a flow became allowed, 0 otherwise', () => {
  const widened = bin(['diff', '--fail-on-widening', '-', change], readFileSync(main, 'utf8'));
  expect(widened.status).toBe(3);
  expect(widened.stdout).toMatch(/flows? became allowed/);
  expect(bin(['diff', change, main]).status).toBe(0);
  const narrowed = bin(['diff', '--fail-on-widening', main, narrower]);
  expect(narrowed.status).toBe(0);
  expect(narrowed.stdout).toMatch(/^No flow became allowed; \d+ became denied\.$/m);
  expect(bin(['diff', '--fail-on-widening', main, main]).stdout).toContain('No flow changed.');
});

test('diff from a package without the controller: its flows are added, and widen', () => {
  const added = bin(['diff', '--fail-on-widening', '--format', 'json', join(CORPUS, 'no-workload.yaml'), main]);
  expect(added.status).toBe(3);
  const delta = JSON.parse(added.stdout) as { changes: { change: string }[]; notes: string[] };
  expect(new Set(delta.changes.map((c) => c.change))).toEqual(new Set(['added']));
  expect(delta.notes.join('\n')).toMatch(/OLD \(.*no-workload.yaml\): no StageSet controller workload in the input/);
});

test('--engine judges with one engine and says which policies of other engines it left out', () => {
  const out = bin(['explain', '--engine', 'cilium', '--format', 'json', join(CORPUS, 'two-engines.yaml')]);
  expect(out.status).toBe(0);
  expect((JSON.parse(out.stdout) as { notes: string[] }).notes).toEqual(["1 object of other engines' APIs not judged, as the cilium engine does not enforce them: projectcalico.org/v3 NetworkPolicy stageset-system/b"]);
});

test('--format json and mermaid, --format=value too', () => {
  expect(JSON.parse(bin(['explain', '--format=json', main]).stdout)).toMatchObject({ kind: 'TrafficMatrix', version: 1, engine: 'kubernetes' });
  expect(bin(['diff', '--format', 'mermaid', main, change]).stdout).toMatch(/^flowchart LR\n/);
});

test('the function itself stays small: the explain code is only in dist/explain.cjs', () => {
  const bundle = readFileSync(join(ROOT, 'dist', 'controller-network-policy.cjs'), 'utf8');
  const explain = readFileSync(join(ROOT, 'dist', 'explain.cjs'), 'utf8');
  for (const marker of ['TrafficMatrix', 'open-to-every-pod', 'flowchart LR']) {
    expect(bundle).not.toContain(marker);
    expect(explain).toContain(marker);
  }
});

test.each([['explain', '--help'], ['diff', '-h'], ['explain', '--format', 'json', '-h']])('%s %s prints the usage, which names both subcommands', (...args) => {
  const out = bin(args);
  expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
  expect(out.stdout).toMatch(/controller-network-policy explain \[--format markdown\|mermaid\|json\]/);
  expect(out.stdout).toMatch(/controller-network-policy diff \[same options\] \[--fail-on-widening\] OLD NEW/);
});

describe('wrong usage: exit code 2 with the usage text', () => {
  test.each([
    [['explain', '--format', 'html'], '--format must be one of markdown, mermaid, json, not "html"'],
    [['explain', '--colour'], 'unknown option "--colour"'],
    [['explain', '--engine'], '--engine needs a value'],
    [['explain', 'a.yaml', 'b.yaml'], 'explain reads one input'],
    [['diff', 'a.yaml'], 'diff compares two inputs'],
    [['diff', '-', '-'], 'only one of OLD and NEW can be stdin'],
    [['explain', '--fail-on-widening'], 'unknown option "--fail-on-widening"'],
    [['explain', '--selector', 'a in b'], '--selector: cannot parse selector requirement'],
  ])('%j', (args, message) => {
    const out = bin(args);
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 2, stdout: '' });
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('Usage:');
  });
});

describe('bad input: exit code 1, one clear line, no stack trace', () => {
  const cases: [string, readonly string[], string | RegExp][] = [
    ['not-yaml.yaml', [], /is not valid YAML: .*\(line \d+\)/],
    ['scalar.yaml', [], 'document 1 is not a Kubernetes object: apiVersion, kind and metadata.name are required'],
    ['empty-documents.yaml', [], 'holds no YAML document: expected a ResourceList or Kubernetes objects'],
    ['empty.yaml', [], 'holds no YAML document'],
    ['list-item-not-object.yaml', [], 'document 1, items[0] is not a Kubernetes object'],
    ['no-name.yaml', [], 'document 1 is not a Kubernetes object'],
    ['alias-bomb.yaml', [], /document 1: .*alias/],
    ['duplicate-key.yaml', [], /is not valid YAML: duplicated mapping key/],
    ['not-utf8.yaml', [], 'is not UTF-8: invalid byte 0xff at offset 0'],
    ['nul.yaml', [], 'is not YAML text: a NUL character on line 1'],
    ['no-workload.yaml', [], /no StageSet controller workload in the input: no pod template matches app.kubernetes.io\/name=stageset-controller \(workloads seen: Deployment team-a\/web\); pass --selector/],
    ['two-engines.yaml', [], 'holds policies of several engines (calico, cilium): choose the one your cluster runs with --engine'],
    ['two-engines.yaml', ['--engine', 'flannel'], 'unknown engine "flannel": expected one of kubernetes, cilium, calico, clusterNetworkPolicy'],
    ['two-engines.yaml', ['--engine', 'cilium', '--apiserver', 'kube.local'], '--apiserver "kube.local" is not an IP address'],
    // our words, not Node's `no such file or directory`
    ['missing.yaml', [], /missing\.yaml: no such file\n$/],
  ];
  test.each(cases)('%s %j', (file, args, message) => {
    const out = bin(['explain', ...args, join(CORPUS, file)]);
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 1, stdout: '' });
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^controller-network-policy explain: /);
    if (typeof message === 'string') expect(out.stderr).toContain(message);
    else expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  test('a directory, deep nesting, and diff naming the side at fault', () => {
    expect(bin(['explain', CORPUS]).stderr).toMatch(/^controller-network-policy explain: .*bad-input: is a directory\n$/);
    const deep = bin(['explain'], `${'['.repeat(30_000)}${']'.repeat(30_000)}\n`);
    expect({ status: deep.status, stderr: deep.stderr }).toEqual({ status: 1, stderr: 'controller-network-policy explain: stdin is not valid YAML: nested deeper than 1000 levels (line 1)\n' });
    const none = bin(['diff', join(CORPUS, 'no-workload.yaml'), join(CORPUS, 'no-workload.yaml')]);
    expect({ status: none.status, stdout: none.stdout }).toEqual({ status: 1, stdout: '' });
    expect(none.stderr).toMatch(/^controller-network-policy diff: NEW \(.*\): no StageSet controller workload in the input/);
    const diff = bin(['diff', main, join(CORPUS, 'scalar.yaml')]);
    expect({ status: diff.status, stdout: diff.stdout }).toEqual({ status: 1, stdout: '' });
    expect(diff.stderr).toMatch(/^controller-network-policy diff: NEW \(.*scalar.yaml\), document 1 is not a Kubernetes object/);
  });
});
