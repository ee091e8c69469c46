import { ENGINES } from '../../src/config/values-schema';
import { configMapConfig, controllerDeployment, otherDeployment, resourceList, service, typedConfig } from '../support/fixtures';
import { source } from '../support/source';

export interface GoldenCase {
  name: string;
  input: string;
}

const controller = controllerDeployment();

/** The same values under each engine: allowlist, egress, default-deny, passthrough, two namespaces. */
const passthrough: Record<(typeof ENGINES)[number], string> = {
  kubernetes: source`
    additionalIngress:
    - from:
      - namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: monitoring
      ports:
      - protocol: TCP
        port: 8080
    egress:
      enabled: true
      to:
      - to:
        - ipBlock:
            cidr: 10.0.0.10/32
        ports:
        - protocol: TCP
          port: 6443
        - protocol: TCP
          port: 443
  `,
  cilium: source`
    cilium:
      ingress:
      - fromEndpoints:
        - matchLabels:
            k8s:io.kubernetes.pod.namespace: monitoring
        toPorts:
        - ports:
          - port: "8080"
            protocol: TCP
      egress:
      - toEntities:
        - kube-apiserver
        toPorts:
        - ports:
          - port: "6443"
            protocol: TCP
          - port: "443"
            protocol: TCP
      - toFQDNs:
        - matchName: bucket.example.com
        toPorts:
        - ports:
          - port: "443"
            protocol: TCP
    egress:
      enabled: true
  `,
  calico: source`
    calico:
      ingress:
      - action: Allow
        protocol: TCP
        source:
          namespaceSelector: kubernetes.io/metadata.name == 'monitoring'
        destination:
          ports:
          - 8080
      egress:
      - action: Allow
        protocol: TCP
        destination:
          nets:
          - 10.0.0.10/32
          ports:
          - 6443
          - 443
    egress:
      enabled: true
  `,
  clusterNetworkPolicy: source`
    clusterNetworkPolicy:
      ingress:
      - name: metrics-from-monitoring
        action: Accept
        from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
        protocols:
        - tcp:
            destinationPort:
              number: 8080
      egress:
      - name: apiserver
        action: Accept
        to:
        - networks:
          - 10.0.0.10/32
        protocols:
        - tcp:
            destinationPort:
              number: 6443
        - tcp:
            destinationPort:
              number: 443
    egress:
      enabled: true
  `,
};

function indent(text: string, by: number): string {
  return text.split('\n').map((l) => (l ? ' '.repeat(by) + l : l)).join('\n');
}

function values(engine: string, rest = ''): string {
  return `networkPolicy:\n  enabled: true\n  engine: ${engine}\n${indent(rest, 2)}`;
}

const engineCases: GoldenCase[] = ENGINES.flatMap((engine) => [
  { name: `${engine}/allowlist`, input: resourceList([controller, service('stageset-system', 'stageset-controller-webhook')], typedConfig(values(engine))) },
  { name: `${engine}/egress`, input: resourceList([controller], typedConfig(values(engine, 'egress:\n  enabled: true\n'))) },
  {
    name: `${engine}/default-deny`,
    input: resourceList([controller, otherDeployment('stageset-system', 'neighbour')], typedConfig(values(engine, 'defaultDeny:\n  enabled: true\negress:\n  enabled: true\n'))),
  },
  { name: `${engine}/passthrough`, input: resourceList([controller], typedConfig(values(engine, passthrough[engine]))) },
  {
    name: `${engine}/two-namespaces`,
    input: resourceList(
      [controller, controllerDeployment('tenant-b', 'stageset-controller-b'), otherDeployment('tenant-b', 'web')],
      typedConfig(values(engine, 'defaultDeny:\n  enabled: true\n')),
    ),
  },
]);

export const GOLDEN_CASES: GoldenCase[] = [
  ...engineCases,
  { name: 'config/configmap-dotted-keys', input: resourceList([controller], configMapConfig({ 'networkPolicy.enabled': 'true', 'networkPolicy.egress.enabled': 'true', 'networkPolicy.egress.dnsNamespace': 'dns-system', 'ports.metrics': '8080', 'target.selector': 'app.kubernetes.io/name=stageset-controller' })) },
  { name: 'config/configmap-values-document', input: resourceList([controller], configMapConfig({ values: 'networkPolicy:\n  enabled: true\n  metrics:\n    from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: monitoring\n' })) },
  { name: 'config/empty-function-input', input: resourceList([controller], configMapConfig({})) },
  { name: 'config/typo-metrics-form', input: resourceList([controller], typedConfig('networkPolicy:\n  enabled: true\n  metrics:\n    form: []\n')) },
  { name: 'config/wrong-types', input: resourceList([controller], typedConfig('ports:\n  webhook: 70000\nnetworkPolicy:\n  enabled: "yes"\n  engine: calcio\n  egress:\n    dnsNamespace: Kube_System\n')) },
  { name: 'config/whole-chart-values', input: resourceList([controller], typedConfig('image:\n  tag: v1.0.0\ncontroller:\n  logLevel: debug\nwebhook:\n  enabled: true\n  certMode: cert-manager\nnetworkPolicy:\n  enabled: true\n')) },
  { name: 'config/unsupported-kind', input: resourceList([controller], 'functionConfig:\n  apiVersion: example.com/v1\n  kind: Something\n  metadata:\n    name: x\n') },
  { name: 'config/k8s-knob-under-cilium', input: resourceList([controller], typedConfig(values('cilium', 'metrics:\n  from:\n  - namespaceSelector: {}\n'))) },
  { name: 'workloads/none-matched', input: resourceList([otherDeployment('apps', 'web'), service('apps', 'web')], typedConfig(values('kubernetes'))) },
  { name: 'workloads/explicit-pods', input: resourceList([], typedConfig(`${values('kubernetes')}target:\n  pods:\n    namespace: stageset-system\n    selector: app.kubernetes.io/name=stageset-controller,app.kubernetes.io/instance=stageset-controller\n`)) },
  { name: 'workloads/port-not-declared', input: resourceList([controller], typedConfig(`${values('kubernetes')}mcp:\n  enabled: true\n`)) },
  { name: 'validation/bad-cidr', input: resourceList([controller], typedConfig(values('kubernetes', 'egress:\n  enabled: true\n  to:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.1/8\n'))) },
];
