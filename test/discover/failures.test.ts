import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDir, removeTempDirs, requireBuild } from '../support/e2e';
import { kubeconfigText, newCertificate, startFakeApiserver, TOKEN, type FakeApiserver } from '../support/fake-apiserver';
import { CLUSTERS } from './clusters';
import { discover, STACK_TRACE } from './discover-run';

/**
 * What goes wrong when reading a cluster: a missing permission is a warning and the rest still comes;
 * everything that makes the cluster unreadable (a timeout, a wrong context, a bad kubeconfig, a refused
 * connection, rejected credentials, an untrusted certificate) is one line on stderr and exit 1, fast,
 * never a stack trace.
 */
const PREFIX = 'controller-network-policy discover: ';

beforeAll(requireBuild);
afterAll(removeTempDirs);

/** Exit 1 with exactly one line, and no values printed. */
function expectOneLineFailure(result: Awaited<ReturnType<typeof discover>>, message: RegExp): void {
  expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
  expect(result.stderr).not.toMatch(STACK_TRACE);
  const lines = result.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

describe('a 403 on one resource', () => {
  let server: FakeApiserver;
  beforeAll(async () => {
    server = await startFakeApiserver(CLUSTERS.cilium!, { forbid: /\/daemonsets/ });
  });
  afterAll(() => server.close());

  test('is a warning naming the missing permission, and the rest of discovery completes', async () => {
    const result = await discover(['--kubeconfig', server.kubeconfig('cilium-admin')]);
    expect(result.status).toBe(0);
    const warning = `${PREFIX}warning: the DaemonSets (Cilium, Calico, NodeLocal DNSCache, the platform) not read: forbidden (403) (needs: list daemonsets.apps in all namespaces)`;
    expect(result.stderr.split('\n')).toContain(warning);
    // the file says so too, and everything not behind the 403 is there
    expect(result.stdout).toContain('# - the DaemonSets (Cilium, Calico, NodeLocal DNSCache, the platform) not read: forbidden (403)');
    expect(result.stdout).toContain('cidrs: [192.168.20.10/32, 192.168.20.11/32, 192.168.20.12/32]');
    expect(result.stdout).toContain('dnsPreset: kube-dns');
    expect(result.stdout).toContain('fluxNamespace: flux-system');
    // without the agent's DaemonSet, Cilium is not offered: the CRD alone does not enforce anything
    expect(result.stdout).toContain('# engine: kubernetes\n');
    expect(result.stderr).toContain('Cilium is partly there (CRD ciliumnetworkpolicies.cilium.io, but no agent DaemonSet cilium)');
  });
});

describe('a 403 on every read but one', () => {
  test('still prints what the one read gave', async () => {
    const server = await startFakeApiserver(CLUSTERS.kind!, { forbid: /^(?!\/apis\/discovery\.k8s\.io)/ });
    try {
      const result = await discover(['--kubeconfig', server.kubeconfig('kind-admin')]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('cidrs: [172.18.0.2/32]');
      expect(result.stderr.split('\n').filter((l) => l.includes('forbidden (403)'))).toHaveLength(14);
    } finally {
      await server.close();
    }
  });
});

describe('the cluster cannot be read', () => {
  test('a request that gets no answer times out after --request-timeout', async () => {
    const server = await startFakeApiserver(CLUSTERS.kind!, { stall: /\/endpointslices/ });
    try {
      const started = Date.now();
      const result = await discover(['--kubeconfig', server.kubeconfig('kind-admin'), '--request-timeout', '1s']);
      expect(Date.now() - started).toBeLessThan(8000);
      expectOneLineFailure(result, /^controller-network-policy discover: cannot read the cluster of context "kind-admin" at https:\/\/127\.0\.0\.1:\d+: no answer within 1s \(--request-timeout\)$/);
    } finally {
      await server.close();
    }
  });

  test('a context the kubeconfig does not have', async () => {
    const server = await startFakeApiserver(CLUSTERS.kind!);
    try {
      const kubeconfig = server.kubeconfig('kind-admin');
      const result = await discover(['--kubeconfig', kubeconfig, '--context', 'prod']);
      expectOneLineFailure(result, new RegExp(`^${PREFIX}context "prod" is not in kubeconfig ${kubeconfig} \\(its contexts: kind-admin\\)$`));
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('a refused connection', async () => {
    const server = await startFakeApiserver(CLUSTERS.kind!);
    const kubeconfig = server.kubeconfig('kind-admin');
    await server.close();
    const result = await discover(['--kubeconfig', kubeconfig]);
    expectOneLineFailure(result, /^controller-network-policy discover: cannot read the cluster of context "kind-admin" at https:\/\/127\.0\.0\.1:\d+: connection refused$/);
  });

  test('credentials the API server rejects (401)', async () => {
    const server = await startFakeApiserver(CLUSTERS.kind!);
    try {
      const result = await discover(['--kubeconfig', server.kubeconfig('kind-admin', 'expired-token')]);
      expectOneLineFailure(result, /: the credentials were rejected \(401 Unauthorized\)$/);
    } finally {
      await server.close();
    }
  });

  test('a certificate the kubeconfig does not trust', async () => {
    const server = await startFakeApiserver(CLUSTERS.kind!);
    try {
      const file = join(freshDir('cnp-kubeconfig-'), 'config');
      writeFileSync(file, kubeconfigText(server.url, newCertificate().cert, 'kind-admin', TOKEN));
      const result = await discover(['--kubeconfig', file]);
      expectOneLineFailure(result, /^controller-network-policy discover: cannot read the cluster of context "kind-admin" at https:\/\/127\.0\.0\.1:\d+: the server's certificate is self-signed and not trusted by the kubeconfig's certificate-authority$/);
    } finally {
      await server.close();
    }
  });

  test.each([
    ['a kubeconfig that does not exist', (dir: string) => join(dir, 'missing'), /^controller-network-policy discover: cannot load kubeconfig \S+missing: no such file$/],
    ['a kubeconfig that is not YAML', (dir: string) => write(join(dir, 'config'), 'clusters: [\n'), /^controller-network-policy discover: cannot load kubeconfig \S+config: /],
    ['a kubeconfig without a current context', (dir: string) => write(join(dir, 'config'), 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n'), /sets no current context and has no context$/],
    ['a context naming a cluster that is not there', (dir: string) => write(join(dir, 'config'), 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts:\n- name: a\n  context: {cluster: gone, user: u}\ncurrent-context: a\n'), /context "a" names cluster "gone", which kubeconfig \S+ does not define$/],
  ])('%s', async (_title, make, message) => {
    const result = await discover(['--kubeconfig', make(freshDir('cnp-kubeconfig-'))]);
    expectOneLineFailure(result, message);
  });

  test('no kubeconfig at all, outside a pod', async () => {
    const result = await discover([]);
    expectOneLineFailure(result, /^controller-network-policy discover: no kubeconfig: --kubeconfig is not given, KUBECONFIG is not set, \S+\/\.kube\/config does not exist, and this is not a pod with a ServiceAccount; pass --kubeconfig FILE, or read a dump with --from FILE$/);
  });

  test('KUBECONFIG and the current context are what kubectl uses when no flag is given', async () => {
    const server = await startFakeApiserver(CLUSTERS.k3s!);
    try {
      const result = await discover([], { KUBECONFIG: server.kubeconfig('k3s-default') });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('discovered from context "k3s-default"');
    } finally {
      await server.close();
    }
  });
});

describe('usage', () => {
  test.each([
    [['--frobnicate'], 'unknown argument "--frobnicate"'],
    [['--from'], '--from needs a value'],
    [['--from', 'x.yaml', '--context', 'a'], '--from reads a file: --kubeconfig and --context do not apply'],
    [['--request-timeout', 'forever'], '--request-timeout "forever": expected a duration up to 10m'],
    [['--rbac', '--dump-command'], '--rbac and --dump-command do not go together'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await discover(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${PREFIX}${message}`);
    expect(result.stderr).toContain('Usage:');
  });

  test('--help', async () => {
    const result = await discover(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('controller-network-policy discover --from cluster.yaml');
  });
});

function write(file: string, text: string): string {
  writeFileSync(file, text);
  return file;
}
