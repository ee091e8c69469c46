/** What `explain` reads from each dialect's policies: the peers and ports its rules name, as a table per dialect. */
import { readCalicoPolicy } from '../../src/explain/readers/calico';
import { readCiliumPolicy } from '../../src/explain/readers/cilium';
import { readClusterNetworkPolicy } from '../../src/explain/readers/cluster-network-policy';
import { readNetworkPolicy } from '../../src/explain/readers/kubernetes';
import type { PolicyReader, ReadRule } from '../../src/explain/readers/reader';
import type { KubeObject } from '../../src/k8s/kube-object';

const object = (apiVersion: string, kind: string, spec: Record<string, unknown>, namespace: string | undefined = 'team-a'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'p', ...(namespace ? { namespace } : {}) },
  spec,
});
const shape = (rules: readonly ReadRule[]) => rules.map(({ path, peers, ports, name, inert, empty }) => ({ path, peers, ports, ...(name ? { name } : {}), ...(inert ? { inert } : {}), ...(empty ? { empty } : {}) }));

test.each<[string, PolicyReader, KubeObject, ReturnType<typeof shape>]>([
  [
    'NetworkPolicy: pods by namespace name, pods of the policy namespace, an ipBlock, numbered and named ports',
    readNetworkPolicy,
    object('networking.k8s.io/v1', 'NetworkPolicy', {
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['prom', 'x'] }] } }, { podSelector: {} }], ports: [{ port: 8080 }, { protocol: 'UDP', port: 'metrics' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }, { namespaceSelector: { matchLabels: { team: 'b' } } }, { namespaceSelector: {} }] }],
    }),
    [
      { path: 'spec.ingress[0]', peers: [{ kind: 'pods', namespace: 'monitoring', labels: { app: 'prom' } }, { kind: 'pods', labels: {} }], ports: [{ port: 8080, protocol: 'TCP' }, { name: 'metrics', protocol: 'UDP' }] },
      { path: 'spec.egress[0]', peers: [{ kind: 'cidr', cidr: '10.0.0.10/32' }, { kind: 'pods', namespaceLabels: { team: 'b' }, labels: {} }, { kind: 'pods', anyNamespace: true, labels: {} }], ports: [] },
    ],
  ],
  [
    'CiliumNetworkPolicy: label sources stripped, the namespace label, namespace labels, CIDRs, FQDNs, ANY ports, the entity none, an empty rule',
    readCiliumPolicy,
    object('cilium.io/v2', 'CiliumNetworkPolicy', {
      endpointSelector: {},
      ingress: [
        { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'monitoring', 'k8s:app': 'prom' } }, { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.team': 'b' } }, { matchLabels: { 'reserved:host': '' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'ANY' }] }] },
        { fromEntities: ['none'] },
        {},
      ],
      egress: [{ toCIDRSet: [{ cidr: '192.168.0.0/16' }], toFQDNs: [{ matchPattern: '*.example.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
    }),
    [
      { path: 'spec.ingress[0]', peers: [{ kind: 'pods', namespace: 'monitoring', labels: { app: 'prom' } }, { kind: 'pods', namespaceLabels: { team: 'b' }, labels: {} }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 8080, protocol: 'UDP' }] },
      { path: 'spec.ingress[1]', peers: [], ports: [], inert: true },
      { path: 'spec.ingress[2]', peers: [], ports: [], empty: true },
      { path: 'spec.egress[0]', peers: [{ kind: 'cidr', cidr: '192.168.0.0/16' }, { kind: 'fqdn', name: 'a.example.com' }], ports: [{ port: 443, protocol: 'TCP' }] },
    ],
  ],
  [
    'Calico: selectors in its syntax, the namespace by name, nets, a range, a Log rule',
    readCalicoPolicy,
    object('projectcalico.org/v3', 'NetworkPolicy', {
      ingress: [
        { action: 'Allow', protocol: 'TCP', source: { selector: "app == 'prom' && has(tier)", namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" }, destination: { ports: [8080, '9000:9100'] } },
        { action: 'Log', source: { nets: ['10.1.0.0/16'] } },
      ],
      egress: [{ action: 'Allow', protocol: 17, destination: { nets: ['10.0.0.10'], ports: [53] } }],
    }),
    [
      { path: 'spec.ingress[0]', peers: [{ kind: 'pods', namespace: 'monitoring', labels: { app: 'prom', tier: '' } }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 9000, protocol: 'TCP' }] },
      { path: 'spec.ingress[1]', peers: [{ kind: 'cidr', cidr: '10.1.0.0/16' }], ports: [], inert: true },
      { path: 'spec.egress[0]', peers: [{ kind: 'cidr', cidr: '10.0.0.10/32' }], ports: [{ port: 53, protocol: 'UDP' }] },
    ],
  ],
  [
    'ClusterNetworkPolicy: named rules, namespaces, pods, networks, domain names, numbers, ranges and named ports',
    readClusterNetworkPolicy,
    object(
      'policy.networking.k8s.io/v1alpha2',
      'ClusterNetworkPolicy',
      {
        tier: 'Baseline',
        priority: 10,
        subject: { namespaces: {} },
        ingress: [{ name: 'metrics', action: 'Accept', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } } }], protocols: [{ tcp: { destinationPort: { number: 8080 } } }, { destinationNamedPort: 'health' }] }],
        egress: [{ name: 'out', action: 'Accept', to: [{ networks: ['10.0.0.0/8'] }, { domainNames: ['*.example.com'] }], protocols: [{ udp: { destinationPort: { range: { start: 5000, end: 6000 } } } }] }],
      },
      undefined,
    ),
    [
      { path: 'spec.ingress[0]', name: 'metrics', peers: [{ kind: 'pods', namespace: 'monitoring', labels: {} }, { kind: 'pods', anyNamespace: true, labels: { app: 'x' } }], ports: [{ port: 8080, protocol: 'TCP' }, { name: 'health', protocol: 'TCP' }] },
      { path: 'spec.egress[0]', name: 'out', peers: [{ kind: 'cidr', cidr: '10.0.0.0/8' }, { kind: 'fqdn', name: 'a.example.com' }], ports: [{ port: 5000, protocol: 'UDP' }] },
    ],
  ],
])('%s', (_title, read, policy, expected) => {
  expect(shape(read(policy)!.rules)).toEqual(expected);
});

test('each reader reads its own kinds only, and the Cilium and ClusterNetworkPolicy extras', () => {
  const np = object('networking.k8s.io/v1', 'NetworkPolicy', {});
  expect([readCiliumPolicy(np), readCalicoPolicy(np), readClusterNetworkPolicy(np)]).toEqual([undefined, undefined, undefined]);
  expect(readNetworkPolicy(object('projectcalico.org/v3', 'NetworkPolicy', {}))).toBeUndefined();
  expect(readCiliumPolicy(object('cilium.io/v2', 'CiliumNetworkPolicy', { endpointSelector: {}, ingress: [], egress: [{ toEntities: ['world'] }] }))?.emptySections).toEqual(['ingress']);
  expect(readCiliumPolicy(object('cilium.io/v2', 'CiliumClusterwideNetworkPolicy', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] }, undefined))?.rules[0]?.peers).toEqual([{ kind: 'pods', anyNamespace: true, labels: {} }]);
  expect(readClusterNetworkPolicy(object('policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy', { tier: 'Admin' }, undefined))?.tier).toBe('Admin');
});
