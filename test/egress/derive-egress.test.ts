import { valuesSchema, type ValuesInput } from '../../src/config/values-schema';
import { deriveEgress, type DeriveEgressContext } from '../../src/egress/derive-egress';
import { describeTargets } from '../../src/egress/describe-targets';
import type { DerivedEgress, EgressProblem, EgressTarget } from '../../src/egress/egress-target';
import { mayImplyEgress } from '../../src/egress/item-targets';
import type { KubeObject, ObjectRef } from '../../src/k8s/kube-object';

const derive = (set: ValuesInput, items: KubeObject[] = [], context: DeriveEgressContext = {}) => deriveEgress(valuesSchema.parse(set), items, context);

type Switch = 'tracing' | 'rollbackStore' | 'actionHosts' | 'fluxSource' | 'items';
const SWITCHES: Switch[] = ['tracing', 'rollbackStore', 'actionHosts', 'fluxSource', 'items'];
/** The values with only one derivation switched on (and extra derived keys). */
const only = (on: Switch, set: ValuesInput = {}, derived: Record<string, unknown> = {}): ValuesInput => ({
  ...set,
  networkPolicy: { egress: { derived: { ...Object.fromEntries(SWITCHES.map((s) => [s, s === on])), ...derived } } },
});
const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP' as const, port }));
const nothing: DerivedEgress = { targets: [], problems: [], notes: [] };
const withRef = (ref?: ObjectRef) => (ref ? { resourceRef: ref } : {});
const serviceNote = (path: string, text: string, service: string, namespace: string, ports: string, ref?: ObjectRef, own = false): EgressProblem => ({
  path,
  message: `"${text}" is read as the Service ${service}${own ? " (a name of one label resolves in the controller's own namespace)" : ''}: the rule allows all pods of namespace ${namespace} on ${ports}, taken to be the Service's targetPort, as the CNI sees the connection after the Service's translation; if the Service maps it to another port, allow that one in networkPolicy.egress.to`,
  ...withRef(ref),
});
const loopbackNote = (path: string, text: string): EgressProblem => ({ path, message: `"${text}" is the loopback interface, which never leaves the pod: no network policy applies to it, so no egress rule is needed` });
const PORTS_NOTE: EgressProblem = {
  path: 'controller.allowedActionHosts',
  message: 'the rules derived from it open ports 80 and 443, the defaults of the http:// and https:// URLs http actions call; an action URL with another port needs that port in networkPolicy.egress.to',
};
const FLUX: EgressTarget = {
  origin: 'networkPolicy.egress.derived.fluxSource',
  what: "Flux's source-controller, which serves the artifacts (its Service's port 80 is port 9090 of the pods)",
  to: { kind: 'pods', namespace: 'flux-system', labels: { app: 'source-controller' } },
  ports: tcp(9090),
};
const tracing = (endpoint: string): ValuesInput => ({ controller: { tracing: { endpoint } } });
const s3 = (endpoint: string, useSSL?: boolean): ValuesInput => ({ rollbackStore: { backend: 's3', s3: { endpoint, ...(useSSL === undefined ? {} : { useSSL }) } } });
const actionHosts = (...hosts: string[]): ValuesInput => ({ controller: { allowedActionHosts: hosts } });

describe('deriveEgress: each key of the values alone', () => {
  test.each<[string, ValuesInput, DerivedEgress]>([
    [
      'tracing: an in-cluster collector',
      only('tracing', tracing('otel-collector.observability.svc:4317')),
      {
        targets: [{ origin: 'controller.tracing.endpoint', what: 'the OTLP collector otel-collector.observability.svc:4317', to: { kind: 'pods', namespace: 'observability' }, ports: tcp(4317) }],
        problems: [],
        notes: [serviceNote('controller.tracing.endpoint', 'otel-collector.observability.svc:4317', 'otel-collector.observability.svc', 'observability', 'port 4317')],
      },
    ],
    [
      'tracing: an external collector by name',
      only('tracing', tracing('api.honeycomb.io:443')),
      { targets: [{ origin: 'controller.tracing.endpoint', what: 'the OTLP collector api.honeycomb.io:443', to: { kind: 'fqdn', name: 'api.honeycomb.io' }, ports: tcp(443) }], problems: [], notes: [] },
    ],
    [
      'tracing: an IPv6 literal',
      only('tracing', tracing('[fd00::10]:4317')),
      { targets: [{ origin: 'controller.tracing.endpoint', what: 'the OTLP collector [fd00::10]:4317', to: { kind: 'cidr', cidr: 'fd00::10/128' }, ports: tcp(4317) }], problems: [], notes: [] },
    ],
    [
      "tracing: a name of one label, in the controller's namespace from target.namespace",
      only('tracing', { ...tracing('otel:4317'), target: { namespace: 'stageset-system' } }),
      {
        targets: [{ origin: 'controller.tracing.endpoint', what: 'the OTLP collector otel:4317', to: { kind: 'pods', namespace: 'stageset-system' }, ports: tcp(4317) }],
        problems: [],
        notes: [serviceNote('controller.tracing.endpoint', 'otel:4317', 'otel.stageset-system.svc', 'stageset-system', 'port 4317', undefined, true)],
      },
    ],
    [
      "tracing: a name of one label, the controller's namespace unknown",
      only('tracing', tracing('otel:4317')),
      {
        targets: [],
        problems: [{ path: 'controller.tracing.endpoint', message: "\"otel:4317\" names the Service otel without a namespace, and the controller's namespace is not known here (set target.namespace): write otel.<namespace>, so that its egress can be derived" }],
        notes: [],
      },
    ],
    ['tracing: a sidecar on localhost needs no rule', only('tracing', tracing('localhost:4317')), { targets: [], problems: [], notes: [loopbackNote('controller.tracing.endpoint', 'localhost:4317')] }],
    ['tracing: a loopback address needs no rule', only('tracing', tracing('127.0.0.1:4317')), { targets: [], problems: [], notes: [loopbackNote('controller.tracing.endpoint', '127.0.0.1:4317')] }],
    ['tracing: empty, tracing is off', only('tracing', tracing('')), nothing],
    [
      'tracing: no port (the chart asks for host:port)',
      only('tracing', tracing('otel-collector.observability.svc')),
      { targets: [], problems: [{ path: 'controller.tracing.endpoint', message: '"otel-collector.observability.svc" names no port: write host:port (OTLP over gRPC listens on 4317); no egress is derived from it' }], notes: [] },
    ],
    [
      'tracing: a port out of range',
      only('tracing', tracing('otel.obs.svc:70000')),
      { targets: [], problems: [{ path: 'controller.tracing.endpoint', message: '"otel.obs.svc:70000" has the port 70000, out of range 1-65535; no egress is derived from it' }], notes: [] },
    ],
    [
      'rollbackStore: in-cluster MinIO, as the chart\'s CI values',
      only('rollbackStore', s3('minio.minio.svc:9000', false)),
      {
        targets: [{ origin: 'rollbackStore.s3.endpoint', what: 'the S3 rollback store minio.minio.svc:9000', to: { kind: 'pods', namespace: 'minio' }, ports: tcp(9000) }],
        problems: [],
        notes: [serviceNote('rollbackStore.s3.endpoint', 'minio.minio.svc:9000', 'minio.minio.svc', 'minio', 'port 9000')],
      },
    ],
    [
      'rollbackStore: AWS S3 over HTTPS, no port: 443',
      only('rollbackStore', s3('s3.eu-west-1.amazonaws.com')),
      { targets: [{ origin: 'rollbackStore.s3.endpoint', what: 'the S3 rollback store s3.eu-west-1.amazonaws.com (HTTPS: port 443)', to: { kind: 'fqdn', name: 's3.eu-west-1.amazonaws.com' }, ports: tcp(443) }], problems: [], notes: [] },
    ],
    [
      'rollbackStore: useSSL false, no port: 80',
      only('rollbackStore', s3('storage.example.com', false)),
      { targets: [{ origin: 'rollbackStore.s3.endpoint', what: 'the S3 rollback store storage.example.com (useSSL is false: HTTP, port 80)', to: { kind: 'fqdn', name: 'storage.example.com' }, ports: tcp(80) }], problems: [], notes: [] },
    ],
    [
      'rollbackStore: an IP and a port of its own',
      only('rollbackStore', s3('10.20.0.5:9000', false)),
      { targets: [{ origin: 'rollbackStore.s3.endpoint', what: 'the S3 rollback store 10.20.0.5:9000', to: { kind: 'cidr', cidr: '10.20.0.5/32' }, ports: tcp(9000) }], problems: [], notes: [] },
    ],
    ['rollbackStore: backend pvc', only('rollbackStore', { rollbackStore: { backend: 'pvc', s3: { endpoint: 'minio.minio.svc:9000' } } }), nothing],
    ['rollbackStore: backend none (the default)', only('rollbackStore', { rollbackStore: { s3: { endpoint: 'minio.minio.svc:9000' } } }), nothing],
    [
      'rollbackStore: s3 without an endpoint',
      only('rollbackStore', s3('')),
      {
        targets: [],
        problems: [{ path: 'rollbackStore.s3.endpoint', message: 'is empty while rollbackStore.backend is s3, which the chart refuses to render (required), so no egress to the bucket is derived; set the endpoint, for AWS S3 s3.<region>.amazonaws.com' }],
        notes: [],
      },
    ],
    [
      'rollbackStore: a bad endpoint',
      only('rollbackStore', s3('minio.minio.svc:9000/bucket')),
      { targets: [], problems: [{ path: 'rollbackStore.s3.endpoint', message: '"minio.minio.svc:9000/bucket" is not host:port: a path or a user belongs in a URL such as https://host:port/path; no egress is derived from it' }], notes: [] },
    ],
    [
      'actionHosts: names, globs, an IP and a Service, on 80 and 443',
      only('actionHosts', actionHosts('hooks.slack.com', '*.github.com', 'github.com', '10.0.0.5', 'web.apps.svc')),
      {
        targets: [
          { origin: 'controller.allowedActionHosts[0]', what: 'the http action host hooks.slack.com', to: { kind: 'fqdn', name: 'hooks.slack.com' }, ports: tcp(80, 443) },
          { origin: 'controller.allowedActionHosts[1]', what: 'the http action hosts matching *.github.com', to: { kind: 'fqdn', pattern: '*.github.com' }, ports: tcp(80, 443) },
          { origin: 'controller.allowedActionHosts[2]', what: 'the http action host github.com', to: { kind: 'fqdn', name: 'github.com' }, ports: tcp(80, 443) },
          { origin: 'controller.allowedActionHosts[3]', what: 'the http action host 10.0.0.5', to: { kind: 'cidr', cidr: '10.0.0.5/32' }, ports: tcp(80, 443) },
          { origin: 'controller.allowedActionHosts[4]', what: 'the http action host web.apps.svc', to: { kind: 'pods', namespace: 'apps' }, ports: tcp(80, 443) },
        ],
        problems: [],
        notes: [serviceNote('controller.allowedActionHosts[4]', 'web.apps.svc', 'web.apps.svc', 'apps', 'ports 80 and 443'), PORTS_NOTE],
      },
    ],
    [
      'actionHosts: an entry with a port or a scheme matches no URL',
      only('actionHosts', actionHosts('hooks.example.com:8443', 'https://hooks.example.com')),
      {
        targets: [],
        problems: [
          { path: 'controller.allowedActionHosts[0]', message: "\"hooks.example.com:8443\" names a port, but the controller matches each entry against the host name of an action's URL alone (Go path.Match), so this entry allows no URL and no egress is derived from it; write the host name alone" },
          { path: 'controller.allowedActionHosts[1]', message: "\"https://hooks.example.com\" names a scheme, but the controller matches each entry against the host name of an action's URL alone (Go path.Match), so this entry allows no URL and no egress is derived from it; write the host name alone" },
        ],
        notes: [],
      },
    ],
    [
      'actionHosts: a glob no FQDN rule expresses',
      only('actionHosts', actionHosts('hook?.example.com')),
      { targets: [], problems: [{ path: 'controller.allowedActionHosts[0]', message: '"hook?.example.com" uses ?, [...] or \\, which no FQDN rule can express: list the host names, with * for any part; no egress is derived from it' }], notes: [] },
    ],
    ['actionHosts: none (the default)', only('actionHosts'), nothing],
    ['fluxSource: the default namespace', only('fluxSource'), { targets: [FLUX], problems: [], notes: [] }],
    ['fluxSource: another namespace', only('fluxSource', {}, { fluxNamespace: 'flux' }), { targets: [{ ...FLUX, to: { kind: 'pods', namespace: 'flux', labels: { app: 'source-controller' } } }], problems: [], notes: [] }],
    [
      'fluxSource: not a namespace name',
      only('fluxSource', {}, { fluxNamespace: 'Flux_System' }),
      {
        targets: [],
        problems: [{ path: 'networkPolicy.egress.derived.fluxNamespace', message: "\"Flux_System\" must be a DNS label: lower-case alphanumerics and '-', starting and ending with an alphanumeric, so no egress to Flux's source-controller is derived" }],
        notes: [],
      },
    ],
  ])('%s', (_title, set, expected) => {
    expect(derive(set)).toEqual(expected);
  });

  test("the caller's namespace wins over the values' for a name of one label", () => {
    const { targets } = derive(only('tracing', { ...tracing('otel:4317'), target: { namespace: 'from-values' } }), [], { namespace: 'from-workloads' });
    expect(targets.map((t) => t.to)).toEqual([{ kind: 'pods', namespace: 'from-workloads' }]);
  });

  test('target.pods.namespace is the namespace of explicit pods', () => {
    const { targets } = derive(only('tracing', { ...tracing('otel:4317'), target: { pods: { namespace: 'pods-ns', selector: 'app=x' } } }));
    expect(targets.map((t) => t.to)).toEqual([{ kind: 'pods', namespace: 'pods-ns' }]);
  });
});

const stageSet = (name: string, namespace: string | undefined, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'stages.metio.wtf/v1',
  kind: 'StageSet',
  metadata: namespace === undefined ? { name } : { name, namespace },
  spec: { ...spec, stages: spec.stages ?? [{ name: 'only', sourceRef: { name: 'app' } }] },
});
const configMap = (name: string, namespace: string | undefined, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: namespace === undefined ? { name } : { name, namespace },
  data,
});
const ref = (object: KubeObject): ObjectRef => ({ apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) });
const byConfigMap = stageSet('app', 'team-a', { kubeConfig: { configMapRef: { name: 'remote' } } });
const prometheus = (address: string) => ({ prometheus: { address, query: 'slo:error_budget_remaining:ratio' } });

describe('deriveEgress: the items', () => {
  test.each<[string, KubeObject[], DerivedEgress]>([
    [
      'a kubeConfig ConfigMap with an https address: the remote apiserver by name',
      [byConfigMap, configMap('remote', 'team-a', { provider: 'generic', address: 'https://api.remote.example.com:6443' })],
      {
        targets: [{ origin: 'StageSet team-a/app spec.kubeConfig.configMapRef', what: 'the remote kube-apiserver https://api.remote.example.com:6443 of StageSet team-a/app', to: { kind: 'fqdn', name: 'api.remote.example.com' }, ports: tcp(6443) }],
        problems: [],
        notes: [],
      },
    ],
    [
      'a kubeConfig ConfigMap with an IP address, https without a port: 443',
      [configMap('remote', 'team-a', { address: 'https://192.168.10.5' }), byConfigMap],
      { targets: [{ origin: 'StageSet team-a/app spec.kubeConfig.configMapRef', what: 'the remote kube-apiserver https://192.168.10.5 of StageSet team-a/app', to: { kind: 'cidr', cidr: '192.168.10.5/32' }, ports: tcp(443) }], problems: [], notes: [] },
    ],
    [
      'a StageSet and its ConfigMap both without a namespace',
      [stageSet('app', undefined, { kubeConfig: { configMapRef: { name: 'remote' } } }), configMap('remote', undefined, { address: '192.168.10.5:6443' })],
      { targets: [{ origin: 'StageSet app spec.kubeConfig.configMapRef', what: 'the remote kube-apiserver 192.168.10.5:6443 of StageSet app', to: { kind: 'cidr', cidr: '192.168.10.5/32' }, ports: tcp(6443) }], problems: [], notes: [] },
    ],
    [
      'the kubeConfig ConfigMap is not among the items',
      [byConfigMap],
      {
        targets: [],
        problems: [{ path: 'spec.kubeConfig.configMapRef.name', resourceRef: ref(byConfigMap), message: "names ConfigMap team-a/remote, which is not among the items, so the address of the remote kube-apiserver is unknown and its CIDR is missing: add the ConfigMap to the items, or the apiserver's CIDR to networkPolicy.egress.to" }],
        notes: [],
      },
    ],
    [
      'a ConfigMap of that name in another namespace is not it',
      [byConfigMap, configMap('remote', 'team-b', { address: 'https://10.0.0.1:6443' })],
      {
        targets: [],
        problems: [{ path: 'spec.kubeConfig.configMapRef.name', resourceRef: ref(byConfigMap), message: "names ConfigMap team-a/remote, which is not among the items, so the address of the remote kube-apiserver is unknown and its CIDR is missing: add the ConfigMap to the items, or the apiserver's CIDR to networkPolicy.egress.to" }],
        notes: [],
      },
    ],
    [
      'a generic kubeConfig ConfigMap without an address',
      [byConfigMap, configMap('remote', 'team-a', { provider: 'generic' })],
      {
        targets: [],
        problems: [{ path: 'data.address', resourceRef: ref(configMap('remote', 'team-a', {})), message: "is not set, so the CIDR of the remote kube-apiserver of StageSet team-a/app is missing: set data.address, or add the apiserver's CIDR to networkPolicy.egress.to" }],
        notes: [],
      },
    ],
    [
      'a cloud kubeConfig ConfigMap without an address (the cloud supplies it)',
      [byConfigMap, configMap('remote', 'team-a', { provider: 'aws', cluster: 'arn:aws:eks:eu-west-1:123456789012:cluster/remote' })],
      {
        targets: [],
        problems: [
          {
            path: 'data.address',
            resourceRef: ref(configMap('remote', 'team-a', {})),
            message: "is not set (the aws provider then takes it from the cloud's cluster resource), so the CIDR of the remote kube-apiserver of StageSet team-a/app is missing: set data.address, or add the apiserver's CIDR to networkPolicy.egress.to",
          },
        ],
        notes: [],
      },
    ],
    [
      'a kubeConfig ConfigMap with a bad address',
      [byConfigMap, configMap('remote', 'team-a', { address: 'https://' })],
      { targets: [], problems: [{ path: 'data.address', resourceRef: ref(configMap('remote', 'team-a', {})), message: '"https://" has no host after https://; no egress to the remote kube-apiserver of StageSet team-a/app is derived from it' }], notes: [] },
    ],
    [
      'a kubeConfig in a Secret',
      [stageSet('app', 'team-a', { kubeConfig: { secretRef: { name: 'remote-kubeconfig', key: 'value' } } })],
      {
        targets: [],
        problems: [
          {
            path: 'spec.kubeConfig.secretRef.name',
            resourceRef: ref(stageSet('app', 'team-a', {})),
            message: "the remote cluster's kubeconfig is in Secret team-a/remote-kubeconfig, which this function does not read, so the CIDR of the remote kube-apiserver is missing: add it to networkPolicy.egress.to, or name a ConfigMap with data.address in spec.kubeConfig.configMapRef",
          },
        ],
        notes: [],
      },
    ],
    [
      'MetricSources wherever a StageSet embeds them',
      [
        stageSet('app', 'team-a', {
          errorBudget: { source: prometheus('http://prometheus.monitoring:9090'), freezeThreshold: '0' },
          stages: [
            {
              name: 'prod',
              sourceRef: { name: 'app' },
              errorBudget: { source: prometheus('https://10.1.0.7'), freezeThreshold: '0' },
              promotion: {
                soak: '10m',
                analysis: { checks: [{ name: 'slo', source: { webhook: { url: 'https://api.nobl9.example/v1/slo', jsonPath: '{.budget}' } }, threshold: { min: '0' } }] },
                fastTrack: { source: prometheus('thanos.metrics.svc.cluster.local:10902'), max: '1' },
              },
            },
          ],
        }),
      ],
      {
        targets: [
          { origin: 'StageSet team-a/app spec.errorBudget.source.prometheus.address', what: 'the Prometheus http://prometheus.monitoring:9090 of a metric source', to: { kind: 'pods', namespace: 'monitoring' }, ports: tcp(9090) },
          { origin: 'StageSet team-a/app spec.stages[0].errorBudget.source.prometheus.address', what: 'the Prometheus https://10.1.0.7 of a metric source', to: { kind: 'cidr', cidr: '10.1.0.7/32' }, ports: tcp(443) },
          { origin: 'StageSet team-a/app spec.stages[0].promotion.analysis.checks[0].source.webhook.url', what: 'the metric webhook https://api.nobl9.example/v1/slo of a metric source', to: { kind: 'fqdn', name: 'api.nobl9.example' }, ports: tcp(443) },
          { origin: 'StageSet team-a/app spec.stages[0].promotion.fastTrack.source.prometheus.address', what: 'the Prometheus thanos.metrics.svc.cluster.local:10902 of a metric source', to: { kind: 'pods', namespace: 'metrics' }, ports: tcp(10902) },
        ],
        problems: [],
        notes: [
          serviceNote('spec.errorBudget.source.prometheus.address', 'http://prometheus.monitoring:9090', 'prometheus.monitoring.svc', 'monitoring', 'port 9090', ref(stageSet('app', 'team-a', {}))),
          serviceNote('spec.stages[0].promotion.fastTrack.source.prometheus.address', 'thanos.metrics.svc.cluster.local:10902', 'thanos.metrics.svc', 'metrics', 'port 10902', ref(stageSet('app', 'team-a', {}))),
        ],
      },
    ],
    [
      'a MetricSource address without a port or scheme',
      [stageSet('app', 'team-a', { errorBudget: { source: prometheus('prometheus.monitoring'), freezeThreshold: '0' } })],
      {
        targets: [],
        problems: [
          {
            path: 'spec.errorBudget.source.prometheus.address',
            resourceRef: ref(stageSet('app', 'team-a', {})),
            message: '"prometheus.monitoring" names no port: write host:port or a URL such as http://prometheus.monitoring:9090; no egress is derived from it',
          },
        ],
        notes: [],
      },
    ],
    ['a webhook without jsonPath is no MetricSource', [stageSet('app', 'team-a', { errorBudget: { source: { webhook: { url: 'https://x.example.com' } } } })], nothing],
    [
      'the same shapes in another API group are not the controller\'s',
      [
        { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'app', namespace: 'team-a' }, spec: { kubeConfig: { configMapRef: { name: 'remote' } }, source: prometheus('http://prom.monitoring:9090') } },
        configMap('remote', 'team-a', { address: 'https://10.0.0.1:6443' }),
      ],
      nothing,
    ],
    ['a ConfigMap alone implies nothing', [configMap('remote', 'team-a', { address: 'https://10.0.0.1:6443' })], nothing],
  ])('%s', (_title, items, expected) => {
    expect(derive(only('items'), items)).toEqual(expected);
  });

  test('items switched off: nothing from the items', () => {
    expect(derive({ networkPolicy: { egress: { derived: { fluxSource: false, items: false } } } }, [byConfigMap, stageSet('b', 'team-a', { kubeConfig: { secretRef: { name: 's' } } })])).toEqual(nothing);
  });
});

const everything: ValuesInput = {
  ...s3('minio.minio.svc:9000', false),
  controller: { tracing: { endpoint: 'otel-collector.observability.svc:4317' }, allowedActionHosts: ['hooks.slack.com'] },
};
const everyItem = [byConfigMap, configMap('remote', 'team-a', { address: 'https://10.0.0.1:6443' }), stageSet('b', 'team-b', { errorBudget: { source: prometheus('http://prometheus.monitoring:9090'), freezeThreshold: '0' } })];
const ORIGINS: Record<Switch, string[]> = {
  tracing: ['controller.tracing.endpoint'],
  rollbackStore: ['rollbackStore.s3.endpoint'],
  actionHosts: ['controller.allowedActionHosts[0]'],
  fluxSource: ['networkPolicy.egress.derived.fluxSource'],
  items: ['StageSet team-a/app spec.kubeConfig.configMapRef', 'StageSet team-b/b spec.errorBudget.source.prometheus.address'],
};

describe('deriveEgress: switches and combinations', () => {
  test('everything at once, in a fixed order: the values (tracing, rollback store, action hosts, Flux), then the items in list order', () => {
    expect(derive(everything, everyItem).targets.map((t) => t.origin)).toEqual(SWITCHES.flatMap((s) => ORIGINS[s]));
  });

  test.each(SWITCHES)('switching %s off drops its targets, and only those', (off) => {
    const { targets } = derive({ ...everything, networkPolicy: { egress: { derived: { [off]: false } } } }, everyItem);
    expect(targets.map((t) => t.origin)).toEqual(SWITCHES.filter((s) => s !== off).flatMap((s) => ORIGINS[s]));
  });

  test('all switches off: nothing, whatever the values and items hold', () => {
    expect(derive({ ...everything, networkPolicy: { egress: { derived: Object.fromEntries(SWITCHES.map((s) => [s, false])) } } }, everyItem)).toEqual(nothing);
  });

  test('derived.enabled is not read: off, the targets are still computed for the summary', () => {
    const on = derive({ ...everything, networkPolicy: { egress: { derived: { enabled: true } } } }, everyItem);
    expect(derive(everything, everyItem)).toEqual(on);
    expect(on.targets).toHaveLength(6);
  });

  test('the same input gives the same output', () => {
    expect(derive(everything, everyItem)).toEqual(derive(everything, everyItem));
  });

  test('identical flows merge into the first, which lists the other origins', () => {
    const shared = (name: string, namespace: string) => stageSet(name, namespace, { errorBudget: { source: prometheus('http://prometheus.monitoring:9090'), freezeThreshold: '0' } });
    const { targets, notes } = derive(
      { controller: { allowedActionHosts: ['hooks.slack.com', 'HOOKS.slack.com', 'other.example.com'], tracing: { endpoint: 'prom.monitoring:9090' } } },
      [shared('a', 'team-a'), shared('b', 'team-b')],
    );
    expect(targets.map(({ origin, alsoFrom, to }) => ({ origin, alsoFrom, to }))).toEqual([
      { origin: 'controller.tracing.endpoint', alsoFrom: ['StageSet team-a/a spec.errorBudget.source.prometheus.address', 'StageSet team-b/b spec.errorBudget.source.prometheus.address'], to: { kind: 'pods', namespace: 'monitoring' } },
      { origin: 'controller.allowedActionHosts[0]', alsoFrom: ['controller.allowedActionHosts[1]'], to: { kind: 'fqdn', name: 'hooks.slack.com' } },
      { origin: 'controller.allowedActionHosts[2]', alsoFrom: undefined, to: { kind: 'fqdn', name: 'other.example.com' } },
      { origin: 'networkPolicy.egress.derived.fluxSource', alsoFrom: undefined, to: FLUX.to },
    ]);
    expect(notes.filter((n) => n.path === 'controller.allowedActionHosts')).toHaveLength(1);
  });

  test('the same Service on different ports stays two targets', () => {
    const { targets } = derive(only('tracing', tracing('otel.obs.svc:4317')), [stageSet('a', 'team-a', { errorBudget: { source: prometheus('http://otel.obs.svc:4318'), freezeThreshold: '0' } })]);
    expect(targets.map((t) => t.ports)).toEqual([tcp(4317)]);
    const both = derive({ ...tracing('otel.obs.svc:4317'), networkPolicy: { egress: { derived: { fluxSource: false } } } }, [stageSet('a', 'team-a', { errorBudget: { source: prometheus('http://otel.obs.svc:4318'), freezeThreshold: '0' } })]);
    expect(both.targets.map((t) => t.ports)).toEqual([tcp(4317), tcp(4318)]);
  });

  test('problems of the values and of the items together, each with its path', () => {
    const { problems } = derive({ ...tracing('otel'), ...s3('') }, [stageSet('b', 'team-b', { kubeConfig: { secretRef: { name: 'kc' } } })]);
    expect(problems.map((p) => [p.path, p.resourceRef?.name])).toEqual([
      ['controller.tracing.endpoint', undefined],
      ['rollbackStore.s3.endpoint', undefined],
      ['spec.kubeConfig.secretRef.name', 'b'],
    ]);
  });
});

describe('describeTargets', () => {
  test('no targets', () => {
    expect(describeTargets([])).toBe('nothing');
  });

  test('each target: what, the peer, the ports and every origin', () => {
    const { targets } = derive({ controller: { tracing: { endpoint: 'prom.monitoring:9090' }, allowedActionHosts: ['*.github.com'] }, ...s3('10.0.0.9:9000') }, [
      stageSet('a', 'team-a', { errorBudget: { source: prometheus('http://prometheus.monitoring:9090'), freezeThreshold: '0' } }),
    ]);
    expect(describeTargets(targets)).toBe(
      [
        'the OTLP collector prom.monitoring:9090 → pods in namespace monitoring, TCP 9090 (controller.tracing.endpoint, StageSet team-a/a spec.errorBudget.source.prometheus.address)',
        'the S3 rollback store 10.0.0.9:9000 → 10.0.0.9/32, TCP 9000 (rollbackStore.s3.endpoint)',
        'the http action hosts matching *.github.com → hosts matching *.github.com, TCP 80, 443 (controller.allowedActionHosts[0])',
        "Flux's source-controller, which serves the artifacts (its Service's port 80 is port 9090 of the pods) → pods app=source-controller in namespace flux-system, TCP 9090 (networkPolicy.egress.derived.fluxSource)",
      ].join('; '),
    );
  });

  test('a single host', () => {
    expect(describeTargets(derive(only('tracing', tracing('api.honeycomb.io:443'))).targets)).toBe('the OTLP collector api.honeycomb.io:443 → the host api.honeycomb.io, TCP 443 (controller.tracing.endpoint)');
  });
});

describe('mayImplyEgress: the items to parse for derived.items', () => {
  test.each<[string | undefined, string | undefined, boolean]>([
    ['stages.metio.wtf/v1', 'StageSet', true],
    ['stages.metio.wtf/v1alpha1', 'FleetRollout', true],
    ['v1', 'ConfigMap', true],
    ['v1', 'Secret', false],
    ['apps/v1', 'Deployment', false],
    ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', false],
    [undefined, 'ConfigMap', false],
    [undefined, undefined, false],
  ])('%s %s → %s', (apiVersion, kind, expected) => {
    expect(mayImplyEgress(apiVersion, kind)).toBe(expected);
  });
});
