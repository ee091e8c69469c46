/**
 * kpt drives the built entry point (bin/controller-network-policy) on packages on disk:
 * `kpt fn eval --exec` with `-- key=value` (a ConfigMap functionConfig) and `kpt fn render
 * --allow-exec` with a Kptfile pipeline (typed functionConfig via configPath). kpt writes the output
 * back to the files, so these tests check what a user sees in the package afterwards.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BIN, describeWithTools, expectSameTree, FAKE_DOCKER_DIR, freshDir, gitDiff, gitSnapshot, IMAGE, readTree, removeTempDirs, requireBuild, run, runOk, TOOL_ENV, writeTree, type RunResult } from '../support/e2e';
import { stageTestImage } from '../support/stage-image';
import { ANCHORED_CONTROLLER_YAML, APP_YAML, CONTROLLER_YAML, deepControllerYaml, kptfile, NAMESPACE, typedConfig } from './package-fixtures';
import { controllerLabels } from '../../fixtures/stageset-controller.mjs';

const ALLOWLIST = `${NAMESPACE}/networkpolicy_stageset-controller.yaml`;
const DEFAULT_DENY = `${NAMESPACE}/networkpolicy_stageset-controller-default-deny.yaml`;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'controller-network-policy' };

beforeAll(requireBuild);
afterAll(removeTempDirs);

function kpt(args: readonly string[], cwd: string): RunResult {
  return run('kpt', args, { cwd, env: TOOL_ENV });
}

function kptOk(args: readonly string[], cwd: string): RunResult {
  return runOk('kpt', args, { cwd, env: TOOL_ENV });
}

/** The objects of one YAML file. */
function objects(file: string): Record<string, any>[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, any>);
}

/** Every object in the package whose kind is one of kinds, keyed by "file: kind ns/name". */
function generated(dir: string): string[] {
  const found: string[] = [];
  for (const [path] of readTree(dir)) {
    if (!/\.ya?ml$|Kptfile$/.test(path)) continue;
    for (const o of objects(join(dir, path))) {
      if (o?.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'controller-network-policy') found.push(`${path}: ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
    }
  }
  return found.sort();
}

describeWithTools(['kpt'], 'kpt fn eval --exec', () => {
  function newPackage(): string {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, { 'controller.yaml': CONTROLLER_YAML });
    return dir;
  }

  test('-- key=value args: the NetworkPolicies land in <namespace>/networkpolicy_<name>.yaml, the user file is untouched', () => {
    const dir = newPackage();
    const result = kptOk(['fn', 'eval', dir, '--exec', BIN, '--', 'networkPolicy.enabled=true', 'networkPolicy.defaultDeny.enabled=true'], dir);
    expect(result.stderr).toMatch(/\[PASS\]/);
    expect(readFileSync(join(dir, 'controller.yaml'), 'utf8')).toBe(CONTROLLER_YAML);
    expect(generated(dir)).toEqual([`${DEFAULT_DENY}: NetworkPolicy ${NAMESPACE}/stageset-controller-default-deny`, `${ALLOWLIST}: NetworkPolicy ${NAMESPACE}/stageset-controller`]);

    const [allow] = objects(join(dir, ALLOWLIST));
    expect(allow).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'stageset-controller', namespace: NAMESPACE, labels: MANAGED_BY },
      spec: {
        podSelector: { matchLabels: controllerLabels() },
        policyTypes: ['Ingress'],
      },
    });
    const ports = (allow!.spec.ingress as { ports: { port: number; protocol: string }[] }[]).flatMap((r) => r.ports.map((p) => `${p.protocol}/${p.port}`));
    expect(ports.sort()).toEqual(['TCP/8080', 'TCP/8081', 'TCP/8082', 'TCP/9443']);
    // no annotation of kpt's (path, index, id) or of the Deployment leaks into the generated files
    expect(readFileSync(join(dir, ALLOWLIST), 'utf8')).not.toMatch(/config\.k(ubernetes\.io|8s\.io)\/|internal\./);

    const [deny] = objects(join(dir, DEFAULT_DENY));
    expect(deny).toMatchObject({ metadata: { namespace: NAMESPACE, labels: MANAGED_BY }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  });

  test('a second eval with the same args changes nothing', () => {
    const dir = newPackage();
    const args = ['fn', 'eval', dir, '--exec', BIN, '--', 'networkPolicy.enabled=true', 'networkPolicy.egress.enabled=true'];
    kptOk(args, dir);
    const first = readTree(dir);
    kptOk(args, dir);
    expectSameTree(first, readTree(dir), 'second kpt fn eval');
  });

  test('networkPolicy.enabled=false removes what an earlier run generated (kpt deletes the emptied files)', () => {
    const dir = newPackage();
    kptOk(['fn', 'eval', dir, '--exec', BIN, '--', 'networkPolicy.enabled=true', 'networkPolicy.defaultDeny.enabled=true'], dir);
    expect(generated(dir)).toHaveLength(2);
    kptOk(['fn', 'eval', dir, '--exec', BIN, '--', 'networkPolicy.enabled=false'], dir);
    expect([...readTree(dir).keys()]).toEqual(['controller.yaml']);
    expect(readFileSync(join(dir, 'controller.yaml'), 'utf8')).toBe(CONTROLLER_YAML);
  });

  test('-i IMAGE: kpt runs the container (through the fake docker, as nobody without network) with the same result', () => {
    const dir = newPackage();
    const image = stageTestImage();
    const log = join(freshDir('cnp-log-'), 'docker.log');
    runOk('kpt', ['fn', 'eval', dir, '-i', IMAGE, '--', 'networkPolicy.enabled=true'], {
      cwd: dir,
      path: [FAKE_DOCKER_DIR],
      env: { ...TOOL_ENV, FAKE_DOCKER_IMAGE_ROOT: image.appDir, FAKE_DOCKER_LOG: log },
    });
    expect(generated(dir)).toEqual([`${ALLOWLIST}: NetworkPolicy ${NAMESPACE}/stageset-controller`]);
    const ran = readFileSync(log, 'utf8');
    expect(ran).toContain(`argv: run --rm -i --network none --user nobody --security-opt=no-new-privileges --pull missing ${IMAGE}`);
    if (process.getuid?.() === 0) expect(ran).toContain('uid: 65534 network: none');
  });

  test('a mistake in the args fails the eval with the function message, and the package is untouched', () => {
    const dir = newPackage();
    const before = readTree(dir);
    const result = kpt(['fn', 'eval', dir, '--exec', BIN, '--', 'networkPolicy.enabled=true', 'networkPolicy.egress.dnss=false'], dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/\[FAIL\]/);
    expect(result.stderr).toMatch(/\[error\][^\n]*dnss/);
    expectSameTree(before, readTree(dir), 'failed kpt fn eval');
  });
});

describeWithTools(['kpt'], 'kpt fn render --allow-exec (Kptfile pipeline, configPath)', () => {
  const VALUES = `enabled: true
engine: kubernetes # the vanilla API
defaultDeny:
  enabled: true
egress:
  enabled: false`;

  function newPackage(values = VALUES, pipelineExtra = ''): string {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, {
      Kptfile: kptfile(BIN, 'network-policy.yaml', pipelineExtra),
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': typedConfig(values),
    });
    return dir;
  }

  function render(dir: string): RunResult {
    const result = kptOk(['fn', 'render', dir, '--allow-exec'], dir);
    expect(result.stderr).toMatch(/Successfully executed 1 function/);
    return result;
  }

  function setValues(dir: string, values: string): void {
    writeFileSync(join(dir, 'network-policy.yaml'), typedConfig(values));
  }

  test('twice: the second render changes no byte, no object is duplicated or moved, user files keep comments and quoting', () => {
    const dir = newPackage();
    const before = readTree(dir);
    render(dir);
    const first = readTree(dir);
    // the user's files come out byte for byte (comments, "quoted" strings, flow style, ---)
    for (const file of ['Kptfile', 'controller.yaml', 'network-policy.yaml']) expect(first.get(file)).toBe(before.get(file));
    expect(generated(dir)).toEqual([`${DEFAULT_DENY}: NetworkPolicy ${NAMESPACE}/stageset-controller-default-deny`, `${ALLOWLIST}: NetworkPolicy ${NAMESPACE}/stageset-controller`]);

    render(dir);
    expectSameTree(first, readTree(dir), 'second kpt fn render');
  });

  test('a changed value updates the generated object in place: same file, the comment the user added there survives', () => {
    const dir = newPackage();
    render(dir);
    // the user annotates the generated file
    const file = join(dir, ALLOWLIST);
    const annotated = readFileSync(file, 'utf8').replace(/^kind: NetworkPolicy$/m, 'kind: NetworkPolicy # reviewed by the platform team');
    expect(annotated).toContain('# reviewed by the platform team');
    writeFileSync(file, annotated);

    setValues(dir, VALUES.replace('egress:\n  enabled: false', 'egress:\n  enabled: true'));
    render(dir);
    expect(generated(dir)).toEqual([`${DEFAULT_DENY}: NetworkPolicy ${NAMESPACE}/stageset-controller-default-deny`, `${ALLOWLIST}: NetworkPolicy ${NAMESPACE}/stageset-controller`]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('kind: NetworkPolicy # reviewed by the platform team');
    const [allow] = objects(file);
    expect(allow!.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(JSON.stringify(allow!.spec.egress)).toMatch(/"port":53/);
    const [deny] = objects(join(dir, DEFAULT_DENY));
    expect(deny!.spec.policyTypes).toEqual(['Ingress', 'Egress']);

    const after = readTree(dir);
    render(dir);
    expectSameTree(after, readTree(dir), 'render after the update');
  });

  test('a generated object the user moved to a file of their own stays there', () => {
    const dir = newPackage();
    render(dir);
    const moved = `# our policies\n${readFileSync(join(dir, ALLOWLIST), 'utf8')}`;
    writeTree(dir, { 'policies.yaml': moved });
    run('rm', [join(dir, ALLOWLIST)]);
    render(dir);
    expect(generated(dir)).toEqual([`policies.yaml: NetworkPolicy ${NAMESPACE}/stageset-controller`, `${DEFAULT_DENY}: NetworkPolicy ${NAMESPACE}/stageset-controller-default-deny`]);
    expect(readFileSync(join(dir, 'policies.yaml'), 'utf8')).toBe(moved);
  });

  test('switching the engine replaces the old objects with the new kind; disabling removes them all', () => {
    const dir = newPackage();
    render(dir);
    setValues(dir, VALUES.replace('engine: kubernetes', 'engine: cilium'));
    render(dir);
    expect(generated(dir)).toEqual([
      `${NAMESPACE}/ciliumnetworkpolicy_stageset-controller-default-deny.yaml: CiliumNetworkPolicy ${NAMESPACE}/stageset-controller-default-deny`,
      `${NAMESPACE}/ciliumnetworkpolicy_stageset-controller.yaml: CiliumNetworkPolicy ${NAMESPACE}/stageset-controller`,
    ]);
    expect(existsSync(join(dir, ALLOWLIST))).toBe(false);

    setValues(dir, 'enabled: false');
    const result = render(dir);
    expect(result.stderr).toMatch(/nothing rendered/);
    expect([...readTree(dir).keys()].sort()).toEqual(['Kptfile', 'controller.yaml', 'network-policy.yaml']);
  });

  test('an error fails the render (non-zero exit, the function message shown) and writes nothing', () => {
    const dir = newPackage(`${VALUES}\nmetrics:\n  form: []`);
    const before = readTree(dir);
    const result = run('kpt', ['fn', 'render', dir, '--allow-exec'], { cwd: dir, env: TOOL_ENV });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/\[FAIL\]/);
    expect(result.stderr).toMatch(/metrics\.form/);
    expectSameTree(before, readTree(dir), 'failed render');
  });

  test('selectors that include the generated kind keep renders idempotent', () => {
    const dir = newPackage(VALUES, '    selectors:\n    - kind: Deployment\n    - kind: NetworkPolicy\n');
    render(dir);
    const first = readTree(dir);
    expect(generated(dir)).toHaveLength(2);
    render(dir);
    expectSameTree(first, readTree(dir), 'second render with selectors');
  });

  test('documented trap: selectors without the generated kind hide the earlier output, so kpt duplicates it', () => {
    const dir = newPackage(VALUES, '    selectors:\n    - kind: Deployment\n');
    render(dir);
    render(dir);
    // the function never saw its own objects: each render appends them again (kpt behaviour, see README)
    const copies = objects(join(dir, ALLOWLIST)).filter((o) => o?.kind === 'NetworkPolicy');
    expect(copies.length).toBe(2);
  });

  test('the package can be rendered from any working directory when exec is an absolute path', () => {
    const dir = newPackage();
    const elsewhere = freshDir();
    kptOk(['fn', 'render', dir, '--allow-exec'], elsewhere);
    expect(generated(dir)).toHaveLength(2);
  });

  test('documented trap: a relative exec path is resolved from kpt’s working directory, not the package', () => {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, {
      Kptfile: kptfile('./bin/controller-network-policy'),
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': typedConfig(VALUES),
    });
    const result = kpt(['fn', 'render', dir, '--allow-exec'], freshDir());
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/no such file or directory/);
  });
});

describeWithTools(['kpt', 'git'], 'kpt fn render --allow-exec: nothing the function does not own changes (issue 9)', () => {
  function newPackage(controller: string): string {
    const dir = join(freshDir(), 'pkg');
    writeTree(dir, {
      Kptfile: kptfile(BIN),
      'app.yaml': APP_YAML,
      'controller.yaml': controller,
      'network-policy.yaml': typedConfig('enabled: true'),
    });
    gitSnapshot(dir);
    return dir;
  }

  /** The patch of everything but the new policy file. */
  const changedFiles = (diff: string) => [...diff.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);

  test('an anchored controller: app.yaml (0400, a big integer, 1.0, comments, flow style) and controller.yaml stay byte-identical', () => {
    const dir = newPackage(ANCHORED_CONTROLLER_YAML);
    kptOk(['fn', 'render', dir, '--allow-exec'], dir);
    expect(changedFiles(gitDiff(dir))).toEqual([ALLOWLIST]);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(APP_YAML);
    expect(readFileSync(join(dir, 'controller.yaml'), 'utf8')).toBe(ANCHORED_CONTROLLER_YAML);
    const [allow] = objects(join(dir, ALLOWLIST));
    expect(allow!.spec.podSelector).toEqual({ matchLabels: controllerLabels() });

    const first = readTree(dir);
    kptOk(['fn', 'render', dir, '--allow-exec'], dir);
    expectSameTree(first, readTree(dir), 'second render of the anchored package');
  });

  // kpt reads up to 10,000 levels, but takes about 13 s for that alone (its YAML library slows down with
  // depth); 5,000 levels (5 s) is well past what the main thread's stack can parse, so the function's
  // second attempt on a larger stack is what runs. test/cli/input-forms.test.ts feeds 10,000 directly.
  test('a controller nested 5,000 levels deep renders', () => {
    const controller = deepControllerYaml(5_000);
    const dir = newPackage(controller);
    runOk('kpt', ['fn', 'render', dir, '--allow-exec'], { cwd: dir, env: TOOL_ENV, timeoutMs: 120_000 });
    expect(changedFiles(gitDiff(dir))).toEqual([ALLOWLIST]);
    expect(readFileSync(join(dir, 'controller.yaml'), 'utf8')).toBe(controller);
  }, 180_000);
});
