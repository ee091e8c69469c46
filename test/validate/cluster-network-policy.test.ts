import { validateObject } from '../support/validate-object';
import { withEdits } from './edit-object.js';
import { clusterNetworkPolicyAllowlist, clusterNetworkPolicyDefaultDeny } from './engine-examples.js';

test.each([
  ['allowlist', clusterNetworkPolicyAllowlist],
  ['default-deny', clusterNetworkPolicyDefaultDeny],
])('the hand-written %s is valid', (_, example) => {
  expect(validateObject(example())).toEqual([]);
});

test('Pass is a valid action in the Baseline tier', () => {
  expect(validateObject(withEdits(clusterNetworkPolicyDefaultDeny(), [['spec.ingress[0].action', 'Pass']]))).toEqual([]);
});

const TCP = 'spec.ingress[0].protocols[0].tcp';
const NETWORKS = 'spec.egress[1].to[0].networks';
const many = (n: number, make: (i: number) => unknown): unknown[] => Array.from({ length: n }, (_, i) => make(i));

test.each<[string, [string, unknown][], string, RegExp]>([
  ['priority 2000', [['spec.priority', 2000]], 'spec.priority', /^must be at most 1000 \(got 2000\); lower values win/],
  ['negative priority', [['spec.priority', -1]], 'spec.priority', /must be at least 0/],
  ['Allow action', [['spec.ingress[0].action', 'Allow']], 'spec.ingress[0].action', /^must be one of Accept, Deny, Pass \(v1alpha2 renamed "Allow" to "Accept"\)$/],
  ['tier lower-case', [['spec.tier', 'baseline']], 'spec.tier', /did you mean "Baseline"/],
  ['missing tier', [['spec.tier', undefined]], 'spec.tier', /^is required$/],
  ['tcp: {}', [[TCP, {}]], TCP, /^must set destinationPort: "tcp: \{\}" is invalid; to match every port, omit protocols or use range 1-65535$/],
  ['destinationPort with number and range', [[`${TCP}.destinationPort.range`, { start: 1, end: 2 }]], `${TCP}.destinationPort`, /must set only one of number, range \(found number and range\)/],
  ['empty destinationPort', [[`${TCP}.destinationPort`, {}]], `${TCP}.destinationPort`, /must set exactly one of number, range/],
  ['range start not below end', [[`${TCP}.destinationPort`, { range: { start: 9443, end: 9443 } }]], `${TCP}.destinationPort.range`, /start must be less than end \(got 9443-9443/],
  ['protocol with two keys', [['spec.ingress[0].protocols[0].udp', { destinationPort: { number: 53 } }]], 'spec.ingress[0].protocols[0]', /must set only one of destinationNamedPort, sctp, tcp, udp \(found tcp and udp\)/],
  ['peer with two keys', [['spec.ingress[0].from[0].pods', { podSelector: {} }]], 'spec.ingress[0].from[0]', /must set only one of namespaces, pods/],
  ['empty peer', [['spec.ingress[0].from[0]', {}]], 'spec.ingress[0].from[0]', /must set exactly one of namespaces, pods/],
  ['subject with both', [['spec.subject.namespaces', {}]], 'spec.subject', /must set only one of namespaces, pods \(found pods and namespaces\)/],
  ['pods subject without podSelector', [['spec.subject.pods.podSelector', undefined]], 'spec.subject.pods.podSelector', /^is required$/],
  ['from missing', [['spec.ingress[0].from', undefined]], 'spec.ingress[0].from', /^is required$/],
  ['from empty', [['spec.ingress[0].from', []]], 'spec.ingress[0].from', /at least 1 item$/],
  ['networks on an ingress peer', [['spec.ingress[0].from[0]', { networks: ['10.0.0.0/8'] }]], 'spec.ingress[0].from[0].networks', /ingress peers can only be namespaces or pods/],
  ['26 ingress rules', [['spec.ingress', many(26, () => ({ action: 'Deny', from: [{ namespaces: {} }] }))]], 'spec.ingress', /at most 25 items \(got 26\)/],
  ['26 peers', [['spec.ingress[0].from', many(26, () => ({ namespaces: {} }))]], 'spec.ingress[0].from', /at most 25 items/],
  ['26 protocols', [['spec.ingress[0].protocols', many(26, (i) => ({ tcp: { destinationPort: { number: i + 1 } } }))]], 'spec.ingress[0].protocols', /at most 25 items/],
  ['26 networks', [[NETWORKS, many(26, (i) => `10.0.${i}.0/24`)]], NETWORKS, /at most 25 items/],
  ['invalid network', [[`${NETWORKS}[0]`, '10.0.0.300/32']], `${NETWORKS}[0]`, /not a valid CIDR/],
  ['non-canonical network', [[`${NETWORKS}[0]`, '10.0.0.10/24']], `${NETWORKS}[0]`, /use 10\.0\.0\.0\/24/],
  ['network longer than 43 characters', [[`${NETWORKS}[0]`, '0000:0000:0000:0000:0000:ffff:192.168.100.200/128']], `${NETWORKS}[0]`, /at most 43 characters/],
  ['named port with networks', [['spec.egress[1].protocols[0]', { destinationNamedPort: 'https' }]], 'spec.egress[1].protocols[0].destinationNamedPort', /cannot be used in a rule with networks peers/],
  ['invalid named port', [['spec.ingress[0].protocols[0]', { destinationNamedPort: 'Web_Hook' }]], 'spec.ingress[0].protocols[0].destinationNamedPort', /not a valid port name/],
  ['rule name over 100 characters', [['spec.ingress[0].name', 'x'.repeat(101)]], 'spec.ingress[0].name', /at most 100 characters long \(got 101\)/],
  ['namespace on a cluster-scoped object', [['metadata.namespace', 'ctrl-system']], 'metadata.namespace', /ClusterNetworkPolicy is cluster-scoped/],
  ['selector without values', [['spec.subject.pods.podSelector.matchExpressions', [{ key: 'app', operator: 'NotIn' }]]], 'spec.subject.pods.podSelector.matchExpressions[0].values', /must not be empty when operator is NotIn/],
])('%s', (_, edits, path, message) => {
  expect(validateObject(withEdits(clusterNetworkPolicyAllowlist(), edits))).toEqual([{ path, message: expect.stringMatching(message) }]);
});
