import { kubernetes } from '../../src/dialects/kubernetes/kubernetes';
import type { ValuesInput } from '../../src/config/values-schema';
import { enabledUnder, renderChart } from '../support/dialect-harness';

const on = enabledUnder('kubernetes');
const lint = (set: ValuesInput) => {
  const { objects, allowlist } = renderChart(kubernetes, set);
  return kubernetes.lint(objects.find((o) => o.metadata.name === 'stageset-controller')!, allowlist!);
};
const egress = (to: Record<string, unknown>[], dns = true) => on({ egress: { enabled: true, dns, to } });
const ipBlock = (...ports: Record<string, unknown>[]) => ({ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports });
const tcp = (port: number, endPort?: number) => (endPort === undefined ? { protocol: 'TCP', port } : { protocol: 'TCP', port, endPort });
const PATH = 'networkPolicy.egress.apiserver';

describe('lint: the kube-apiserver under restricted egress', () => {
  test.each<[string, ValuesInput]>([
    ['egress disabled: nothing is restricted', on()],
    ['an ipBlock rule on 443 and 6443', egress([ipBlock(tcp(443), tcp(6443))])],
    ['an ipBlock rule on 6443 only (the endpoints port)', egress([ipBlock(tcp(6443))])],
    ['an ipBlock rule without ports (every port)', egress([{ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }] }])],
    ['a rule without peers on 6443 (every destination)', egress([{ ports: [tcp(6443)] }])],
    ['a port range 400-7000', egress([ipBlock(tcp(400, 7000))])],
    ['a port entry without protocol (TCP)', egress([ipBlock({ port: 6443 })])],
    ['a port entry without port (every TCP port)', egress([ipBlock({ protocol: 'TCP' })])],
  ])('no finding: %s', (_title, set) => {
    expect(lint(set)).toEqual([]);
  });

  const CUT_OFF =
    /^egress is enabled but no rule allows the kube-apiserver, so the controller is cut off from the cluster: declare it in networkPolicy\.egress\.apiserver \(with cidrs: the endpoint addresses, from kubectl get endpointslice -n default -l kubernetes\.io\/service-name=kubernetes or controller-network-policy discover; rendered as an ipBlock rule on TCP 443 and 6443\)$/;
  const ONLY_443 = /^the kube-apiserver rule allows TCP 443 only: NetworkPolicy matches after DNAT, .* add port 6443 unless your provider serves the endpoints on 443 \(networkPolicy\.egress\.apiserver\.ports does both by default\)$/;

  test.each<[string, ValuesInput, RegExp]>([
    ['egress with the DNS rule only', egress([]), CUT_OFF],
    ['egress with no rule at all', egress([], false), CUT_OFF],
    ['a pod-selector peer (the apiserver is no pod)', egress([{ to: [{ podSelector: {} }], ports: [tcp(6443)] }]), CUT_OFF],
    ['a namespace-selector peer', egress([{ to: [{ namespaceSelector: {} }], ports: [tcp(6443)] }]), CUT_OFF],
    ['an ipBlock rule on UDP only', egress([ipBlock({ protocol: 'UDP', port: 6443 }, { protocol: 'SCTP', port: 443 })]), CUT_OFF],
    ['an ipBlock rule on other ports', egress([ipBlock(tcp(80), tcp(8443))]), CUT_OFF],
    ['a range that stops short of 443', egress([ipBlock(tcp(400, 442))]), CUT_OFF],
    ['an ipBlock rule on 443 only', egress([ipBlock(tcp(443))]), ONLY_443],
    ['443 on TCP and 6443 on UDP', egress([ipBlock(tcp(443), { protocol: 'UDP', port: 6443 })]), ONLY_443],
    ['a range 443-6442', egress([ipBlock(tcp(443, 6442))]), ONLY_443],
  ])('%s', (_title, set, message) => {
    const findings = lint(set);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toBe(PATH);
    expect(findings[0]!.message).toMatch(message);
  });
});
