/**
 * Ownership through the real kpt: several configurations of the function in one pipeline, a label step
 * after it, and an eval without configuration. kpt writes the output back, so each test reads the package.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BIN, describeWithTools, expectSameTree, freshDir, readTree, removeTempDirs, requireBuild, ROOT, runOk, TOOL_ENV, writeTree } from '../support/e2e';
import { CONTROLLER_YAML, KPTFILE_HEADER, typedConfig } from './package-fixtures';

beforeAll(requireBuild);
afterAll(removeTempDirs);

const OWNER = 'controller-network-policy.metio.wtf/owner';

/** Every network policy in the package: "file: kind namespace/name (owner)". */
function policies(dir: string): string[] {
  const found: string[] = [];
  for (const [path, text] of readTree(dir)) {
    if (!/\.ya?ml$/.test(path)) continue;
    for (const doc of parseAllDocuments(text)) {
      const o = doc.toJS() as { kind?: string; metadata?: { name: string; namespace?: string; annotations?: Record<string, string> } } | null;
      if (o?.kind === 'NetworkPolicy') found.push(`${path}: ${o.metadata!.namespace}/${o.metadata!.name} (${o.metadata!.annotations?.[OWNER] ?? 'no owner'})`);
    }
  }
  return found.sort();
}

function render(dir: string, functions: number): void {
  const result = runOk('kpt', ['fn', 'render', dir, '--allow-exec'], { cwd: dir, env: TOOL_ENV });
  expect(result.stderr).toMatch(new RegExp(`Successfully executed ${functions} function`));
}

/** A test-owned label step, as kustomize `labels:` or a GitOps tool would stamp managed-by on everything. */
function labelStep(): string {
  const file = join(freshDir('cnp-label-'), 'stamp-managed-by');
  writeFileSync(
    file,
    `#!/usr/bin/env node
// Like most functions it rebuilds the list from plain data (comments are the package's business).
const { parse, stringify } = require(${JSON.stringify(join(ROOT, 'node_modules', 'yaml'))});
const list = parse(require('node:fs').readFileSync(0, 'utf8'));
for (const item of list.items) item.metadata.labels = { ...item.metadata.labels, 'app.kubernetes.io/managed-by': 'kpt' };
process.stdout.write(stringify(list));
`,
  );
  chmodSync(file, 0o755);
  return file;
}

describeWithTools(['kpt'], 'ownership through kpt fn render', () => {
  test('two configurations of the function in one pipeline keep each other\'s policies (configMap: steps share kpt\'s name function-input)', () => {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, {
      Kptfile: `${KPTFILE_HEADER}pipeline:
  mutators:
  - exec: ${BIN}
    configMap: {networkPolicy.enabled: "true", target.namespace: team-a}
  - exec: ${BIN}
    configMap: {networkPolicy.enabled: "true", target.namespace: team-b}
`,
      'team-a.yaml': CONTROLLER_YAML.replace(/stageset-system/g, 'team-a'),
      'team-b.yaml': CONTROLLER_YAML.replace(/stageset-system/g, 'team-b'),
    });
    render(dir, 2);
    expect(policies(dir)).toEqual([
      'team-a/networkpolicy_stageset-controller.yaml: team-a/stageset-controller (ConfigMap/function-input [namespace=team-a selector=app.kubernetes.io/name=stageset-controller])',
      'team-b/networkpolicy_stageset-controller.yaml: team-b/stageset-controller (ConfigMap/function-input [namespace=team-b selector=app.kubernetes.io/name=stageset-controller])',
    ]);
    const first = readTree(dir);
    render(dir, 2);
    expectSameTree(first, readTree(dir), 'second render of two configurations');
  });

  test('a label step after the function stamps managed-by: kpt; the next render still owns, updates and keeps its policies', () => {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, {
      Kptfile: `${KPTFILE_HEADER}pipeline:
  mutators:
  - exec: ${BIN}
    configPath: network-policy.yaml
  - exec: ${labelStep()}
`,
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': typedConfig('enabled: true\ndefaultDeny:\n  enabled: true'),
    });
    render(dir, 2);
    const policyFile = join(dir, 'stageset-system', 'networkpolicy_stageset-controller.yaml');
    expect(readFileSync(policyFile, 'utf8')).toContain('app.kubernetes.io/managed-by: kpt');
    const first = readTree(dir);
    render(dir, 2);
    expectSameTree(first, readTree(dir), 'second render after a label step');
    // and a change of values still updates the policy in place
    writeFileSync(join(dir, 'network-policy.yaml'), typedConfig('enabled: true\ndefaultDeny:\n  enabled: true\nmetrics:\n  from:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}'));
    render(dir, 2);
    expect(readFileSync(policyFile, 'utf8')).toContain('kubernetes.io/metadata.name: monitoring');
    expect(policies(dir)).toHaveLength(2);
  });
});

describeWithTools(['kpt'], 'kpt fn eval without configuration', () => {
  test('no -- arguments (kpt sends an empty function-input): nothing is removed, and a warning says why', () => {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, { 'controller.yaml': CONTROLLER_YAML });
    runOk('kpt', ['fn', 'eval', dir, '--exec', BIN, '--', 'networkPolicy.enabled=true'], { cwd: dir, env: TOOL_ENV });
    const rendered = readTree(dir);
    expect(policies(dir)).toHaveLength(1);
    const result = runOk('kpt', ['fn', 'eval', dir, '--exec', BIN], { cwd: dir, env: TOOL_ENV });
    expect(result.stderr).toMatch(/networkPolicy\.enabled[^\n]*is not set/);
    expectSameTree(rendered, readTree(dir), 'eval without configuration');
  });
});
