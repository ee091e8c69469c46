import fc from 'fast-check';
import { load } from 'js-yaml';
import { parse, stringify } from 'yaml';
import { parseDiscoverArgs } from '../../src/discover/discover-args';
import { analyze, type Discovery } from '../../src/discover/discovery';
import { imageVersion } from '../../src/discover/engines';
import { readDump } from '../../src/discover/read-dump';
import { scalar, stringifyCommented } from '../../src/discover/commented-yaml';
import type { KubeObject } from '../../src/k8s/kube-object';
import { apiserver, CLUSTERS, coreDns, crd, daemonSet, fluxSourceController, pod, service } from './clusters';

/**
 * The reading of a cluster's objects, case by case: what each variation of the fixtures changes in
 * the values (the whole clusters are in live.test.ts, through the real client).
 */
function discovered(objects: readonly KubeObject[]): Discovery {
  const read = readDump(stringify({ apiVersion: 'v1', kind: 'List', items: objects }), 'test.yaml');
  if ('error' in read) throw new Error(read.error);
  return analyze(read.observations, 'test.yaml');
}

const kubeadm = (...extra: KubeObject[]) => [...apiserver('10.96.0.1', ['192.168.1.10'], 6443), ...coreDns('10.96.0.10', 'registry.k8s.io/coredns/coredns:v1.11.3', ['coredns-1-a']), ...extra];
const ciliumAgent = daemonSet('kube-system', 'cilium', [{ name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.17.0' }]);
const configMap = (namespace: string, name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const nodeLocal = (name: string, args: string[]) => daemonSet('kube-system', name, [{ name: 'node-cache', image: 'registry.k8s.io/dns/k8s-dns-node-cache:1.23.1', args }]);

describe('engines', () => {
  test("Cilium with policy-cidr-match-mode nodes: cilium is still recommended, and the mode is reported", () => {
    const { engines } = discovered(kubeadm(ciliumAgent, crd('ciliumnetworkpolicies.cilium.io', ['v2']), configMap('kube-system', 'cilium-config', { 'policy-cidr-match-mode': 'nodes' })));
    expect(engines.ciliumCidrMatchMode?.value).toBe('nodes');
    expect(engines.recommended.engine).toBe('cilium');
    expect(engines.recommended.reason).toContain('even with policy-cidr-match-mode nodes');
  });

  test('Calico without projectcalico.org/v3 served: calico is not offered, and a warning says what it needs', () => {
    const { engines } = discovered(kubeadm(daemonSet('kube-system', 'calico-node', [{ name: 'calico-node', image: 'docker.io/calico/node:v3.26.4' }]), crd('networkpolicies.crd.projectcalico.org', ['v1'])));
    expect(engines.options.map((o) => o.engine)).toEqual(['kubernetes']);
    expect(engines.warnings).toEqual(['Calico runs (agent DaemonSet kube-system/calico-node v3.26.4, CRD networkpolicies.crd.projectcalico.org) but projectcalico.org/v3 is not served: engine calico needs the Calico API server or the v3 CRDs (docs/engines.md)']);
  });

  test("Calico's v3 CRDs serve projectcalico.org/v3 without the API server", () => {
    const { engines } = discovered(kubeadm(daemonSet('calico-system', 'calico-node', [{ name: 'calico-node', image: 'quay.io/calico/node:v3.31.0' }]), crd('networkpolicies.projectcalico.org', ['v3'])));
    expect(engines.options.map((o) => o.engine)).toEqual(['kubernetes', 'calico']);
  });

  test('a ClusterNetworkPolicy CRD that does not serve v1alpha2 is not offered', () => {
    const { engines } = discovered(kubeadm(crd('clusternetworkpolicies.policy.networking.k8s.io', ['v1alpha1'])));
    expect(engines.options.map((o) => o.engine)).toEqual(['kubernetes']);
    expect(engines.warnings[0]).toMatch(/does not serve v1alpha2/);
  });

  test.each([
    ['quay.io/cilium/cilium:v1.16.3@sha256:62d2a09b', 'v1.16.3'],
    ['docker.io/calico/node:v3.28.1', 'v3.28.1'],
    ['localhost:5000/calico/node', undefined],
    ['registry:5000/cilium/cilium:v1.15.0', 'v1.15.0'],
  ])('the version of %s is %s', (image, version) => {
    expect(imageVersion(image)).toBe(version);
  });
});

describe('DNS', () => {
  test('CoreDNS on another port than 53: no preset, and a warning with the port', () => {
    const objects = [
      ...apiserver('10.96.0.1', ['192.168.1.10'], 6443),
      service('kube-system', 'kube-dns', '10.96.0.10', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }], { 'k8s-app': 'kube-dns' }),
      pod('kube-system', 'coredns-1-a', { 'k8s-app': 'kube-dns' }, [{ name: 'coredns', image: 'coredns/coredns:1.11.3', ports: [{ name: 'dns', containerPort: 1053, protocol: 'UDP' }] }], '10.244.0.2'),
    ];
    const { dns } = discovered(objects);
    expect(dns.preset).toBeUndefined();
    expect(dns.namespace?.value).toBe('kube-system');
    expect(dns.warnings).toEqual(['the DNS pods of Service kube-system/kube-dns listen on 1053, not 53: networkPolicy.egress.dnsPreset is not set; allow that port in networkPolicy.egress.to']);
  });

  test.each([
    ["Kubespray's nodelocaldns", nodeLocal('nodelocaldns', ['-localip', '169.254.25.10', '-conf', '/etc/coredns/Corefile']), ['169.254.25.10/32']],
    ['-localip=… in one argument', nodeLocal('node-local-dns', ['--localip=169.254.20.10,10.96.0.10']), ['169.254.20.10/32']],
    ['no link-local address: the preset default, with a warning', nodeLocal('node-local-dns', ['-localip', '10.96.0.10']), undefined],
  ])('NodeLocal DNSCache: %s', (_title, daemonSetObject, addresses) => {
    const { dns } = discovered(kubeadm(daemonSetObject));
    expect(dns.preset?.value).toBe('node-local-dns');
    expect(dns.addresses?.value).toEqual(addresses);
    expect(dns.warnings.length).toBe(addresses ? 0 : 1);
  });

  test('GKE with kube-dns pods is kube-dns, not Cloud DNS', () => {
    const { dns, platform } = discovered(kubeadm(daemonSet('kube-system', 'fluentbit-gke', [{ name: 'fluentbit', image: 'gke.gcr.io/fluent-bit:v1.8.12-gke.39' }])));
    expect(platform?.value).toBe('GKE');
    expect(dns.preset?.value).toBe('kube-dns');
  });

  test('no DNS Service: nothing set, and a warning', () => {
    const { dns } = discovered(apiserver('10.96.0.1', ['192.168.1.10'], 6443));
    expect(dns).toEqual({ warnings: [expect.stringMatching(/^no DNS Service found/)] });
  });
});

describe('the apiserver and the platform', () => {
  test('an IPv6 EndpointSlice gives /128 addresses after the IPv4 ones', () => {
    const [svc, slice] = apiserver('10.96.0.1', ['192.168.1.10'], 6443);
    const v6 = { ...slice!, metadata: { ...slice!.metadata, name: 'kubernetes-v6' }, addressType: 'IPv6', endpoints: [{ addresses: ['fd00::10'] }] };
    const { apiserver: found } = discovered([svc!, slice!, v6]);
    expect(found.cidrs?.value).toEqual(['192.168.1.10/32', 'fd00::10/128']);
  });

  test('EKS is known by its add-on images too (Cilium instead of the VPC CNI)', () => {
    const { platform, apiserver: found } = discovered([...CLUSTERS.cilium!, daemonSet('kube-system', 'kube-proxy', [{ name: 'kube-proxy', image: '602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/kube-proxy:v1.31.0-minimal-eksbuild.2' }])]);
    expect(platform?.value).toBe('EKS');
    expect(found.external.value).toBe(true);
  });
});

describe('Flux', () => {
  test('source-controller in two namespaces: flux-system, and a warning naming the other', () => {
    const { flux } = discovered(kubeadm(fluxSourceController('flux-system'), fluxSourceController('team-flux')));
    expect(flux?.namespace?.value).toBe('flux-system');
    expect(flux?.warnings).toEqual(['source-controller pods run in flux-system, team-flux: flux-system is used; allow the others in networkPolicy.egress.to']);
  });

  test('source-controller serving http on another port than 9090: a warning', () => {
    const moved = pod('flux', 'source-controller-1-a', { app: 'source-controller' }, [{ name: 'manager', image: 'ghcr.io/fluxcd/source-controller:v1.4.1', ports: [{ name: 'http', containerPort: 9091 }] }], '10.244.1.20');
    const { flux } = discovered(kubeadm(moved));
    expect(flux?.namespace?.value).toBe('flux');
    expect(flux?.warnings).toEqual(['Pod flux/source-controller-1-a serves http on 9091, not 9090: allow it in networkPolicy.egress.to']);
  });
});

describe('the values file', () => {
  test('strings come back as the same strings from YAML 1.2 (yaml), YAML 1.1 (yaml) and js-yaml', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('yes', 'no', 'on', 'null', '~', '0x1F', '1e3', 'e0', 'E5', 'e-10', '10.0.0.1', 'fd00::1/128', '- a', '#x', 'a: b', '*ref', '&a', '!t', '@x', '"q"', "'q'")), (value) => {
        const text = stringifyCommented({ entries: [{ key: 'v', value, comment: 'c' }, { key: 'l', value: { flow: [value] } }] });
        for (const read of [parse(text) as unknown, parse(text, { version: '1.1' }) as unknown, load(text)]) expect(read).toEqual({ v: value, l: [value] });
      }),
    );
  });

  test('plain where it is safe to be', () => {
    expect(['kube-system', '10.96.0.1', '10.0.0.1/32', 'app.kubernetes.io/name', ''].map(scalar)).toEqual(['kube-system', '10.96.0.1', '10.0.0.1/32', 'app.kubernetes.io/name', '""']);
  });
});

describe('arguments', () => {
  test.each([
    ['10s', 10_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['2', 2000],
    ['0.5', 500],
  ])('--request-timeout %s is %d ms', (value, ms) => {
    expect(parseDiscoverArgs(['--request-timeout', value])).toMatchObject({ mode: 'cluster', timeoutMs: ms });
    expect(parseDiscoverArgs([`--request-timeout=${value}`])).toMatchObject({ timeoutMs: ms });
  });

  test.each(['0', '11m', '10x', 's', '-1s'])('--request-timeout %s is refused', (value) => {
    expect(parseDiscoverArgs(['--request-timeout', value])).toHaveProperty('usageError');
  });
});
