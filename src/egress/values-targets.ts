import type { Values } from '../config/values-schema.js';
import { checkDns1123Label } from '../k8s/names.js';
import { addEndpoint } from './add-endpoint.js';
import type { DerivedEgress } from './egress-target.js';
import { parseEndpoint, withoutCredentials } from './parse-endpoint.js';

/** OTLP over gRPC listens on 4317, over HTTP on 4318 (open-telemetry/opentelemetry-specification, specification/protocol/otlp.md, "OTLP/gRPC Default Port", "OTLP/HTTP Default Port"); the chart speaks gRPC. */
const OTLP_GRPC_PORT = 4317;

/**
 * Flux's source-controller serves artifacts from pods labelled `app: source-controller` on container
 * port 9090 (`http`); its Service listens on 80 with targetPort `http`
 * (fluxcd/source-controller config/manager/deployment.yaml and config/manager/service.yaml). A rule
 * names the pods' port, as the CNI sees the connection after the Service's translation.
 */
const FLUX_SOURCE = { labels: { app: 'source-controller' }, port: 9090 } as const;

/**
 * http actions call http:// and https:// URLs only, and the controller matches each allowedActionHosts
 * entry against the URL's host name alone (metio/stageset-controller internal/actions/actions.go,
 * allowedURL: `path.Match(pattern, host)`, host = the URL's host name without a trailing dot), so an entry names no port: its rule opens the
 * two schemes' default ports.
 */
const ACTION_PORTS = [80, 443];

/** The targets the chart's values imply, each key behind its networkPolicy.egress.derived switch. */
export function valuesTargets(values: Values, found: DerivedEgress, namespace: string | undefined): void {
  const derived = values.networkPolicy.egress.derived;
  if (derived.tracing) tracing(values, found, namespace);
  if (derived.rollbackStore) rollbackStore(values, found, namespace);
  if (derived.actionHosts) actionHosts(values, found, namespace);
  if (derived.fluxSource) fluxSource(values, found);
}

/** The chart: "OTLP gRPC collector host:port. Empty disables tracing entirely." (values.yaml, controller.tracing.endpoint). */
function tracing(values: Values, found: DerivedEgress, namespace: string | undefined): void {
  const text = values.controller.tracing.endpoint;
  if (text === '') return;
  const path = 'controller.tracing.endpoint';
  const endpoint = parseEndpoint(text, { portHint: ` (OTLP over gRPC listens on ${OTLP_GRPC_PORT})` });
  if (typeof endpoint === 'string') {
    found.problems.push({ path, message: `${endpoint}; no egress is derived from it` });
    return;
  }
  const shown = withoutCredentials(text);
  addEndpoint(found, endpoint, { origin: path, path, text: shown, what: `the OTLP collector ${shown}`, namespace });
}

/**
 * The S3 client (minio-go) takes the endpoint as host[:port] and prefixes https:// or http://
 * by useSSL (minio/minio-go utils.go, getEndpointURL), so a port-less endpoint is 443, or 80
 * without SSL. The chart refuses an empty endpoint with backend s3 (templates/deployment.yaml:
 * `required "rollbackStore.s3.endpoint is required when rollbackStore.backend is \"s3\""`).
 */
function rollbackStore(values: Values, found: DerivedEgress, namespace: string | undefined): void {
  if (values.rollbackStore.backend !== 's3') return;
  const { endpoint: text, useSSL } = values.rollbackStore.s3;
  const path = 'rollbackStore.s3.endpoint';
  if (text === '') {
    found.problems.push({
      path,
      message: 'is empty while rollbackStore.backend is s3, which the chart refuses to render (required), so no egress to the bucket is derived; set the endpoint, for AWS S3 s3.<region>.amazonaws.com',
    });
    return;
  }
  const endpoint = parseEndpoint(text, { defaultPort: useSSL ? 443 : 80 });
  if (typeof endpoint === 'string') {
    found.problems.push({ path, message: `${endpoint}; no egress is derived from it` });
    return;
  }
  const shown = withoutCredentials(text);
  const how = endpoint.portFrom === 'default' ? (useSSL ? ` (HTTPS: port ${endpoint.port})` : ` (useSSL is false: HTTP, port ${endpoint.port})`) : '';
  addEndpoint(found, endpoint, { origin: path, path, text: shown, what: `the S3 rollback store ${shown}${how}`, namespace });
}

/**
 * Host names and globs as the controller matches them. A name of one or two labels is read as a host
 * (the entries guard calls to outside services, and `github.com` must not become the Service github
 * in a namespace com); an in-cluster Service is derived when written as `name.namespace.svc[...]`.
 */
function actionHosts(values: Values, found: DerivedEgress, namespace: string | undefined): void {
  const before = found.targets.length;
  values.controller.allowedActionHosts.forEach((text, i) => {
    const path = `controller.allowedActionHosts[${i}]`;
    // the default port only tells an entry without a port apart: the rule opens ACTION_PORTS
    const endpoint = parseEndpoint(text, { globs: true, shortNames: 'host', defaultPort: 443 });
    if (typeof endpoint === 'string') {
      found.problems.push({ path, message: `${endpoint}; no egress is derived from it` });
      return;
    }
    if (endpoint.portFrom !== 'default') {
      const named = endpoint.portFrom === 'text' ? 'port' : 'scheme';
      found.problems.push({
        path,
        message: `${JSON.stringify(withoutCredentials(text))} names a ${named}, but the controller matches each entry against the host name of an action's URL alone (Go path.Match), so this entry allows no URL and no egress is derived from it; write the host name alone`,
      });
      return;
    }
    const what = endpoint.kind === 'glob' ? `the http action hosts matching ${text}` : `the http action host ${text}`;
    addEndpoint(found, endpoint, { origin: path, path, text, what, ports: ACTION_PORTS, namespace });
  });
  if (found.targets.length > before) {
    found.notes.push({
      path: 'controller.allowedActionHosts',
      message: `the rules derived from it open ports ${ACTION_PORTS.join(' and ')}, the defaults of the http:// and https:// URLs http actions call; an action URL with another port needs that port in networkPolicy.egress.to`,
    });
  }
}

function fluxSource(values: Values, found: DerivedEgress): void {
  const namespace = values.networkPolicy.egress.derived.fluxNamespace;
  const problem = checkDns1123Label(namespace);
  if (problem) {
    found.problems.push({ path: 'networkPolicy.egress.derived.fluxNamespace', message: `${problem}, so no egress to Flux's source-controller is derived` });
    return;
  }
  found.targets.push({
    origin: 'networkPolicy.egress.derived.fluxSource',
    what: `Flux's source-controller, which serves the artifacts (its Service's port 80 is port ${FLUX_SOURCE.port} of the pods)`,
    to: { kind: 'pods', namespace, labels: { ...FLUX_SOURCE.labels } },
    ports: [{ protocol: 'TCP', port: FLUX_SOURCE.port }],
  });
}
