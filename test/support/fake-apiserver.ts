import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { KubeObject } from '../../src/k8s/kube-object';
import { parseSelectorString, selectorMatches } from '../../src/k8s/label-selector';
import { freshDir } from './e2e';

/**
 * A kube-apiserver stand-in on 127.0.0.1 for the discover tests: HTTPS with a certificate made for the
 * run, bearer-token authentication, legacy discovery (/api, /apis: what kubectl needs to map resource
 * names), and get and list (with label selectors) over a fixed set of objects, answered the way the API
 * server answers (list items without apiVersion and kind, a Status on 401, 403 and 404). It can refuse
 * one request with 403 and leave another unanswered, to test permissions and timeouts.
 */
export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

export const API_RESOURCES: readonly ApiResource[] = [
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false },
  { group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', kind: 'APIService', namespaced: false },
];

export interface FakeApiserverOptions {
  /** Requests whose path (with the query string) matches get a 403 Forbidden. */
  forbid?: RegExp;
  /** Requests whose path matches are never answered (a hung apiserver). */
  stall?: RegExp;
}

export interface FakeApiserver {
  url: string;
  /** A kubeconfig for the server, with one context of the given name (and a second, "other", for a wrong-token test). */
  kubeconfig(context: string, token?: string): string;
  /** Every request path seen, in order. */
  requests: string[];
  close(): Promise<void>;
}

export const TOKEN = 'discover-test-token';

interface Tls {
  key: Buffer;
  cert: Buffer;
}

let tls: Tls | undefined;

/** The self-signed certificate for 127.0.0.1 the servers of this test file present, made once with openssl. */
function certificate(): Tls {
  tls ??= newCertificate();
  return tls;
}

/** Another self-signed certificate for 127.0.0.1: a certificate-authority that does not sign the server's. */
export function newCertificate(): Tls {
  const dir = freshDir('cnp-apiserver-tls-');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export async function startFakeApiserver(objects: readonly KubeObject[], options: FakeApiserverOptions = {}): Promise<FakeApiserver> {
  const { key, cert } = certificate();
  const requests: string[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    requests.push(req.url ?? '');
    handle(objects, options, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    kubeconfig(context: string, token = TOKEN) {
      const file = join(freshDir('cnp-kubeconfig-'), 'config');
      writeFileSync(file, kubeconfigText(url, cert, context, token));
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function kubeconfigText(url: string, cert: Buffer, context: string, token: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${context}
  cluster:
    server: ${url}
    certificate-authority-data: ${cert.toString('base64')}
users:
- name: ${context}-user
  user:
    token: ${token}
contexts:
- name: ${context}
  context:
    cluster: ${context}
    user: ${context}-user
current-context: ${context}
`;
}

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

const groupVersionOf = (r: ApiResource) => (r.group ? `${r.group}/${r.version}` : r.version);

function handle(objects: readonly KubeObject[], options: FakeApiserverOptions, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const path = url.pathname.replace(/\/$/, '');
  if (options.stall?.test(`${url.pathname}${url.search}`)) return;
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
  if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', 'the server does not allow this method');
  if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
  if (path === '/apis') return send(res, 200, apiGroupList());
  if (path === '/version') return send(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.0' });
  const route = routeOf(path);
  if (!route) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
  if ('resources' in route) return send(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: route.groupVersion, resources: route.resources });
  if (options.forbid?.test(`${url.pathname}${url.search}`)) {
    const verb = route.name ? 'get' : 'list';
    const where = route.namespace ? ` in the namespace "${route.namespace}"` : route.resource.namespaced ? '' : ' at the cluster scope';
    return status(res, 403, 'Forbidden', `${route.resource.resource} is forbidden: User "discover" cannot ${verb} resource "${route.resource.resource}" in API group "${route.resource.group}"${where}`);
  }
  const selected = objects.filter((o) => o.kind === route.resource.kind && o.apiVersion === groupVersionOf(route.resource) && (route.namespace === undefined || o.metadata.namespace === route.namespace));
  if (route.name !== undefined) {
    const found = selected.find((o) => o.metadata.name === route.name);
    if (!found) return status(res, 404, 'NotFound', `${route.resource.resource} "${route.name}" not found`);
    return send(res, 200, found);
  }
  const labelSelector = url.searchParams.get('labelSelector');
  const selector = labelSelector ? parseSelectorString(labelSelector) : {};
  if (typeof selector === 'string') return status(res, 400, 'BadRequest', selector);
  const items = selected.filter((o) => selectorMatches(selector, o.metadata.labels ?? {})).map(({ apiVersion: _a, kind: _k, ...item }) => item);
  send(res, 200, { apiVersion: groupVersionOf(route.resource), kind: `${route.resource.kind}List`, metadata: { resourceVersion: '1000' }, items });
}

function apiGroupList(): unknown {
  const groups = [...new Set(API_RESOURCES.filter((r) => r.group).map((r) => r.group))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((name) => {
      const version = API_RESOURCES.find((r) => r.group === name)!.version;
      const groupVersion = { groupVersion: `${name}/${version}`, version };
      return { name, versions: [groupVersion], preferredVersion: groupVersion };
    }),
  };
}

type Route = { groupVersion: string; resources: unknown[] } | { resource: ApiResource; namespace?: string; name?: string };

/** /api/v1[/namespaces/NS]/RESOURCE[/NAME], /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME], or a discovery document. */
function routeOf(path: string): Route | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(path);
  if (!m) return undefined;
  const [, coreVersion, group = '', groupVersion, namespace, resource, name] = m;
  const version = coreVersion ?? groupVersion!;
  const inGroup = API_RESOURCES.filter((r) => r.group === group && r.version === version);
  if (!inGroup.length) return undefined;
  if (resource === undefined) {
    if (namespace !== undefined) return undefined;
    return {
      groupVersion: group ? `${group}/${version}` : version,
      resources: inGroup.map((r) => ({ name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'list'] })),
    };
  }
  const found = inGroup.find((r) => r.resource === resource);
  if (!found || (namespace !== undefined && !found.namespaced)) return undefined;
  return { resource: found, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}) };
}
