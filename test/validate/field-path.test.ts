import { closestName } from '../../src/k8s/closest-name.js';
import { childPath, pathOf } from '../../src/k8s/field-path.js';
import { pointerSegments } from '../../src/validate/json-pointer.js';

test('Ajv instance paths become field paths', () => {
  const data = { spec: { ingress: [{ toPorts: [{ ports: [{}] }] }], matchLabels: { '80': 'x' } } };
  expect(pathOf(pointerSegments('/spec/ingress/0/toPorts/0/ports/0/port', data))).toBe('spec.ingress[0].toPorts[0].ports[0].port');
  expect(pathOf(pointerSegments('/metadata/labels/app.kubernetes.io~1name', data))).toBe('metadata.labels["app.kubernetes.io/name"]');
  expect(pathOf(pointerSegments('/spec/matchLabels/k8s:k8s-app', data))).toBe('spec.matchLabels["k8s:k8s-app"]');
  expect(pathOf(pointerSegments('/spec/matchLabels/80', data))).toBe('spec.matchLabels["80"]');
  expect(pathOf(pointerSegments('', data))).toBe('');
  expect(childPath('', 'spec')).toBe('spec');
  expect(childPath('spec.ingress', 3)).toBe('spec.ingress[3]');
});

test.each([
  ['fromEndpoint', ['fromEndpoints', 'fromCIDR', 'toPorts'], 'fromEndpoints'],
  ['form', ['from', 'ports'], 'from'],
  ['podselector', ['podSelector', 'namespaceSelector'], 'podSelector'],
  ['toPort', ['toPorts', 'toCIDR'], 'toPorts'],
  ['banana', ['from', 'ports'], undefined],
  ['x', ['y', 'ports'], undefined],
])('closestName(%p) = %p', (name, candidates, expected) => expect(closestName(name, candidates)).toBe(expected));
