import { FUNCTION_NAME } from '../constants.js';
import { stringifyCommented, type YamlEntry, type YamlMap, type YamlNode } from './commented-yaml.js';
import type { Discovery } from './discovery.js';

const map = (...entries: (YamlEntry | undefined | false)[]): YamlMap => ({ entries: entries.filter((e): e is YamlEntry => Boolean(e)) });
const byName = (namespace: string) => map({ key: 'matchLabels', value: map({ key: 'kubernetes.io/metadata.name', value: namespace }) });

/**
 * The values file: a `fn.kpt.dev/v1alpha1 ControllerNetworkPolicy` with the keys of issue 13, every
 * discovered value commented with where it came from. The engine is only recommended, commented out:
 * the user chooses it (docs/engines.md).
 */
export function renderValues(discovery: Discovery): string {
  const header = [
    `Values for ${FUNCTION_NAME}, discovered from ${discovery.source} by \`${FUNCTION_NAME} discover\`.`,
    'Every discovered value says where it came from; "your choice" marks what was not discovered.',
    'Review them, then use this file as the function\'s configuration.',
    ...(discovery.platform ? [`Platform: ${discovery.platform.value}, from ${discovery.platform.source}.`] : []),
    ...(discovery.warnings.length ? ['', 'Warnings:', ...discovery.warnings.map((w) => `- ${w}`)] : []),
  ];
  const document = map(
    { key: 'apiVersion', value: 'fn.kpt.dev/v1alpha1' },
    { key: 'kind', value: 'ControllerNetworkPolicy' },
    { key: 'metadata', value: map({ key: 'name', value: 'network-policy' }) },
    { key: 'networkPolicy', value: networkPolicy(discovery) },
  );
  return stringifyCommented(document, header);
}

function networkPolicy(discovery: Discovery): YamlMap {
  const { engines, prometheus } = discovery;
  const engineLines = [
    ...engines.options.map((o) => `Engine ${o.engine}: ${o.evidence}${o.caveat ? `; ${o.caveat}` : ''}.`),
    ...engines.notes.map((n) => `Note: ${n}.`),
    ...(engines.ciliumCidrMatchMode ? [`Cilium policy-cidr-match-mode: ${engines.ciliumCidrMatchMode.value || '(unset)'} (${engines.ciliumCidrMatchMode.source}).`] : []),
    `Recommended: ${engines.recommended.engine}, because ${engines.recommended.reason}.`,
    'The engine is your choice (docs/engines.md): uncomment the line below to take the recommendation.',
  ];
  return map(
    { key: 'enabled', value: true, comment: 'your choice: render the policies' },
    { key: 'engine', value: engines.recommended.engine, before: engineLines, disabled: true },
    prometheus && {
      key: 'metrics',
      value: map({
        key: 'from',
        comment: `Prometheus, ${prometheus.source}`,
        value: prometheus.value.map((p) => map({ key: 'namespaceSelector', value: byName(p.namespace) }, { key: 'podSelector', value: map({ key: 'matchLabels', value: map({ key: 'app.kubernetes.io/name', value: 'prometheus' }) }) })),
      }),
    },
    { key: 'egress', value: egress(discovery) },
  );
}

function egress({ dns, apiserver, flux }: Discovery): YamlMap {
  const apiserverKeys = map(
    apiserver.cidrs && { key: 'cidrs', value: { flow: apiserver.cidrs.value }, comment: apiserver.cidrs.source },
    apiserver.ports && { key: 'ports', value: { flow: apiserver.ports.value }, comment: apiserver.ports.source },
    apiserver.serviceIP && { key: 'serviceIP', value: apiserver.serviceIP.value, comment: apiserver.serviceIP.source },
    { key: 'external', value: apiserver.external.value, comment: apiserver.external.source },
  );
  const derived: YamlNode | undefined = flux && map(
    { key: 'enabled', value: true, comment: 'your choice: egress to what the values and the items imply (Flux below, tracing, the rollback store, MetricSource addresses)' },
    flux.namespace
      ? { key: 'fluxSource', value: true, comment: "Flux's source-controller runs: see fluxNamespace" }
      : { key: 'fluxSource', value: false, comment: 'no pod labelled app=source-controller' },
    flux.namespace && { key: 'fluxNamespace', value: flux.namespace.value, comment: flux.namespace.source },
  );
  return map(
    { key: 'enabled', value: true, comment: 'your choice: egress allowlist; what the controller needs follows' },
    dns.namespace && { key: 'dnsNamespace', value: dns.namespace.value, comment: dns.namespace.source },
    dns.preset && { key: 'dnsPreset', value: dns.preset.value, comment: dns.preset.source },
    dns.addresses && { key: 'dnsAddresses', value: { flow: dns.addresses.value }, comment: dns.addresses.source },
    apiserver.cidrs && { key: 'apiserver', value: apiserverKeys },
    derived && { key: 'derived', value: derived },
  );
}
