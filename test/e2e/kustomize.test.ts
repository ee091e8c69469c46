/**
 * `kubectl kustomize --enable-alpha-plugins` (kustomize v5 built into kubectl) runs the function's
 * CONTAINER image, declared with the `config.kubernetes.io/function` annotation. There is no Docker
 * daemon here: test/support/fake-docker/docker, first on PATH, accepts kustomize's exact `docker run`
 * argv and runs the runtime image's files (staged from the Dockerfile) as nobody without network.
 *
 * kubectl kustomize cannot run EXEC functions (it has no --enable-exec; they are skipped silently),
 * so the exec form is covered by examples/kustomize-exec (see test/examples).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describeWithTools, FAKE_DOCKER_DIR, freshDir, IMAGE, removeTempDirs, requireBuild, run, TOOL_ENV, writeTree, type RunResult } from '../support/e2e';
import { stageTestImage, type StagedImage } from '../support/stage-image';
import { CONTROLLER_YAML, kustomizeConfig } from './package-fixtures';
import { controllerLabels } from '../../fixtures/stageset-controller.mjs';

interface KObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
}

let image: StagedImage;
let log: string;

beforeAll(() => {
  requireBuild();
  image = stageTestImage();
});

beforeEach(() => {
  log = join(freshDir('cnp-log-'), 'docker.log');
});

afterAll(removeTempDirs);

function kustomize(dir: string): RunResult {
  return run('kubectl', ['kustomize', '--enable-alpha-plugins', dir], {
    cwd: dir,
    path: [FAKE_DOCKER_DIR],
    env: { ...TOOL_ENV, FAKE_DOCKER_IMAGE_ROOT: image.appDir, FAKE_DOCKER_LOG: log },
  });
}

function build(dir: string): KObject[] {
  const result = kustomize(dir);
  if (result.status !== 0) throw new Error(result.report);
  return parseAllDocuments(result.stdout).map((d) => d.toJS() as KObject);
}

const byKind = (objects: KObject[], kind: string) => objects.filter((o) => o.kind === kind);

describeWithTools(['kubectl'], 'kubectl kustomize --enable-alpha-plugins, container function', () => {
  const VALUES = 'enabled: true\ndefaultDeny:\n  enabled: true';

  test('transformers: the policies are in the build output, in the namespace kustomize gave the Deployment', () => {
    const dir = join(freshDir(), 'app');
    writeTree(dir, {
      'kustomization.yaml': 'namespace: stageset-prod\nresources:\n- controller.yaml\ntransformers:\n- network-policy.yaml\n',
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': kustomizeConfig(VALUES),
    });
    const out = build(dir);
    expect(out.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'Deployment stageset-prod/stageset-controller',
      'NetworkPolicy stageset-prod/stageset-controller',
      'NetworkPolicy stageset-prod/stageset-controller-default-deny',
      'Service stageset-prod/stageset-controller-webhook',
    ]);
    const [allow] = out.filter((o) => o.metadata.name === 'stageset-controller' && o.kind === 'NetworkPolicy');
    expect(allow!.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'controller-network-policy' });
    expect(allow!.metadata.annotations).toEqual({ 'controller-network-policy.metio.wtf/owner': 'ControllerNetworkPolicy/network-policy', 'controller-network-policy.metio.wtf/origins': '{}' });
    expect(allow!.spec.podSelector).toEqual({ matchLabels: controllerLabels() });
    // the functionConfig is local config: not in the output
    expect(out.some((o) => o.kind === 'ControllerNetworkPolicy')).toBe(false);

    // kustomize ran the image the way a real docker would be asked to, and the fake honoured it
    const ran = readFileSync(log, 'utf8');
    expect(ran).toContain(`argv: run --rm -i -a STDIN -a STDOUT -a STDERR --network none --user nobody --security-opt=no-new-privileges -e LOG_TO_STDERR=true -e STRUCTURED_RESULTS=true ${IMAGE}`);
    expect(ran).toContain(`image: ${IMAGE}`);
    if (process.getuid?.() === 0) expect(ran).toContain('uid: 65534 network: none');
  });

  test('transformers see items already namespaced and labelled: the policy selects the relabelled pods but does not get the label itself', () => {
    const dir = join(freshDir(), 'app');
    writeTree(dir, {
      'kustomization.yaml': [
        'namespace: stageset-prod',
        'labels:',
        '- pairs: {tier: control-plane}', // also into selectors and pod templates
        '  includeSelectors: true',
        '- pairs: {team: platform}', // metadata only
        'resources:',
        '- controller.yaml',
        'transformers:',
        '- network-policy.yaml',
        '',
      ].join('\n'),
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': kustomizeConfig(VALUES),
    });
    const out = build(dir);
    const [deployment] = byKind(out, 'Deployment');
    expect(deployment!.spec.selector.matchLabels.tier).toBe('control-plane');
    expect(deployment!.metadata.labels).toMatchObject({ tier: 'control-plane', team: 'platform' });
    const [allow] = byKind(out, 'NetworkPolicy').filter((o) => o.metadata.name === 'stageset-controller');
    expect(allow!.metadata.namespace).toBe('stageset-prod');
    // the workload's selector as the function saw it: after kustomize's labels
    expect(allow!.spec.podSelector.matchLabels).toEqual(deployment!.spec.selector.matchLabels);
    // objects a transformer adds do not go through the same kustomization's labels
    expect(allow!.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'controller-network-policy' });
  });

  test('a wrong config fails the build with the function message on stderr', () => {
    const dir = join(freshDir(), 'app');
    writeTree(dir, {
      'kustomization.yaml': 'resources:\n- controller.yaml\ntransformers:\n- network-policy.yaml\n',
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': kustomizeConfig(`${VALUES}\negress:\n  enabled: true\n  dnss: false`),
    });
    const result = kustomize(dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/couldn't execute function|exit status 1/);
    expect(result.stderr).toMatch(/\[error\][^\n]*dnss/);
  });

  test('an image the fake docker does not have fails like docker does', () => {
    const dir = join(freshDir(), 'app');
    writeTree(dir, {
      'kustomization.yaml': 'resources:\n- controller.yaml\ntransformers:\n- network-policy.yaml\n',
      'controller.yaml': CONTROLLER_YAML,
      'network-policy.yaml': kustomizeConfig(VALUES, '', 'ghcr.io/metio/controller-network-policy:v0.0.0-missing'),
    });
    const result = kustomize(dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Unable to find image/);
  });

  describe('generators: (kustomize sends only the functionConfig, no resources)', () => {
    const TARGET = 'target:\n  pods:\n    namespace: stageset-system\n    selector: app.kubernetes.io/name=stageset-controller\n';

    test('target.pods: the policies are generated for the explicit pods, in their namespace', () => {
      const dir = join(freshDir(), 'app');
      writeTree(dir, {
        'kustomization.yaml': 'resources:\n- controller.yaml\ngenerators:\n- network-policy.yaml\n',
        'controller.yaml': CONTROLLER_YAML,
        'network-policy.yaml': kustomizeConfig(VALUES, TARGET),
      });
      const policies = byKind(build(dir), 'NetworkPolicy');
      expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(['stageset-system/stageset-controller', 'stageset-system/stageset-controller-default-deny']);
      expect(policies.find((p) => p.metadata.name === 'stageset-controller')!.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } });
    });

    test("the kustomization's namespace: applies to generated objects (generators run before the builtin transformers)", () => {
      const dir = join(freshDir(), 'app');
      writeTree(dir, {
        'kustomization.yaml': 'namespace: stageset-prod\nresources:\n- controller.yaml\ngenerators:\n- network-policy.yaml\n',
        'controller.yaml': CONTROLLER_YAML,
        'network-policy.yaml': kustomizeConfig(VALUES, TARGET),
      });
      const policies = byKind(build(dir), 'NetworkPolicy');
      expect(policies.map((p) => p.metadata.namespace)).toEqual(['stageset-prod', 'stageset-prod']);
    });

    test('without target.pods the generator sees no workload and says what to do', () => {
      const dir = join(freshDir(), 'app');
      writeTree(dir, {
        'kustomization.yaml': 'resources:\n- controller.yaml\ngenerators:\n- network-policy.yaml\n',
        'controller.yaml': CONTROLLER_YAML,
        'network-policy.yaml': kustomizeConfig(VALUES),
      });
      const result = kustomize(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/target\.pods/);
    });
  });
});
