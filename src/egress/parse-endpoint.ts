import { parseCidr } from '../k8s/cidr.js';

/**
 * An address the controller connects to, as the chart's values and the items write it. Every form
 * ends with the TCP port it connects to and where that port came from: the text, the URL's scheme,
 * or the caller's default.
 */
export type Endpoint = ServiceEndpoint | IpEndpoint | HostEndpoint | GlobEndpoint;

interface Port {
  port: number;
  portFrom: 'text' | 'scheme' | 'default';
}

/** An in-cluster Service; without a namespace (a name of one label) it is the client's own namespace's. */
export interface ServiceEndpoint extends Port {
  kind: 'service';
  name: string;
  namespace?: string;
}

/** An IP literal, as a /32 or /128 CIDR in canonical spelling. */
export interface IpEndpoint extends Port {
  kind: 'ip';
  cidr: string;
}

/** A DNS name outside the cluster (lower-case, no trailing dot). */
export interface HostEndpoint extends Port {
  kind: 'host';
  name: string;
}

/**
 * A host glob of controller.allowedActionHosts, read as the controller reads it: Go's path.Match
 * against the URL's host name, where `*` matches any run of characters, dots included, so
 * `*.example.com` matches `a.b.example.com` (metio/stageset-controller internal/actions/actions.go
 * allowedURL, pinned by internal/actions/allowedhosts_property_test.go). Runs of `*` are one `*`
 * (the same under path.Match).
 */
export interface GlobEndpoint extends Port {
  kind: 'glob';
  pattern: string;
}

export interface ParseEndpointOptions {
  /** The port when the text names none and its scheme implies none; absent: a port is required. */
  defaultPort?: number;
  /** Appended to the message that asks for a port, e.g. ` (OTLP over gRPC listens on 4317)`. */
  portHint?: string;
  /** Accept host globs (controller.allowedActionHosts); elsewhere a glob is an error. */
  globs?: boolean;
  /**
   * How to read a name of one or two labels (`collector`, `collector.observability`): as a Service
   * (default) or as a host. A pod resolves such a name through its DNS search path
   * (`<ns>.svc.<domain> svc.<domain> <domain>`, ndots:5) before trying it as it is, so `a.b` is the
   * Service a in namespace b when one exists (kubernetes.io/docs/concepts/services-networking/dns-pod-service/,
   * "Namespaces of Services"). A trailing dot (`example.com.`) always means the host.
   */
  shortNames?: 'service' | 'host';
}

/** Default ports of the URL schemes accepted; grpc:// has none of its own (RFC 7230 §2.7.1-2 for http/https). */
const SCHEME_PORTS = new Map<string, number | undefined>([
  ['http', 80],
  ['https', 443],
  ['grpc', undefined],
]);

/** A DNS label as hosts use them: letters, digits, '-' and (in the wild) '_', not starting or ending with '-'. */
const HOST_LABEL = /^[a-z0-9_]([-a-z0-9_]{0,61}[a-z0-9_])?$/;
const GLOB_LABEL = /^[-a-z0-9_*]{1,63}$/;
/** Service names are DNS-1035 labels, namespaces DNS-1123 labels (k8s.io/apimachinery validation). */
const SERVICE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Parses `host:port`, `[v6]:port`, IP literals, `http://`, `https://` and `grpc://` URLs (path and
 * user ignored), Service names (`svc.ns`, `svc.ns.svc`, `svc.ns.svc.<any cluster domain>`: a third
 * label `svc` makes a name a Service's, whatever the kubelet's --cluster-domain), host names and,
 * with `globs`, host globs. Names are lower-cased (DNS is case-insensitive). Returns the endpoint,
 * or a message that starts with the quoted text and says what to write instead.
 */
export function parseEndpoint(text: string, options: ParseEndpointOptions = {}): Endpoint | string {
  const quoted = JSON.stringify(withoutCredentials(text));
  if (text === '') return `${quoted} is empty: write host:port`;
  if (/\s/.test(text)) return `${quoted} contains whitespace: write host:port without spaces`;

  let hostPort = text;
  let schemePort: number | undefined;
  const url = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/.exec(text);
  if (url) {
    const [, schemeText = '', rest = ''] = url;
    const scheme = schemeText.toLowerCase();
    if (!SCHEME_PORTS.has(scheme)) return `${quoted} has the scheme ${scheme}://, which is not supported: write host:port, or an http://, https:// or grpc:// URL`;
    const [authority = ''] = rest.split(/[/?#]/, 1);
    hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    if (hostPort === '') return `${quoted} has no host after ${scheme}://`;
    schemePort = SCHEME_PORTS.get(scheme);
  } else if (/[/@]/.test(text)) {
    return `${quoted} is not host:port: a path or a user belongs in a URL such as https://host:port/path`;
  }

  const split = splitHostPort(hostPort, quoted);
  if (typeof split === 'string') return split;
  const { host, portText } = split;

  let port: number | undefined;
  if (portText !== undefined) {
    if (portText === '') return `${quoted} ends in ':' but names no port`;
    if (!/^\d+$/.test(portText)) return `${quoted} has the port ${JSON.stringify(portText)}, which is not a number`;
    port = Number(portText);
    if (port < 1 || port > 65535) return `${quoted} has the port ${portText}, out of range 1-65535`;
  }

  const place = classifyHost(host, quoted, options);
  if (typeof place === 'string') return place;

  const portFrom = port !== undefined ? 'text' : schemePort !== undefined ? 'scheme' : 'default';
  port ??= schemePort ?? options.defaultPort;
  if (port === undefined) return `${quoted} names no port: write host:port${options.portHint ?? ''}${bracketHint(host, split.bracketed)}`;
  return { ...place, port, portFrom };
}

/** `host:port` into its parts; an IPv6 address takes its port only in brackets, `[fd00::1]:4317` (RFC 3986 §3.2.2). */
function splitHostPort(hostPort: string, quoted: string): { host: string; portText?: string; bracketed: boolean } | string {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return `${quoted} opens a '[' it never closes: write [address]:port`;
    const host = hostPort.slice(1, close);
    const rest = hostPort.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return `${quoted} has ${JSON.stringify(rest)} after the ']': write [address]:port`;
    if (!host.includes(':')) return `${quoted} puts brackets around ${JSON.stringify(host)}, but brackets are for IPv6 addresses only`;
    return rest === '' ? { host, bracketed: true } : { host, portText: rest.slice(1), bracketed: true };
  }
  const colon = hostPort.indexOf(':');
  if (colon < 0) return { host: hostPort, bracketed: false };
  if (colon === hostPort.lastIndexOf(':')) return { host: hostPort.slice(0, colon), portText: hostPort.slice(colon + 1), bracketed: false };
  return { host: hostPort, bracketed: false }; // two or more colons: an IPv6 address without a port
}

type Place = Omit<ServiceEndpoint, keyof Port> | Omit<IpEndpoint, keyof Port> | Omit<HostEndpoint, keyof Port> | Omit<GlobEndpoint, keyof Port>;

function classifyHost(host: string, quoted: string, options: ParseEndpointOptions): Place | string {
  if (host === '') return `${quoted} has no host before the port`;
  if (host.includes(':')) return ipv6(host, quoted);
  if (/^[0-9.]+$/.test(host)) {
    const cidr = parseCidr(`${host}/32`);
    return typeof cidr === 'string' ? `${quoted} is not a valid IPv4 address` : { kind: 'ip', cidr: cidr.canonical };
  }
  if (/[*?[\]\\]/.test(host)) return glob(host.toLowerCase(), quoted, options);
  return hostName(host.toLowerCase(), quoted, options);
}

function ipv6(host: string, quoted: string): Place | string {
  const cidr = parseCidr(`${host}/128`);
  if (typeof cidr !== 'string' && cidr.family === 6) return { kind: 'ip', cidr: cidr.canonical };
  const last = host.lastIndexOf(':');
  const head = host.slice(0, last);
  const tail = host.slice(last + 1);
  if (/^\d+$/.test(tail) && typeof parseCidr(`${head}/128`) !== 'string') {
    return `${quoted} is an IPv6 address and a port without brackets: write [${head}]:${tail}`;
  }
  return `${quoted} is not a valid IPv6 address`;
}

/** Only `*` has an FQDN rule to become (Cilium matchPattern, ClusterNetworkPolicy domainNames); path.Match's `?`, `[...]` and `\` do not. */
function glob(host: string, quoted: string, options: ParseEndpointOptions): Place | string {
  if (!options.globs) return `${quoted} is a host pattern, not an address: write one host`;
  if (/[?[\]\\]/.test(host)) return `${quoted} uses ?, [...] or \\, which no FQDN rule can express: list the host names, with * for any part`;
  const pattern = host.replace(/\*+/g, '*');
  const bad = pattern.split('.').find((label) => !GLOB_LABEL.test(label));
  if (bad !== undefined) return `${quoted} is not a valid host glob: ${bad === '' ? 'it has an empty label (a leading, trailing or double dot)' : `${JSON.stringify(bad)} is not a label of letters, digits, '-', '_' and '*'`}`;
  return { kind: 'glob', pattern };
}

function hostName(host: string, quoted: string, options: ParseEndpointOptions): Place | string {
  const absolute = host.endsWith('.');
  const name = absolute ? host.slice(0, -1) : host;
  if (name.length > 253) return `${quoted} is longer than 253 characters, the limit of a DNS name`;
  const labels = name.split('.');
  const bad = labels.find((label) => !HOST_LABEL.test(label));
  if (bad !== undefined) {
    return bad === ''
      ? `${quoted} is not a valid host name: it has an empty label (a leading or double dot)`
      : `${quoted} is not a valid host name: ${JSON.stringify(bad)} must be 1-63 letters, digits, '-' or '_', not starting or ending with '-'`;
  }
  const [first = '', second = '', third] = labels;
  if (third === 'svc') {
    if (!SERVICE_NAME.test(first)) return `${quoted} names the Service ${JSON.stringify(first)}, which is not a Service name (a DNS-1035 label: a lower-case letter, then letters, digits and '-')`;
    if (!NAMESPACE.test(second)) return `${quoted} names the namespace ${JSON.stringify(second)}, which is not a namespace name (a DNS-1123 label)`;
    return { kind: 'service', name: first, namespace: second };
  }
  const short = !absolute && labels.length <= 2 && name !== 'localhost' && (options.shortNames ?? 'service') === 'service';
  // a short name that cannot be a Service's is a host, as the search path would find no Service either
  if (short && SERVICE_NAME.test(first) && (labels.length === 1 || NAMESPACE.test(second))) {
    return labels.length === 1 ? { kind: 'service', name: first } : { kind: 'service', name: first, namespace: second };
  }
  return { kind: 'host', name };
}

function bracketHint(host: string, bracketed: boolean): string {
  const last = host.lastIndexOf(':');
  if (bracketed || last < 0 || !/^\d+$/.test(host.slice(last + 1))) return '';
  return `; if its last part is the port, write [${host.slice(0, last)}]:${host.slice(last + 1)}`;
}

/** The text without the `user:password@` of a URL: results and descriptions must not carry credentials. */
export function withoutCredentials(text: string): string {
  return text.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}
