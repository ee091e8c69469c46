import { validateObject } from '../support/validate-object';
import { withEdits } from './edit-object.js';
import { kubernetesAllowlist, kubernetesDefaultDeny } from './engine-examples.js';

test.each([
  ['allowlist', kubernetesAllowlist],
  ['default-deny', kubernetesDefaultDeny],
])('the hand-written %s is valid', (_, example) => {
  expect(validateObject(example())).toEqual([]);
});

const PEER = 'spec.egress[1].to[0]';

// [case, edits, path, message]: each edit breaks one rule; the object must then fail at that path only.
test.each<[string, [string, unknown][], string, RegExp]>([
  ['ipBlock with podSelector', [[`${PEER}.podSelector`, {}]], PEER, /^ipBlock cannot be combined with podSelector in one peer: use separate peers$/],
  ['ipBlock with both selectors', [[`${PEER}.podSelector`, {}], [`${PEER}.namespaceSelector`, {}]], PEER, /^ipBlock cannot be combined with podSelector or namespaceSelector/],
  ['empty peer', [['spec.ingress[1].from[0]', {}]], 'spec.ingress[1].from[0]', /^must set podSelector, namespaceSelector or ipBlock/],
  ['non-canonical CIDR', [[`${PEER}.ipBlock.cidr`, '10.0.0.10/8']], `${PEER}.ipBlock.cidr`, /^10\.0\.0\.10\/8 is not canonical: use 10\.0\.0\.0\/8$/],
  ['leading zeros', [[`${PEER}.ipBlock.cidr`, '010.0.0.0/8']], `${PEER}.ipBlock.cidr`, /is not a valid CIDR/],
  ['IPv6 not canonical', [[`${PEER}.ipBlock.cidr`, '2001:DB8:0:0::/64']], `${PEER}.ipBlock.cidr`, /use 2001:db8::\/64$/],
  ['bare IP', [[`${PEER}.ipBlock.cidr`, '10.0.0.10']], `${PEER}.ipBlock.cidr`, /has no prefix length: write 10\.0\.0\.10\/32/],
  ['except outside cidr', [[`${PEER}.ipBlock.except`, ['10.0.1.0/24']]], `${PEER}.ipBlock.except[0]`, /^10\.0\.1\.0\/24 must be a strict subset of 10\.0\.0\.10\/32$/],
  ['except equal to cidr', [[`${PEER}.ipBlock`, { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] }]], `${PEER}.ipBlock.except[0]`, /strict subset/],
  ['except of the other family', [[`${PEER}.ipBlock`, { cidr: '0.0.0.0/0', except: ['::/0'] }]], `${PEER}.ipBlock.except[0]`, /strict subset/],
  ['missing cidr', [[`${PEER}.ipBlock`, { except: [] }]], `${PEER}.ipBlock.cidr`, /^is required$/],
  ['endPort with named port', [['spec.ingress[0].ports[0]', { port: 'webhook', endPort: 9500 }]], 'spec.ingress[0].ports[0].endPort', /needs a numeric port, but port "webhook" is a named port/],
  ['endPort without port', [['spec.ingress[0].ports[0]', { endPort: 9500 }]], 'spec.ingress[0].ports[0].endPort', /may not be set without port/],
  ['endPort below port', [['spec.ingress[0].ports[0].endPort', 9000]], 'spec.ingress[0].ports[0].endPort', /must be greater than or equal to port \(9000 < 9443\)/],
  ['port 0', [['spec.ingress[0].ports[0].port', 0]], 'spec.ingress[0].ports[0].port', /must be between 1 and 65535 \(got 0\)/],
  ['port 65536', [['spec.ingress[0].ports[0].port', 65536]], 'spec.ingress[0].ports[0].port', /must be between 1 and 65535/],
  ['quoted number port', [['spec.ingress[0].ports[0].port', '9443']], 'spec.ingress[0].ports[0].port', /not a valid port name .*write the number unquoted/],
  ['port name too long', [['spec.ingress[0].ports[0].port', 'webhook-endpoint']], 'spec.ingress[0].ports[0].port', /at most 15 characters/],
  ['port name with --', [['spec.ingress[0].ports[0].port', 'web--hook']], 'spec.ingress[0].ports[0].port', /no '--'/],
  ['port name upper-case', [['spec.ingress[0].ports[0].port', 'Webhook']], 'spec.ingress[0].ports[0].port', /lower-case alphanumerics/],
  ['protocol lower-case', [['spec.ingress[0].ports[0].protocol', 'tcp']], 'spec.ingress[0].ports[0].protocol', /^must be one of TCP, UDP, SCTP \(got "tcp"; did you mean "TCP"\?\)$/],
  ['protocol as a number', [['spec.ingress[0].ports[0].protocol', 6]], 'spec.ingress[0].ports[0].protocol', /^must be one of TCP, UDP, SCTP \(got 6\)$/],
  ['protocol ICMP', [['spec.ingress[0].ports[0].protocol', 'ICMP']], 'spec.ingress[0].ports[0].protocol', /must be one of TCP, UDP, SCTP/],
  ['policyTypes value', [['spec.policyTypes[1]', 'Egres']], 'spec.policyTypes[1]', /did you mean "Egress"/],
  ['policyTypes duplicate', [['spec.policyTypes', ['Ingress', 'Ingress']]], 'spec.policyTypes', /must not contain duplicates/],
  ['typo in a field', [['spec.ingress[1].form', []]], 'spec.ingress[1].form', /^unknown field "form" \(did you mean "from"\?\)$/],
  ['typo in spec', [['spec.podSelecter', {}]], 'spec.podSelecter', /did you mean "podSelector"/],
  ['unknown top-level field', [['status', {}]], 'status', /^unknown field "status"$/],
  ['In without values', [['spec.podSelector.matchExpressions', [{ key: 'a', operator: 'In' }]]], 'spec.podSelector.matchExpressions[0].values', /must not be empty when operator is In/],
  ['Exists with values', [['spec.podSelector.matchExpressions', [{ key: 'a', operator: 'Exists', values: ['x'] }]]], 'spec.podSelector.matchExpressions[0].values', /must be empty when operator is Exists/],
  ['bad operator', [['spec.podSelector.matchExpressions', [{ key: 'a', operator: 'Equals', values: ['x'] }]]], 'spec.podSelector.matchExpressions[0].operator', /must be one of In, NotIn, Exists, DoesNotExist/],
  ['bad label key', [['spec.podSelector.matchLabels', { 'app/name/x': 'y' }]], 'spec.podSelector.matchLabels["app/name/x"]', /at most one '\/'/],
  ['bad label value', [['spec.ingress[1].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]', '-monitoring']], 'spec.ingress[1].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]', /not a valid label value/],
  ['label value not a string', [['spec.podSelector.matchLabels.version', 2]], 'spec.podSelector.matchLabels.version', /^must be a string, not 2 \(quote it: "2"\)$/],
  ['metadata typo', [['metadata.lables', {}]], 'metadata.lables', /did you mean "labels"/],
  ['name not DNS', [['metadata.name', 'My_Policy']], 'metadata.name', /must be a DNS subdomain/],
  ['namespace not a DNS label', [['metadata.namespace', 'ctrl.system']], 'metadata.namespace', /must be a DNS label/],
  ['missing name', [['metadata.name', undefined]], 'metadata.name', /^is required$/],
])('%s', (_, edits, path, message) => {
  expect(validateObject(withEdits(kubernetesAllowlist(), edits))).toEqual([{ path, message: expect.stringMatching(message) }]);
});

test('reports every problem of an object, each at its own path', () => {
  const object = withEdits(kubernetesAllowlist(), [
    ['spec.ingress[0].ports[0].protocol', 'tcp'],
    [`${PEER}.podSelector`, {}],
    ['spec.egress[0].to[0].podSelector.matchExpressions', [{ key: 'k8s-app', operator: 'In' }]],
  ]);
  expect(validateObject(object).map((v) => v.path)).toEqual([
    'spec.ingress[0].ports[0].protocol',
    'spec.egress[0].to[0].podSelector.matchExpressions[0].values',
    PEER,
  ]);
});

test('metadata as kpt and kustomize print it is valid', () => {
  const object = withEdits(kubernetesAllowlist(), [
    ['metadata.creationTimestamp', null],
    ['metadata.managedFields', [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} } }]],
    ['metadata.labels', { 'app.kubernetes.io/managed-by': 'kpt' }],
    ['metadata.annotations', { 'config.kubernetes.io/index': '0', 'internal.config.kubernetes.io/path': 'policies.yaml', 'Example.com/Note': 'x' }],
  ]);
  expect(validateObject(object)).toEqual([]);
});

test('missing metadata and spec shapes are reported by the schema, not as crashes of the rules', () => {
  expect(validateObject({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec: { ingress: 'all', egress: [7, { to: {} }] } })).toEqual([
    { path: 'metadata', message: 'is required' },
    { path: 'spec.ingress', message: 'must be an array (a list), not "all"' },
    { path: 'spec.egress[0]', message: 'must be an object (a map), not 7' },
    { path: 'spec.egress[1].to', message: 'must be an array (a list), not {…}' },
  ]);
});
