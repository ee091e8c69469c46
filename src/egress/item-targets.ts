import { childPath } from '../k8s/field-path.js';
import { describeRef, groupOf, isRecord, refOf, type KubeObject } from '../k8s/kube-object.js';
import { addEndpoint } from './add-endpoint.js';
import type { DerivedEgress, EgressProblem } from './egress-target.js';
import { parseEndpoint, withoutCredentials } from './parse-endpoint.js';

/** The controller's own API group (metio/stageset-controller api/v1/groupversion_info.go): StageSet and its siblings. */
export const STAGES_GROUP = 'stages.metio.wtf';

/** Whether an item can imply egress: an object of the controller's group, or a ConfigMap a kubeConfig may name. The items to parse for derived.items. */
export function mayImplyEgress(apiVersion: string | undefined, kind: string | undefined): boolean {
  return (apiVersion === 'v1' && kind === 'ConfigMap') || (apiVersion !== undefined && groupOf(apiVersion) === STAGES_GROUP);
}

/**
 * The targets the items imply:
 * - a StageSet's `spec.kubeConfig` (Flux's meta.KubeConfigReference, fluxcd/pkg apis/meta; in
 *   metio/stageset-controller config/crd/stages.metio.wtf_stagesets.yaml exactly one of
 *   `configMapRef` and `secretRef`): `configMapRef.name` names a ConfigMap in the StageSet's namespace
 *   whose `data.address` is the remote kube-apiserver ("Required for `generic`", optional for the
 *   aws, azure and gcp providers, which read it from the cloud's cluster resource); the kubeconfig of
 *   `secretRef` is not read, and a warning asks for the apiserver's CIDR;
 * - every MetricSource in the spec of an object of the controller's group, found by its shape
 *   (`prometheus.address`, or `webhook.url` with `webhook.jsonPath`: api/v1/metricsource_types.go),
 *   wherever the API embeds it (StageSet: `spec.errorBudget.source`, `spec.stages[*].errorBudget.source`,
 *   `spec.stages[*].promotion.analysis.checks[*].source`, `spec.stages[*].promotion.fastTrack.source`),
 *   so that a new embedding needs no change here.
 * The group is the only one named, as the controller reads these objects; kinds other than StageSet
 * are looked into for MetricSources only.
 */
export function itemTargets(items: readonly KubeObject[], found: DerivedEgress, namespace: string | undefined): void {
  for (const item of items) {
    if (groupOf(item.apiVersion) !== STAGES_GROUP) continue;
    if (item.kind === 'StageSet') kubeConfig(item, items, found, namespace);
    walk(item.spec, 'spec', (source, path) => metricSource(item, source, path, found, namespace));
  }
}

function kubeConfig(stageSet: KubeObject, items: readonly KubeObject[], found: DerivedEgress, namespace: string | undefined): void {
  const spec = stageSet.spec;
  if (!isRecord(spec) || !isRecord(spec.kubeConfig)) return;
  const { configMapRef, secretRef } = spec.kubeConfig;
  const owner = refOf(stageSet);
  const inNamespace = (name: string) => `${stageSet.metadata.namespace ? `${stageSet.metadata.namespace}/` : ''}${name}`;
  if (isRecord(secretRef) && typeof secretRef.name === 'string') {
    found.problems.push({
      path: 'spec.kubeConfig.secretRef.name',
      resourceRef: owner,
      message: `the remote cluster's kubeconfig is in Secret ${inNamespace(secretRef.name)}, which this function does not read, so the CIDR of the remote kube-apiserver is missing: add it to networkPolicy.egress.to, or name a ConfigMap with data.address in spec.kubeConfig.configMapRef`,
    });
  }
  if (!isRecord(configMapRef) || typeof configMapRef.name !== 'string') return;
  const name = configMapRef.name;
  const configMap = items.find((o) => o.apiVersion === 'v1' && o.kind === 'ConfigMap' && o.metadata.name === name && (o.metadata.namespace ?? '') === (stageSet.metadata.namespace ?? ''));
  if (!configMap) {
    found.problems.push({
      path: 'spec.kubeConfig.configMapRef.name',
      resourceRef: owner,
      message: `names ConfigMap ${inNamespace(name)}, which is not among the items, so the address of the remote kube-apiserver is unknown and its CIDR is missing: add the ConfigMap to the items, or the apiserver's CIDR to networkPolicy.egress.to`,
    });
    return;
  }
  const data = isRecord(configMap.data) ? configMap.data : {};
  const address = data.address;
  const at = (message: string): EgressProblem => ({ path: 'data.address', resourceRef: refOf(configMap), message });
  if (typeof address !== 'string' || address === '') {
    const provider = typeof data.provider === 'string' ? data.provider : 'generic';
    const why = provider === 'generic' ? '' : ` (the ${provider} provider then takes it from the cloud's cluster resource)`;
    found.problems.push(at(`is not set${why}, so the CIDR of the remote kube-apiserver of ${describeRef(owner)} is missing: set data.address, or add the apiserver's CIDR to networkPolicy.egress.to`));
    return;
  }
  // Flux: "Must be a valid HTTPS endpoint, e.g. https://api.example.com:6443" (fluxcd/pkg apis/meta KubeConfigReference.Address)
  const endpoint = parseEndpoint(address, { defaultPort: 443 });
  if (typeof endpoint === 'string') {
    found.problems.push(at(`${endpoint}; no egress to the remote kube-apiserver of ${describeRef(owner)} is derived from it`));
    return;
  }
  const shown = withoutCredentials(address);
  addEndpoint(found, endpoint, {
    origin: `${describeRef(owner)} spec.kubeConfig.configMapRef`,
    path: 'data.address',
    resourceRef: refOf(configMap),
    text: shown,
    what: `the remote kube-apiserver ${shown} of ${describeRef(owner)}`,
    namespace,
  });
}

/** A MetricSource's address: a URL (the CRD's example is http://prometheus.monitoring:9090), or host:port. */
function metricSource(item: KubeObject, source: Record<string, unknown>, path: string, found: DerivedEgress, namespace: string | undefined): void {
  const { prometheus, webhook } = source;
  const addresses: [string, unknown, string][] = [];
  if (isRecord(prometheus)) addresses.push([childPath(childPath(path, 'prometheus'), 'address'), prometheus.address, 'the Prometheus']);
  if (isRecord(webhook) && typeof webhook.jsonPath === 'string') addresses.push([childPath(childPath(path, 'webhook'), 'url'), webhook.url, 'the metric webhook']);
  for (const [field, address, label] of addresses) {
    if (typeof address !== 'string') continue;
    const resourceRef = refOf(item);
    const endpoint = parseEndpoint(address, { portHint: ' or a URL such as http://prometheus.monitoring:9090' });
    if (typeof endpoint === 'string') {
      found.problems.push({ path: field, resourceRef, message: `${endpoint}; no egress is derived from it` });
      continue;
    }
    const shown = withoutCredentials(address);
    addEndpoint(found, endpoint, { origin: `${describeRef(resourceRef)} ${field}`, path: field, resourceRef, text: shown, what: `${label} ${shown} of a metric source`, namespace });
  }
}

/** Calls `visit` on every object under `value`, in document order, with its field path. */
function walk(value: unknown, path: string, visit: (object: Record<string, unknown>, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, childPath(path, i), visit));
  } else if (isRecord(value)) {
    visit(value, path);
    for (const [key, item] of Object.entries(value)) walk(item, childPath(path, key), visit);
  }
}
