import { valuesSchema, type ValuesInput } from '../../src/config/values-schema';
import type { EgressTarget } from '../../src/egress/egress-target';
import { planEgress } from '../../src/policy/plan-egress';

const plan = (egress: Record<string, unknown>, derived: EgressTarget[] = []) => planEgress(valuesSchema.parse({ networkPolicy: { enabled: true, egress } } as ValuesInput), derived, [], []);
const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP' as const, port }));

describe('planEgress', () => {
  test('egress off: no egress plan, and the egress keys set anyway are ignored, with a warning each', () => {
    const { egress, problems, warnings } = plan({ enabled: false, apiserver: {}, dnsPreset: 'kube-dns', dnsAddresses: ['10.0.0.1/32'] });
    expect({ egress, problems }).toEqual({ egress: undefined, problems: [] });
    expect(warnings).toEqual(['apiserver', 'dnsPreset', 'dnsAddresses'].map((key) => ({ path: `networkPolicy.egress.${key}`, message: 'is ignored: networkPolicy.egress.enabled is false' })));
  });

  test.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    ['a preset with DNS off', { dns: false, dnsPreset: 'openshift' }, [{ path: 'networkPolicy.egress.dnsPreset', message: 'is ignored: networkPolicy.egress.dns is false' }]],
    ['addresses with no preset', { dnsAddresses: ['10.0.0.1/32'] }, [{ path: 'networkPolicy.egress.dnsAddresses', message: 'is ignored: only the node-local-dns, gke-cloud-dns, eks-auto-mode presets use addresses (dnsPreset is not set)' }]],
    ['addresses with a preset that uses none', { dnsPreset: 'openshift', dnsAddresses: ['10.0.0.1/32'] }, [{ path: 'networkPolicy.egress.dnsAddresses', message: expect.stringContaining('(dnsPreset is openshift)') }]],
    ['addresses with a preset that uses them', { dnsPreset: 'node-local-dns', dnsAddresses: ['169.254.25.10/32'] }, []],
  ])('warnings: %s', (_title, egress, warnings) => {
    expect(plan({ enabled: true, ...egress }).warnings).toEqual(warnings);
  });

  test.each<[string, Record<string, unknown>, { path: string; message: string }]>([
    ['an apiserver CIDR with host bits', { apiserver: { cidrs: ['10.0.0.1/8'] } }, { path: 'networkPolicy.egress.apiserver.cidrs[0]', message: '10.0.0.1/8 is not canonical: use 10.0.0.0/8' }],
    ['a DNS address with host bits', { dnsPreset: 'gke-cloud-dns', dnsAddresses: ['169.254.169.254/24'] }, { path: 'networkPolicy.egress.dnsAddresses[0]', message: '169.254.169.254/24 is not canonical: use 169.254.169.0/24' }],
    ['eks-auto-mode without the DNS Service IP', { dnsPreset: 'eks-auto-mode' }, { path: 'networkPolicy.egress.dnsAddresses', message: expect.stringContaining("eks-auto-mode preset needs the cluster's DNS Service IP") }],
  ])('errors: %s', (_title, egress, problem) => {
    expect(plan({ enabled: true, ...egress }).problems).toEqual([problem]);
  });

  test('the apiserver: ports deduplicated, the Service IP on the Service port 443', () => {
    expect(plan({ enabled: true, apiserver: { cidrs: ['10.0.0.10/32'], ports: [6443, 6443], serviceIP: 'fd00::1' } }).egress?.apiserver).toEqual({
      origin: 'networkPolicy.egress.apiserver',
      cidrs: ['10.0.0.10/32'],
      ports: [6443],
      service: { cidr: 'fd00::1/128', port: 443 },
      external: false,
    });
  });

  test('derived targets: pods and CIDRs become neutral rules (marked derived), names become name targets', () => {
    const derived: EgressTarget[] = [
      { origin: 'networkPolicy.egress.derived.fluxSource', what: 'Flux', to: { kind: 'pods', namespace: 'flux-system', labels: { app: 'source-controller' } }, ports: tcp(9090) },
      { origin: 'controller.tracing.endpoint', what: 'OTLP', to: { kind: 'pods', namespace: 'observability' }, ports: tcp(4317) },
      { origin: 'StageSet a/b spec.kubeConfig.configMapRef', what: 'remote', to: { kind: 'cidr', cidr: '10.20.0.5/32' }, ports: tcp(6443) },
      { origin: 'controller.allowedActionHosts[0]', what: 'hooks', to: { kind: 'fqdn', pattern: '*.hooks.example.com' }, ports: tcp(80, 443) },
      { origin: 'controller.allowedActionHosts[1]', what: 'api', to: { kind: 'fqdn', name: 'api.example.com' }, ports: tcp(443) },
    ];
    const egress = plan({ enabled: true }, derived).egress;
    expect(egress?.to.map((rule) => ({ origin: rule.origin, peers: rule.peers, derived: rule.derived }))).toEqual([
      { origin: 'networkPolicy.egress.derived.fluxSource', peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flux-system' } }, podSelector: { matchLabels: { app: 'source-controller' } } }], derived: 'Flux' },
      { origin: 'controller.tracing.endpoint', peers: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }], derived: 'OTLP' },
      { origin: 'StageSet a/b spec.kubeConfig.configMapRef', peers: [{ ipBlock: { cidr: '10.20.0.5/32' } }], derived: 'remote' },
    ]);
    expect(egress?.fqdns).toEqual([
      { origin: 'controller.allowedActionHosts[0]', names: [{ pattern: '*.hooks.example.com' }], ports: [80, 443] },
      { origin: 'controller.allowedActionHosts[1]', names: [{ name: 'api.example.com' }], ports: [443] },
    ]);
  });
});
