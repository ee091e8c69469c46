import { checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkPortName, checkQualifiedName } from '../../src/k8s/names.js';

test.each(['http', 'webhook', 'metrics-8080', 'a', 'h2c', 'x'.repeat(15)])('port name %p is valid', (name) => expect(checkPortName(name)).toBeUndefined());
test.each([
  ['x'.repeat(16), /at most 15 characters/],
  ['8080', /at least one letter\); for port 8080 write the number unquoted/],
  ['-http', /no leading or trailing '-'/],
  ['http-', /no leading or trailing '-'/],
  ['web--hook', /no '--'/],
  ['Http', /lower-case alphanumerics/],
  ['web_hook', /lower-case alphanumerics/],
  ['', /lower-case alphanumerics/],
])('port name %p is invalid', (name, message) => expect(checkPortName(name)).toMatch(message));

test.each(['app', 'app.kubernetes.io/name', 'k8s-app', 'a_b.c-d', 'example.com/A1'])('qualified name %p is valid', (key) => expect(checkQualifiedName(key)).toBeUndefined());
test.each([
  ['a/b/c', /at most one '\/'/],
  ['/name', /prefix before '\/' is empty/],
  ['Example.com/name', /prefix .*DNS subdomain/],
  ['example.com/', /the name is empty/],
  ['-app', /starting and ending with an alphanumeric/],
  ['x'.repeat(64), /longer than 63/],
])('qualified name %p is invalid', (key, message) => expect(checkQualifiedName(key)).toMatch(message));

test('label values may be empty, not longer than 63', () => {
  expect(checkLabelValue('')).toBeUndefined();
  expect(checkLabelValue('v1.2_3-x')).toBeUndefined();
  expect(checkLabelValue('x'.repeat(64))).toMatch(/longer than 63/);
  expect(checkLabelValue('a b')).toMatch(/not a valid label value/);
});

test('DNS names', () => {
  expect(checkDns1123Label('ctrl-system')).toBeUndefined();
  expect(checkDns1123Label('ctrl.system')).toMatch(/DNS label/);
  expect(checkDns1123Label('x'.repeat(64))).toMatch(/longer than 63/);
  expect(checkDns1123Subdomain('ctrl-system.my-controller')).toBeUndefined();
  expect(checkDns1123Subdomain('Ctrl')).toMatch(/DNS subdomain/);
  expect(checkDns1123Subdomain('a.'.repeat(127) + 'a')).toMatch(/longer than 253/);
});
