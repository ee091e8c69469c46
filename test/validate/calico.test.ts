import { dialectOf } from '../../src/dialects/index';
import { validateObject } from '../support/validate-object';
import { withEdits } from './edit-object.js';
import { calicoAllowlist, calicoDefaultDeny } from './engine-examples.js';

test.each([
  ['allowlist', calicoAllowlist],
  ['default-deny', calicoDefaultDeny],
])('the hand-written %s is valid', (_, example) => {
  expect(validateObject(example())).toEqual([]);
});

test('the backing-store API group is not a kind we render', () => {
  expect(dialectOf({ ...calicoAllowlist(), apiVersion: 'crd.projectcalico.org/v1' })).toBeUndefined();
  expect(dialectOf(calicoAllowlist())?.engine).toBe('calico');
});

const RULE = 'spec.egress[2]';

test.each<[string, [string, unknown][], string, RegExp]>([
  ['missing protocol with ports', [[`${RULE}.protocol`, undefined]], `${RULE}.protocol`, /^is required when destination ports are set: add protocol TCP, UDP, SCTP or UDPLite$/],
  ['missing protocol with source notPorts', [['spec.ingress[1]', { action: 'Allow', source: { notPorts: [22] } }]], 'spec.ingress[1].protocol', /is required when source ports are set/],
  ['ports with ICMP', [[`${RULE}.protocol`, 'ICMP']], `${RULE}.protocol`, /must be TCP, UDP, SCTP or UDPLite when destination ports are set \(got "ICMP"\)/],
  ['protocol lower-case', [[`${RULE}.protocol`, 'tcp']], `${RULE}.protocol`, /did you mean "TCP"/],
  ['protocol number out of range', [[`${RULE}.protocol`, 300]], `${RULE}.protocol`, /must be 1-255/],
  ['spec.namespaceSelector', [['spec.namespaceSelector', "kubernetes.io/metadata.name == 'ctrl-system'"]], 'spec.namespaceSelector', /no spec\.namespaceSelector \(use namespaceSelector inside a rule's source or destination\)/],
  ['Accept action', [[`${RULE}.action`, 'Accept']], `${RULE}.action`, /Calico says "Allow", not "Accept"/],
  ['missing action', [[`${RULE}.action`, undefined]], `${RULE}.action`, /^is required$/],
  ['order as a string', [['spec.order', '100']], 'spec.order', /^must be a number, not "100"$/],
  ['types value', [['spec.types[1]', 'egress']], 'spec.types[1]', /did you mean "Egress"/],
  ['types duplicate', [['spec.types', ['Ingress', 'Ingress']]], 'spec.types', /duplicates/],
  ['non-canonical net', [[`${RULE}.destination.nets[0]`, '10.0.0.10/24']], `${RULE}.destination.nets[0]`, /use 10\.0\.0\.0\/24/],
  ['bare IP net', [[`${RULE}.destination.nets[0]`, '10.0.0.10']], `${RULE}.destination.nets[0]`, /write 10\.0\.0\.10\/32/],
  ['port out of range', [[`${RULE}.destination.ports[0]`, 70000]], `${RULE}.destination.ports[0]`, /between 1 and 65535/],
  ['reversed port range', [[`${RULE}.destination.ports[0]`, '9000:8000']], `${RULE}.destination.ports[0]`, /min <= max/],
  ['port as a list', [[`${RULE}.destination.ports[0]`, [443]]], `${RULE}.destination.ports[0]`, /must be an integer or a string/],
  ['unquoted selector value', [['spec.selector', 'app == web']], 'spec.selector', /invalid selector: expected a quoted value after "==", found "web" at position 7/],
  ['unbalanced parenthesis', [['spec.selector', "(app == 'web' && has(tier)"]], 'spec.selector', /expected "\)" to close "\(" at position 0/],
  ['unterminated string', [['spec.egress[0].destination.selector', "k8s-app == 'kube-dns"]], 'spec.egress[0].destination.selector', /unterminated string at position 11/],
  ['bad set', [['spec.ingress[1].source.namespaceSelector', "kubernetes.io/metadata.name in {'a' 'b'}"]], 'spec.ingress[1].source.namespaceSelector', /expected "," or "}" in the set/],
  ['global() outside namespaceSelector', [['spec.selector', 'global()']], 'spec.selector', /global\(\) can only be used in a source\/destination namespaceSelector/],
  ['http on a Deny rule', [[`${RULE}.action`, 'Deny'], [`${RULE}.http`, { methods: ['GET'] }]], `${RULE}.http`, /only valid on Allow rules/],
  ['http over UDP', [['spec.egress[0].http', { methods: ['GET'] }]], 'spec.egress[0].http', /needs protocol TCP/],
  ['icmp without protocol', [['spec.ingress[2]', { action: 'Allow', icmp: { type: 8 } }]], 'spec.ingress[2].icmp', /needs protocol ICMP or ICMPv6/],
  ['icmp code without type', [['spec.ingress[2]', { action: 'Allow', protocol: 'ICMP', icmp: { code: 0 } }]], 'spec.ingress[2].icmp.code', /needs an ICMP type/],
  ['ICMPv6 with ipVersion 4', [['spec.ingress[2]', { action: 'Allow', protocol: 'ICMPv6', ipVersion: 4 }]], 'spec.ingress[2].protocol', /ICMPv6 requires ipVersion 6/],
  ['services with ports', [[`${RULE}.destination`, { services: { name: 'kubernetes', namespace: 'default' }, ports: [443] }]], `${RULE}.destination.services`, /cannot be combined with destination ports/],
  ['services with nets', [['spec.egress[0].destination', { services: { name: 'kube-dns', namespace: 'kube-system' }, nets: ['10.0.0.0/8'] }], ['spec.egress[0].protocol', undefined]], 'spec.egress[0].destination.services', /cannot be combined with nets/],
  ['typo in a rule', [[`${RULE}.destinaton`, {}]], `${RULE}.destinaton`, /did you mean "destination"/],
])('%s', (_, edits, path, message) => {
  expect(validateObject(withEdits(calicoAllowlist(), edits))).toEqual([{ path, message: expect.stringMatching(message) }]);
});

test.each([
  "app.kubernetes.io/name == 'my-controller' && control-plane == 'controller-manager'",
  'all()',
  '',
  "!has(tier) || (env in {'prod', \"stage\"} && name not in {})",
  "a contains 'x' && b starts with 'y' && c ends with 'z' && d != 'w'",
  "in-cluster == 'true'",
])('selector %p is valid', (selector) => {
  expect(validateObject(withEdits(calicoAllowlist(), [['spec.selector', selector]]))).toEqual([]);
});
