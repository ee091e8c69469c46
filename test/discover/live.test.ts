import { join } from 'node:path';
import { parse } from 'yaml';
import { expectGolden, requireBuild, removeTempDirs } from '../support/e2e';
import { startFakeApiserver } from '../support/fake-apiserver';
import { CLUSTERS } from './clusters';
import { discover, STACK_TRACE } from './discover-run';

/**
 * discover against each cluster's API server (the real @kubernetes/client-node over HTTPS on
 * 127.0.0.1): the whole values file is a golden file (test/discover/expected/<cluster>.yaml, rewritten
 * with UPDATE_GOLDEN=1), and the values each cluster is about are asserted in the table below.
 */
interface Expected {
  cidrs: string[];
  ports: number[];
  serviceIP: string;
  external: boolean;
  dnsNamespace?: string;
  dnsPreset?: string;
  dnsAddresses?: string[];
  engine: string;
  fluxNamespace?: string | false;
  prometheus?: string[];
  warnings: number;
}

const EXPECTED: Record<string, Expected> = {
  kind: { cidrs: ['172.18.0.2/32'], ports: [6443], serviceIP: '10.96.0.1', external: false, dnsNamespace: 'kube-system', dnsPreset: 'kube-dns', engine: 'kubernetes', fluxNamespace: 'flux-system', warnings: 0 },
  k3s: { cidrs: ['192.168.64.2/32'], ports: [6443], serviceIP: '10.43.0.1', external: false, dnsNamespace: 'kube-system', dnsPreset: 'kube-dns', engine: 'kubernetes', fluxNamespace: false, warnings: 0 },
  openshift: { cidrs: ['10.0.0.3/32', '10.0.0.4/32', '10.0.0.5/32'], ports: [6443], serviceIP: '172.30.0.1', external: false, dnsNamespace: 'openshift-dns', dnsPreset: 'openshift', engine: 'kubernetes', fluxNamespace: false, prometheus: ['openshift-monitoring'], warnings: 0 },
  gke: { cidrs: ['172.16.0.2/32'], ports: [443], serviceIP: '34.118.224.1', external: true, dnsNamespace: 'kube-system', dnsPreset: 'gke-cloud-dns', dnsAddresses: ['169.254.169.254/32'], engine: 'kubernetes', fluxNamespace: false, warnings: 0 },
  eks: { cidrs: ['10.0.1.47/32', '10.0.2.118/32'], ports: [443], serviceIP: '10.100.0.1', external: true, dnsNamespace: 'kube-system', dnsPreset: 'kube-dns', engine: 'kubernetes', fluxNamespace: 'flux-system', prometheus: ['monitoring'], warnings: 1 },
  'node-local-dns': { cidrs: ['192.168.10.11/32'], ports: [6443], serviceIP: '10.96.0.1', external: false, dnsNamespace: 'kube-system', dnsPreset: 'node-local-dns', dnsAddresses: ['169.254.20.10/32'], engine: 'kubernetes', fluxNamespace: false, warnings: 0 },
  cilium: { cidrs: ['192.168.20.10/32', '192.168.20.11/32', '192.168.20.12/32'], ports: [6443], serviceIP: '10.96.0.1', external: false, dnsNamespace: 'kube-system', dnsPreset: 'kube-dns', engine: 'cilium', fluxNamespace: 'flux-system', prometheus: ['monitoring'], warnings: 0 },
  calico: { cidrs: ['10.10.0.5/32'], ports: [6443], serviceIP: '10.96.0.1', external: false, dnsNamespace: 'kube-system', dnsPreset: 'kube-dns', engine: 'kubernetes', fluxNamespace: false, prometheus: ['monitoring'], warnings: 0 },
  'cluster-network-policy': { cidrs: ['172.18.0.3/32'], ports: [6443], serviceIP: '10.96.0.1', external: false, dnsNamespace: 'kube-system', dnsPreset: 'kube-dns', engine: 'kubernetes', fluxNamespace: 'flux-system', warnings: 0 },
};

/** The engines each cluster offers, as the values file's comments list them. */
const ENGINES: Record<string, string[]> = {
  kind: ['kubernetes'],
  k3s: ['kubernetes'],
  openshift: ['kubernetes'],
  gke: ['kubernetes'],
  eks: ['kubernetes'],
  'node-local-dns': ['kubernetes'],
  cilium: ['kubernetes', 'cilium'],
  calico: ['kubernetes', 'calico', 'clusterNetworkPolicy'],
  'cluster-network-policy': ['kubernetes', 'clusterNetworkPolicy'],
};

type Values = { networkPolicy: { enabled: boolean; engine?: unknown; metrics?: { from: { namespaceSelector: { matchLabels: Record<string, string> } }[] }; egress: Record<string, unknown> & { apiserver: Record<string, unknown>; derived?: Record<string, unknown> } } };

beforeAll(requireBuild);
afterAll(removeTempDirs);

test('every fixture cluster has its expectations', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(CLUSTERS).sort());
});

describe.each(Object.keys(CLUSTERS))('%s', (name) => {
  let result: Awaited<ReturnType<typeof discover>>;
  beforeAll(async () => {
    const server = await startFakeApiserver(CLUSTERS[name]!);
    try {
      result = await discover(['--kubeconfig', server.kubeconfig(`${name}-admin`)]);
    } finally {
      await server.close();
    }
  });

  test('prints the values file (golden)', () => {
    if (result.status !== 0) throw new Error(result.report);
    expectGolden(join(__dirname, 'expected', `${name}.yaml`), result.stdout);
  });

  test('the values it is about', () => {
    const values = parse(result.stdout) as Values;
    const { egress } = values.networkPolicy;
    const { engine: _engine, ...expected } = EXPECTED[name]!;
    const actual = {
      cidrs: egress.apiserver.cidrs,
      ports: egress.apiserver.ports,
      serviceIP: egress.apiserver.serviceIP,
      external: egress.apiserver.external,
      dnsNamespace: egress.dnsNamespace,
      dnsPreset: egress.dnsPreset,
      dnsAddresses: egress.dnsAddresses,
      fluxNamespace: egress.derived?.fluxSource === false ? false : egress.derived?.fluxNamespace,
      prometheus: values.networkPolicy.metrics?.from.map((peer) => peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']),
      warnings: result.stderr.split('\n').filter((l) => l.includes(': warning: ')).length,
    };
    // undefined (a key the file does not hold) compares equal to a key the expectation leaves out
    expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
  });

  test('recommends an engine but leaves the choice to the user', () => {
    const values = parse(result.stdout) as Values;
    expect(values.networkPolicy.engine).toBeUndefined();
    expect(result.stdout).toContain(`  # engine: ${EXPECTED[name]!.engine}\n`);
    expect(result.stdout).toContain(`# Recommended: ${EXPECTED[name]!.engine}, because `);
    const offered = [...result.stdout.matchAll(/^ {2}# Engine (\w+): /gm)].map((m) => m[1]);
    expect(offered).toEqual(ENGINES[name]);
  });

  test('every discovered value carries a comment', () => {
    const lines = result.stdout.split('\n').filter((l) => /^\s+(cidrs|ports|serviceIP|external|dnsNamespace|dnsPreset|dnsAddresses|fluxSource|fluxNamespace|from):/.test(l));
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.filter((l) => !/ {2}# \S/.test(l))).toEqual([]);
  });

  test('no stack trace, nothing unexpected on stderr', () => {
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr.split('\n').filter((l) => l && !l.startsWith('controller-network-policy discover: warning: '))).toEqual([]);
  });
});
