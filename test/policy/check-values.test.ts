import { valuesSchema, type ValuesInput } from '../../src/config/values-schema';
import { checkValues } from '../../src/policy/check-values';

const check = (set: ValuesInput) => checkValues(valuesSchema.parse(set));
const monitoring = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } };

describe('foot-guns in the values: a warning naming the value and the consequence', () => {
  test.each<[string, ValuesInput, string, RegExp]>([
    ['webhook.from with pods only cuts the kube-apiserver off', { networkPolicy: { webhook: { from: [monitoring] } } }, 'networkPolicy.webhook.from', /kube-apiserver.*not a pod.*port 9443.*failurePolicy: Fail/],
    ['two ports with one number void a from', { ports: { metrics: 8081 }, networkPolicy: { metrics: { from: [monitoring] } } }, 'ports.metrics', /is 8081, the same as ports\.health.*from of one is void/],
    ['an allow-all additionalIngress rule', { networkPolicy: { additionalIngress: [{}] } }, 'networkPolicy.additionalIngress[0]', /every peer on every port.*anything reaches every port/],
    ['an allow-all egress rule with an empty to', { networkPolicy: { egress: { enabled: true, to: [{ to: [] }] } } }, 'networkPolicy.egress.to[0]', /every peer on every port.*egress\.enabled restricts nothing/],
    ['a documentation range in an ipBlock', { networkPolicy: { egress: { enabled: true, to: [{ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }] } } }, 'networkPolicy.egress.to[0].to[0].ipBlock.cidr', /198\.51\.100\.0\/24 lies in 198\.51\.100\.0\/24, a range reserved for documentation/],
    ['a documentation address in a native list', { networkPolicy: { calico: { egress: [{ action: 'Allow', destination: { nets: ['203.0.113.10'] } }] } } }, 'networkPolicy.calico.egress[0].destination.nets[0]', /203\.0\.113\.0\/24/],
    ['an IPv6 documentation prefix', { networkPolicy: { cilium: { ingress: [{ fromCIDR: ['2001:db8:1::/48'] }] } } }, 'networkPolicy.cilium.ingress[0].fromCIDR[0]', /2001:db8::\/32/],
  ])('%s', (_title, set, path, message) => {
    expect(check(set)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  test.each<[string, ValuesInput]>([
    ['defaults', {}],
    ['webhook.from with an ipBlock for the apiserver', { networkPolicy: { webhook: { from: [monitoring, { ipBlock: { cidr: '10.0.0.0/24' } }] } } }],
    ['webhook.from under clusterNetworkPolicy, which cannot match the apiserver at all', { networkPolicy: { engine: 'clusterNetworkPolicy', webhook: { from: [monitoring] } } }],
    ['webhook.from while the webhook is off', { webhook: { enabled: false }, networkPolicy: { webhook: { from: [monitoring] } } }],
    ['a shared number with a disabled port', { ports: { mcp: 8080 } }],
    ['a rule with ports but no peers', { networkPolicy: { additionalIngress: [{ ports: [{ port: 80 }] }] } }],
    ['an allow-all egress rule while egress is off', { networkPolicy: { egress: { to: [{}] } } }],
    ['a range that only contains a documentation range', { networkPolicy: { egress: { enabled: true, to: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } } }],
    ['a real private address', { networkPolicy: { egress: { enabled: true, to: [{ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }] }] } } }],
  ])('no warning: %s', (_title, set) => {
    expect(check(set)).toEqual([]);
  });
});
