import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithTools, freshDir, removeTempDirs, requireBuild, runAsync } from '../support/e2e';
import { startFakeApiserver, type FakeApiserverOptions } from '../support/fake-apiserver';
import { CLUSTERS } from './clusters';
import { discover, STACK_TRACE } from './discover-run';

/**
 * `discover --from`: the dump written by the very commands `discover --dump-command` prints (and the
 * README shows), run by the real kubectl against each cluster's API server, gives the same values as
 * reading the cluster itself (test/discover/expected/<cluster>.yaml), but for the file named as source.
 */
beforeAll(requireBuild);
afterAll(removeTempDirs);

/** Runs the documented dump command with kubectl against a fake API server; returns the dump's directory. */
async function dump(cluster: string, options: FakeApiserverOptions = {}): Promise<string> {
  const server = await startFakeApiserver(CLUSTERS[cluster]!, options);
  try {
    const dir = freshDir(`cnp-dump-${cluster}-`);
    const command = (await discover(['--dump-command'])).stdout;
    const result = await runAsync('bash', ['-c', command], { cwd: dir, env: { KUBECONFIG: server.kubeconfig(`${cluster}-admin`), HOME: freshDir('cnp-kubectl-home-') } });
    if (result.status !== 0) throw new Error(result.report);
    return dir;
  } finally {
    await server.close();
  }
}

describeWithTools(['kubectl', 'bash'], 'the dump command, then discover --from', () => {
  // kubectl runs once per query: the clusters' dumps are written side by side
  const dumps = new Map<string, string>();
  beforeAll(async () => {
    const names = Object.keys(CLUSTERS);
    const dirs = await Promise.all(names.map((name) => dump(name)));
    names.forEach((name, i) => dumps.set(name, dirs[i]!));
  }, 120_000);

  describe.each(Object.keys(CLUSTERS))('%s', (cluster) => {
    test('gives the values of the live cluster', async () => {
      const dir = dumps.get(cluster)!;
      const result = await discover(['--from', 'cluster.yaml'], {}, dir);
      if (result.status !== 0) throw new Error(result.report);
      const live = readFileSync(join(__dirname, 'expected', `${cluster}.yaml`), 'utf8');
      expect(result.stdout).toBe(live.replace(`discovered from context "${cluster}-admin"`, 'discovered from cluster.yaml'));
    });
  });

  test('what kubectl could not read (a 403) is a warning naming the permission, as in the live mode', async () => {
    const dir = await dump('cilium', { forbid: /\/daemonsets/ });
    expect(readFileSync(join(dir, 'cluster.yaml'), 'utf8')).toContain('\n# unreadable: daemonsets\n');
    const result = await discover(['--from', 'cluster.yaml'], {}, dir);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('warning: the DaemonSets (Cilium, Calico, NodeLocal DNSCache, the platform) not read: kubectl could not read it when cluster.yaml was written (needs: list daemonsets.apps in all namespaces)');
    expect(result.stdout).toContain('cidrs: [192.168.20.10/32, 192.168.20.11/32, 192.168.20.12/32]');
  });
});

describe('discover --from without the dump command', () => {
  test('a plain kubectl get -o yaml is read too, with a warning that what it lacks counts as absent', async () => {
    const dir = freshDir('cnp-dump-');
    const objects = CLUSTERS.kind!.filter((o) => o.kind === 'Service' || o.kind === 'EndpointSlice');
    writeFileSync(join(dir, 'cluster.yaml'), `--- # apiserver-endpoints\n${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects })}\n`);
    const result = await discover(['--from', 'cluster.yaml'], {}, dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('cidrs: [172.18.0.2/32]');
    expect(result.stdout).toContain('dnsNamespace: kube-system');
    expect(result.stderr).toContain('warning: cluster.yaml has no answer for apiserver-service, dns-service, dns-pods,');
  });

  test.each([
    ['a file that does not exist', undefined, /^controller-network-policy discover: cannot read missing\.yaml: no such file$/],
    ['a file that is not YAML', 'items: [\n', /^controller-network-policy discover: missing\.yaml is not YAML: /],
    ['a file without a Kubernetes object', 'just: text\n', /^controller-network-policy discover: missing\.yaml holds no Kubernetes object: write it with the commands `discover --dump-command` prints$/],
  ])('%s: one line, exit 1', async (_title, text, message) => {
    const dir = freshDir('cnp-dump-');
    if (text !== undefined) writeFileSync(join(dir, 'missing.yaml'), text);
    const result = await discover(['--from', 'missing.yaml'], {}, dir);
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(message)]);
  });
});
