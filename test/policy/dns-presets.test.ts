import { valuesSchema, type ValuesInput } from '../../src/config/values-schema';
import { dnsDestinations, PRESETS_WITH_ADDRESSES } from '../../src/policy/dns-presets';
import { DNS_PRESETS } from '../../src/config/values-schema';

const egressOf = (egress: Record<string, unknown> = {}) => valuesSchema.parse({ networkPolicy: { egress: { enabled: true, ...egress } } } as ValuesInput).networkPolicy.egress;

describe('dnsDestinations', () => {
  test.each([
    [undefined, {}, [{ pods: { namespace: 'kube-system' }, port: 53 }]],
    [undefined, { dnsNamespace: 'dns' }, [{ pods: { namespace: 'dns' }, port: 53 }]],
    ['kube-dns', {}, [{ pods: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, port: 53 }]],
    ['openshift', {}, [{ pods: { namespace: 'openshift-dns', labels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } }, port: 5353 }]],
    [
      'node-local-dns',
      {},
      [
        { cidrs: ['169.254.20.10/32'], onNode: true, port: 53 },
        { pods: { namespace: 'kube-system', labels: { 'k8s-app': 'node-local-dns' } }, port: 53 },
        { pods: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, port: 53 },
      ],
    ],
    ['node-local-dns', { dnsAddresses: ['169.254.25.10/32'] }, expect.arrayContaining([{ cidrs: ['169.254.25.10/32'], onNode: true, port: 53 }])],
    ['gke-cloud-dns', {}, [{ cidrs: ['169.254.169.254/32'], port: 53 }]],
    ['eks-auto-mode', { dnsAddresses: ['172.20.0.10/32'] }, [{ cidrs: ['172.20.0.10/32'], port: 53 }]],
  ] as const)('%s %j', (preset, egress, expected) => {
    expect(dnsDestinations(preset, egressOf(egress))).toEqual(expected);
  });

  test('every preset is known here, and only those that use addresses read dnsAddresses', () => {
    const withAddresses = DNS_PRESETS.filter((preset) => {
      const a = JSON.stringify(dnsDestinations(preset, egressOf({ dnsAddresses: ['10.1.2.3/32'] })));
      const b = JSON.stringify(dnsDestinations(preset, egressOf({ dnsAddresses: ['10.9.9.9/32'] })));
      return a !== b;
    });
    expect(withAddresses).toEqual([...PRESETS_WITH_ADDRESSES]);
  });
});
