import { validateObject } from '../support/validate-object';
import { withEdits } from './edit-object.js';
import { ciliumAllowlist, ciliumDefaultDeny } from './engine-examples.js';

test.each([
  ['allowlist', ciliumAllowlist],
  ['default-deny', ciliumDefaultDeny],
])('the hand-written %s is valid', (_, example) => {
  expect(validateObject(example())).toEqual([]);
});

test('the same rules hold for every entry of specs[]', () => {
  const spec = (): unknown => ciliumAllowlist().spec;
  const object = withEdits(ciliumAllowlist(), [['spec', undefined], ['specs', [spec(), spec()]], ['specs[1].ingress[0].toPorts[0].ports[0].port', 9443]]);
  expect(validateObject(object)).toEqual([
    { path: 'specs[1].ingress[0].toPorts[0].ports[0].port', message: 'must be a string (Cilium ports are strings: "9443")' },
  ]);
});

const PORT = 'spec.ingress[0].toPorts[0].ports[0]';
const DNS = 'spec.egress[0].toPorts[0]';

test.each<[string, [string, unknown][], string, RegExp]>([
  ['integer port', [[`${PORT}.port`, 9443]], `${PORT}.port`, /^must be a string \(Cilium ports are strings: "9443"\)$/],
  ['port out of range', [[`${PORT}.port`, '70000']], `${PORT}.port`, /must be a port number 0-65535 or a port name/],
  ['port with a leading zero', [[`${PORT}.port`, '0443']], `${PORT}.port`, /"0443" has a leading zero \(Cilium reads it as octal\): write "443"/],
  ['port name too long', [[`${PORT}.port`, 'webhook-endpoint']], `${PORT}.port`, /not a valid port name/],
  ['protocol lower-case', [[`${PORT}.protocol`, 'tcp']], `${PORT}.protocol`, /must be one of TCP, UDP, SCTP, VRRP, IGMP, ANY \(got "tcp"; did you mean "TCP"\?\)/],
  ['fromEndpoint typo', [['spec.ingress[1].fromEndpoint', [{}]]], 'spec.ingress[1].fromEndpoint', /^unknown field "fromEndpoint" \(did you mean "fromEndpoints"\?\)$/],
  ['toPort typo', [['spec.egress[1].toPort', []]], 'spec.egress[1].toPort', /did you mean "toPorts"/],
  ['mixed L3 selectors on ingress', [['spec.ingress[1].fromEntities', ['cluster']]], 'spec.ingress[1]', /^cannot combine fromEndpoints and fromEntities in one rule/],
  ['mixed L3 selectors on egress', [['spec.egress[1].toCIDR', ['10.0.0.10/32']]], 'spec.egress[1]', /cannot combine toCIDR and toEntities in one rule/],
  ['toFQDNs with another L3 selector', [['spec.egress[3].toEndpoints', [{}]]], 'spec.egress[3]', /cannot combine toEndpoints and toFQDNs/],
  ['toServices with toPorts', [['spec.egress[1].toEntities', undefined], ['spec.egress[1].toServices', [{ k8sService: { serviceName: 'kubernetes', namespace: 'default' } }]]], 'spec.egress[1]', /cannot combine toServices and toPorts/],
  ['icmps with toPorts', [['spec.ingress[0].icmps', [{ fields: [{ type: 8 }] }]]], 'spec.ingress[0]', /cannot combine icmps and toPorts/],
  ['DNS rule on a port range', [[`${DNS}.ports[0].port`, '5353'], [`${DNS}.ports[0].endPort`, 5354]], `${DNS}.ports[0].endPort`, /^DNS rules do not support port ranges$/],
  ['DNS rule with a port range', [[`${DNS}.ports[0].endPort`, 54]], `${DNS}.ports[0].endPort`, /DNS rules do not support port ranges/],
  ['DNS rule without ports', [[`${DNS}.ports`, []]], `${DNS}.ports`, /^DNS rules need a port/],
  ['DNS rule on ingress', [['spec.ingress[0].toPorts[0]', { ports: [{ port: '53' }], rules: { dns: [{ matchPattern: '*' }] } }]], 'spec.ingress[0].toPorts[0].rules.dns', /only allowed on egress/],
  ['HTTP rule over UDP', [['spec.ingress[0].toPorts[0].rules', { http: [{ method: 'GET' }] }], [`${PORT}.protocol`, 'UDP']], `${PORT}.protocol`, /L7 rules need protocol TCP \(got "UDP"\)/],
  ['two L7 kinds', [[`${DNS}.rules.http`, [{}]]], `${DNS}.rules`, /^must set only one of http, kafka, dns, l7proto \(found http and dns\)$/],
  ['DNS rule with both names', [[`${DNS}.rules.dns[0].matchName`, 'a.example']], `${DNS}.rules.dns[0]`, /must set only one of matchName, matchPattern/],
  ['too many ports', [[`spec.ingress[0].toPorts[0].ports`, Array.from({ length: 41 }, (_, i) => ({ port: String(1000 + i) }))]], 'spec.ingress[0].toPorts[0].ports', /at most 40 items \(got 41\)/],
  ['non-canonical toCIDRSet', [['spec.egress[2].toCIDRSet[0].cidr', '192.0.2.1/24']], 'spec.egress[2].toCIDRSet[0].cidr', /^192\.0\.2\.1\/24 is not canonical: use 192\.0\.2\.0\/24$/],
  ['except outside toCIDRSet', [['spec.egress[2].toCIDRSet[0].except[0]', '198.51.100.0/25']], 'spec.egress[2].toCIDRSet[0].except[0]', /must be a strict subset of 192\.0\.2\.0\/24/],
  ['toCIDR bare IP', [['spec.egress[2]', { toCIDR: ['10.0.0.1'] }]], 'spec.egress[2].toCIDR[0]', /has no prefix length: write 10\.0\.0\.1\/32/],
  ['CIDR set with two sources', [['spec.egress[2].toCIDRSet[0].cidrGroupRef', 'corp']], 'spec.egress[2].toCIDRSet[0]', /must set only one of cidr, cidrGroupRef, cidrGroupSelector/],
  ['matchName with a trailing space (no exponential backtracking)', [['spec.egress[3].toFQDNs[0].matchName', `${'a'.repeat(60)}.example.com `]], 'spec.egress[3].toFQDNs[0].matchName', /^must be a DNS name: .* \(got "a{57}\.\.\."\)$/],
  ['matchPattern with a double dot', [['spec.egress[3].toFQDNs[1].matchPattern', '*..example.org']], 'spec.egress[3].toFQDNs[1].matchPattern', /must be a DNS name pattern/],
  ['long invalid port string (no polynomial backtracking)', [[`${PORT}.port`, `${'a1'.repeat(2000)}!`]], `${PORT}.port`, /must be a port number 0-65535 or a port name/],
  ['ICMP type name misspelt', [['spec.ingress[0]', { icmps: [{ fields: [{ type: 'EchoRequets' }] }] }]], 'spec.ingress[0].icmps[0].fields[0].type', /must be an ICMP type 0-255 or a name such as "EchoRequest" \(got "EchoRequets"\)/],
  ['unknown entity', [['spec.egress[1].toEntities[0]', 'kube-api-server']], 'spec.egress[1].toEntities[0]', /did you mean "kube-apiserver"/],
  ['endpointSelector and nodeSelector', [['spec.nodeSelector', {}]], 'spec', /^must set only one of endpointSelector, nodeSelector/],
  ['neither spec nor specs', [['spec', undefined]], 'spec', /^is required \(or specs\)$/],
  ['no selector', [['spec.endpointSelector', undefined]], 'spec', /^must set exactly one of endpointSelector, nodeSelector$/],
  ['only enableDefaultDeny', [['spec.ingress', undefined], ['spec.egress', undefined], ['spec.enableDefaultDeny', { ingress: true }]], 'spec', /^must set at least one of ingress, ingressDeny, egress, egressDeny$/],
  ['selector operator', [['spec.ingress[1].fromEndpoints[0].matchExpressions', [{ key: 'app', operator: 'in', values: ['x'] }]]], 'spec.ingress[1].fromEndpoints[0].matchExpressions[0].operator', /did you mean "In"/],
  ['In without values', [['spec.ingress[1].fromEndpoints[0].matchExpressions', [{ key: 'app', operator: 'In' }]]], 'spec.ingress[1].fromEndpoints[0].matchExpressions[0].values', /must not be empty when operator is In/],
  ['bad label value', [['spec.endpointSelector.matchLabels.control-plane', 'controller manager']], 'spec.endpointSelector.matchLabels.control-plane', /must be a label value/],
  ['bad label key after the source prefix', [['spec.ingress[1].fromEndpoints[0].matchLabels["k8s:app name"]', 'x']], 'spec.ingress[1].fromEndpoints[0].matchLabels["k8s:app name"]', /not a valid key/],
  ['control character in log.value (Go \\PC)', [['spec.log', { value: 'bell\u0007' }]], 'spec.log.value', /must not contain control characters/],
  ['log.value too long', [['spec.log', { value: 'x'.repeat(33) }]], 'spec.log.value', /at most 32 characters long \(got 33\)/],
])('%s', (_, edits, path, message) => {
  expect(validateObject(withEdits(ciliumAllowlist(), edits))).toEqual([{ path, message: expect.stringMatching(message) }]);
});

test('fromRequires goes with fromEndpoints (it is a constraint, not an L3 selector)', () => {
  const object = withEdits(ciliumAllowlist(), [['spec.ingress[1].fromRequires', [{ matchLabels: { 'k8s:team': 'a' } }]]]);
  expect(validateObject(object)).toEqual([]);
});

test('Go \\PC accepts non-ASCII letters', () => {
  expect(validateObject(withEdits(ciliumAllowlist(), [['spec.log', { value: 'Grüße, 世界' }]]))).toEqual([]);
});

test('a DNS rule on another port than 53 is valid (OpenShift serves DNS on 5353; rule_validation.go asks for a port, not for 53)', () => {
  expect(validateObject(withEdits(ciliumAllowlist(), [[`${DNS}.ports[0].port`, '5353']]))).toEqual([]);
});
