import {
  ApiException,
  ApiextensionsV1Api,
  ApiregistrationV1Api,
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  IsomorphicFetchHttpLibrary,
  type ConfigurationOptions,
  type HttpLibrary,
  type KubeConfig,
  type RequestContext,
} from '@kubernetes/client-node';
import type { KubeObject } from '../k8s/kube-object.js';
import { loadKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
import type { Observation, Observations } from './observation.js';
import { QUERIES, type Query, type QueryId } from './queries.js';

export type ClusterRead = { observations: Observations; source: string } | { error: string };

interface Apis {
  core: CoreV1Api;
  apps: AppsV1Api;
  discovery: DiscoveryV1Api;
  apiextensions: ApiextensionsV1Api;
  apiregistration: ApiregistrationV1Api;
}

/** A query's failure that ends discovery: the cluster cannot be talked to at all. */
interface Unreachable {
  unreachable: string;
}

/**
 * The live mode: every query against the cluster at once, through @kubernetes/client-node, each
 * bounded by `timeoutMs` (the connection, the credentials plugin and the answer). A 403 or another
 * refusal of one query is that query's observation; a network failure, a timeout, rejected
 * credentials or a failing credentials plugin end the whole read with one message.
 */
export async function readCluster(options: KubeconfigOptions & { timeoutMs: number }): Promise<ClusterRead> {
  const loaded = loadKubeconfig(options);
  if ('error' in loaded) return loaded;
  const { config, source, server } = loaded;
  const apis = apisOf(config);
  const answers = await Promise.all(QUERIES.map((query) => observe(apis, query, options.timeoutMs)));
  const observations = new Map<QueryId, Observation>();
  for (const [index, answer] of answers.entries()) {
    if ('unreachable' in answer) return { error: `cannot read the cluster of ${source} at ${server}: ${answer.unreachable}` };
    observations.set(QUERIES[index]!.id, answer);
  }
  return { observations, source };
}

function apisOf(config: KubeConfig): Apis {
  return {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    discovery: config.makeApiClient(DiscoveryV1Api),
    apiextensions: config.makeApiClient(ApiextensionsV1Api),
    apiregistration: config.makeApiClient(ApiregistrationV1Api),
  };
}

/** fetch with an AbortSignal: a request that outlives the timeout is cancelled, its socket closed. */
function httpWithTimeout(timeoutMs: number): HttpLibrary {
  const fetch = new IsomorphicFetchHttpLibrary();
  return {
    send(request: RequestContext) {
      request.setSignal(AbortSignal.timeout(timeoutMs));
      return fetch.send(request);
    },
  };
}

const DEADLINE = Symbol('deadline');

async function observe(apis: Apis, query: Query, timeoutMs: number): Promise<Observation | Unreachable> {
  let timer: NodeJS.Timeout | undefined;
  // The signal bounds the request; this bounds what comes before it too (an exec credentials plugin).
  const deadline = new Promise<typeof DEADLINE>((resolve) => {
    timer = setTimeout(() => resolve(DEADLINE), timeoutMs + 100);
  });
  try {
    const answer = await Promise.race([request(apis, query, { httpApi: httpWithTimeout(timeoutMs) }), deadline]);
    if (answer === DEADLINE) return { unreachable: timedOut(timeoutMs) };
    return { readable: true, objects: objectsOf(answer, query) };
  } catch (error) {
    return refusal(error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** The typed call of each query; the table in queries.ts holds no other shape. */
function request(apis: Apis, query: Query, options: ConfigurationOptions): Promise<unknown> {
  const { namespace, name, labelSelector } = query;
  const list = labelSelector === undefined ? {} : { labelSelector };
  switch (`${query.group}/${query.resource}`) {
    case '/services':
      if (name !== undefined) return apis.core.readNamespacedService({ name, namespace: namespace! }, options);
      return apis.core.listNamespacedService({ namespace: namespace!, ...list }, options);
    case '/pods':
      if (namespace !== undefined) return apis.core.listNamespacedPod({ namespace, ...list }, options);
      return apis.core.listPodForAllNamespaces(list, options);
    case '/configmaps':
      return apis.core.readNamespacedConfigMap({ name: name!, namespace: namespace! }, options);
    case 'apps/daemonsets':
      return apis.apps.listDaemonSetForAllNamespaces(list, options);
    case 'discovery.k8s.io/endpointslices':
      return apis.discovery.listNamespacedEndpointSlice({ namespace: namespace!, ...list }, options);
    case 'apiextensions.k8s.io/customresourcedefinitions':
      return apis.apiextensions.readCustomResourceDefinition({ name: name! }, options);
    case 'apiregistration.k8s.io/apiservices':
      return apis.apiregistration.readAPIService({ name: name! }, options);
    default:
      throw new Error(`no request for query ${query.id}`);
  }
}

/**
 * The answer as plain data, as a dump holds it: the client's typed objects through JSON, and list
 * items with the apiVersion and kind the API server leaves out of them.
 */
function objectsOf(answer: unknown, query: Query): KubeObject[] {
  const plain = JSON.parse(JSON.stringify(answer)) as { items?: unknown[] } & Record<string, unknown>;
  const apiVersion = query.group ? `${query.group}/${query.version}` : query.version;
  const items = query.name === undefined ? (plain.items ?? []) : [plain];
  return items.map((item) => ({ apiVersion, kind: query.kind, ...(item as object) }) as KubeObject);
}

function refusal(error: unknown, timeoutMs: number): Observation | Unreachable {
  if (error instanceof ApiException) {
    const status = error.code;
    if (status === 404) return { readable: true, objects: [] };
    if (status === 403) return { readable: false, reason: 'forbidden (403)' };
    if (status === 401) return { unreachable: 'the credentials were rejected (401 Unauthorized)' };
    return { readable: false, reason: `the API server answered ${status}${messageOf(error.body)}` };
  }
  const failure = error as { name?: string; type?: string; code?: string; message?: string };
  if (failure.name === 'AbortError' || failure.type === 'aborted') return { unreachable: timedOut(timeoutMs) };
  return { unreachable: networkReason(failure) };
}

function timedOut(timeoutMs: number): string {
  return `no answer within ${timeoutMs / 1000}s (--request-timeout)`;
}

function messageOf(body: unknown): string {
  if (typeof body === 'string' && body) {
    try {
      const status = JSON.parse(body) as { message?: unknown };
      if (typeof status.message === 'string') return `: ${status.message}`;
    } catch {
      return `: ${body.slice(0, 200)}`;
    }
  }
  return '';
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve (temporary DNS failure)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EPROTO: 'TLS handshake failed',
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed and not trusted by the kubeconfig's certificate-authority",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is not signed by the kubeconfig's certificate-authority",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is not signed by the kubeconfig's certificate-authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server's certificate is not signed by the kubeconfig's certificate-authority",
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate does not name this host",
};

/** One line for a failure below HTTP (node-fetch's FetchError carries the system error's code). */
function networkReason(failure: { code?: string; message?: string }): string {
  if (failure.code && NETWORK[failure.code]) return NETWORK[failure.code]!;
  const message = (failure.message ?? String(failure)).split('\n')[0]!;
  return message.replace(/^request to \S+ failed, reason: /, '');
}
