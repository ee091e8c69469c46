import fc from 'fast-check';
import { formatEndpoint } from '../../src/egress/format-endpoint';
import { parseEndpoint, withoutCredentials, type Endpoint, type ParseEndpointOptions } from '../../src/egress/parse-endpoint';
import { parseCidr } from '../../src/k8s/cidr';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };
const service = (name: string, namespace: string | undefined, port: number, portFrom: Endpoint['portFrom'] = 'text'): Endpoint =>
  namespace === undefined ? { kind: 'service', name, port, portFrom } : { kind: 'service', name, namespace, port, portFrom };
const ip = (cidr: string, port: number, portFrom: Endpoint['portFrom'] = 'text'): Endpoint => ({ kind: 'ip', cidr, port, portFrom });
const host = (name: string, port: number, portFrom: Endpoint['portFrom'] = 'text'): Endpoint => ({ kind: 'host', name, port, portFrom });
const glob = (pattern: string, port: number, portFrom: Endpoint['portFrom'] = 'text'): Endpoint => ({ kind: 'glob', pattern, port, portFrom });

describe('parseEndpoint: what the values and the items hold', () => {
  test.each<[string, string, ParseEndpointOptions, Endpoint]>([
    ['a Service with .svc, as the chart documents it', 'otel-collector.observability.svc:4317', {}, service('otel-collector', 'observability', 4317)],
    ['a Service with the default cluster domain', 'minio.minio.svc.cluster.local:9000', {}, service('minio', 'minio', 9000)],
    ['a Service with another cluster domain', 'minio.minio.svc.k8s.example.org:9000', {}, service('minio', 'minio', 9000)],
    ['a Service as an absolute name (trailing dot)', 'source-controller.flux-system.svc.cluster.local.:80', {}, service('source-controller', 'flux-system', 80)],
    ['svc.ns: a Service through the DNS search path', 'prometheus.monitoring:9090', {}, service('prometheus', 'monitoring', 9090)],
    ['one label: a Service of the own namespace', 'otel-collector:4317', {}, service('otel-collector', undefined, 4317)],
    ['two labels read as a host where asked', 'github.com:443', { shortNames: 'host' }, host('github.com', 443)],
    ['one label read as a host where asked', 'intranet:80', { shortNames: 'host' }, host('intranet', 80)],
    ['a trailing dot makes a short name a host', 'example.com.:443', {}, host('example.com', 443)],
    ['a short name that cannot be a Service is a host', 'my_host.corp:80', {}, host('my_host.corp', 80)],
    ['a host of three labels', 'api.honeycomb.io:443', {}, host('api.honeycomb.io', 443)],
    ['a host, lower-cased', 'API.Honeycomb.IO:443', {}, host('api.honeycomb.io', 443)],
    ['localhost stays a host, never a Service', 'localhost:4317', {}, host('localhost', 4317)],
    ['the lowest and highest ports', 'a.b.c.d:1', {}, host('a.b.c.d', 1)],
    ['the highest port', 'a.b.c.d:65535', {}, host('a.b.c.d', 65535)],
    ['an IPv4 address and port', '10.0.0.1:9000', {}, ip('10.0.0.1/32', 9000)],
    ['a bare IPv4 address with the default port', '10.0.0.1', { defaultPort: 443 }, ip('10.0.0.1/32', 443, 'default')],
    ['an IPv6 address and port in brackets', '[fd00::1]:4317', {}, ip('fd00::1/128', 4317)],
    ['an IPv6 address in canonical spelling', '[FD00:0:0::1]:4317', {}, ip('fd00::1/128', 4317)],
    ['a bare IPv6 address with the default port', 'fd00::1', { defaultPort: 80 }, ip('fd00::1/128', 80, 'default')],
    ['a bracketed IPv6 address without a port', '[fd00::1]', { defaultPort: 443 }, ip('fd00::1/128', 443, 'default')],
    ['an https URL: port 443 by its scheme', 'https://s3.amazonaws.com', {}, host('s3.amazonaws.com', 443, 'scheme')],
    ['an http URL: port 80 by its scheme', 'http://prometheus.monitoring', {}, service('prometheus', 'monitoring', 80, 'scheme')],
    ['a URL with port, path and query', 'http://prometheus.monitoring:9090/api/v1?x=1#y', {}, service('prometheus', 'monitoring', 9090)],
    ['a URL with a user and password', 'https://user:secret@api.example.com/x', {}, host('api.example.com', 443, 'scheme')],
    ['a URL with an IPv6 address', 'https://[2001:db8::1]:8443/', {}, ip('2001:db8::1/128', 8443)],
    ['a scheme in capitals', 'HTTPS://Api.Example.COM', {}, host('api.example.com', 443, 'scheme')],
    ['a grpc URL names no port of its own', 'grpc://collector.obs.svc', { defaultPort: 4317 }, service('collector', 'obs', 4317, 'default')],
    ['a grpc URL with a port', 'grpc://collector.obs.svc:4318', {}, service('collector', 'obs', 4318)],
    ['the scheme wins over the default port', 'http://minio.minio.svc', { defaultPort: 443 }, service('minio', 'minio', 80, 'scheme')],
    ['a subdomain glob', '*.example.com', { globs: true, defaultPort: 443 }, glob('*.example.com', 443, 'default')],
    ['a double star is one star (path.Match)', '**.example.com', { globs: true, defaultPort: 443 }, glob('*.example.com', 443, 'default')],
    ['a star inside a label', 'api-*.example.com', { globs: true, defaultPort: 443 }, glob('api-*.example.com', 443, 'default')],
    ['the star alone: every host', '*', { globs: true, defaultPort: 443 }, glob('*', 443, 'default')],
    ['a glob with a port', '*.Example.com:8443', { globs: true }, glob('*.example.com', 8443)],
  ])('%s: %s', (_title, text, options, expected) => {
    expect(parseEndpoint(text, options)).toEqual(expected);
  });

  test.each<[string, string, ParseEndpointOptions, string]>([
    ['empty', '', {}, '"" is empty: write host:port'],
    ['a space inside', 'otel collector:4317', {}, '"otel collector:4317" contains whitespace: write host:port without spaces'],
    ['a leading space', ' otel:4317', {}, '" otel:4317" contains whitespace: write host:port without spaces'],
    ['no port and no default', 'otel.obs.svc', {}, '"otel.obs.svc" names no port: write host:port'],
    ['no port, with the caller\'s hint', 'otel.obs.svc', { portHint: ' (OTLP over gRPC listens on 4317)' }, '"otel.obs.svc" names no port: write host:port (OTLP over gRPC listens on 4317)'],
    ['a colon without a port', 'otel:', {}, '"otel:" ends in \':\' but names no port'],
    ['a port that is no number', 'otel:grpc', {}, '"otel:grpc" has the port "grpc", which is not a number'],
    ['port 0', 'otel:0', {}, '"otel:0" has the port 0, out of range 1-65535'],
    ['a port above 65535', 'otel:65536', {}, '"otel:65536" has the port 65536, out of range 1-65535'],
    ['a port and no host', ':4317', {}, '":4317" has no host before the port'],
    ['an unsupported scheme', 'ftp://files.example.com', {}, '"ftp://files.example.com" has the scheme ftp://, which is not supported: write host:port, or an http://, https:// or grpc:// URL'],
    ['a scheme without a host', 'https://', {}, '"https://" has no host after https://'],
    ['a scheme and a path without a host', 'https:///path', {}, '"https:///path" has no host after https://'],
    ['a path without a scheme', 'minio.minio.svc:9000/bucket', {}, '"minio.minio.svc:9000/bucket" is not host:port: a path or a user belongs in a URL such as https://host:port/path'],
    ['an IPv6 address and port without brackets', 'fd00::1:99999', {}, '"fd00::1:99999" is an IPv6 address and a port without brackets: write [fd00::1]:99999'],
    ['an IPv6 address whose last group may be a port', 'fd00::1:4317', {}, '"fd00::1:4317" names no port: write host:port; if its last part is the port, write [fd00::1]:4317'],
    ['an unclosed bracket', '[fd00::1', {}, '"[fd00::1" opens a \'[\' it never closes: write [address]:port'],
    ['text after the bracket', '[fd00::1]4317', {}, '"[fd00::1]4317" has "4317" after the \']\': write [address]:port'],
    ['brackets around IPv4', '[10.0.0.1]:80', {}, '"[10.0.0.1]:80" puts brackets around "10.0.0.1", but brackets are for IPv6 addresses only'],
    ['not IPv6', '[fd00::zz]:80', {}, '"[fd00::zz]:80" is not a valid IPv6 address'],
    ['an IPv4 octet above 255', '10.0.0.256:80', {}, '"10.0.0.256:80" is not a valid IPv4 address'],
    ['an IPv4 address with a leading zero', '010.0.0.1:80', {}, '"010.0.0.1:80" is not a valid IPv4 address'],
    ['three octets', '10.0.1:80', {}, '"10.0.1:80" is not a valid IPv4 address'],
    ['a glob where an address is due', '*.example.com:443', {}, '"*.example.com:443" is a host pattern, not an address: write one host'],
    ['a glob with ?', 'hook?.example.com', { globs: true, defaultPort: 443 }, '"hook?.example.com" uses ?, [...] or \\, which no FQDN rule can express: list the host names, with * for any part'],
    ['a glob with an empty label', '*..example.com', { globs: true, defaultPort: 443 }, '"*..example.com" is not a valid host glob: it has an empty label (a leading, trailing or double dot)'],
    ['a glob with a bad character', '*.exa+mple.com', { globs: true, defaultPort: 443 }, '"*.exa+mple.com" is not a valid host glob: "exa+mple" is not a label of letters, digits, \'-\', \'_\' and \'*\''],
    ['a double dot', 'a..b:80', {}, '"a..b:80" is not a valid host name: it has an empty label (a leading or double dot)'],
    ['a leading dot', '.example.com:80', {}, '".example.com:80" is not a valid host name: it has an empty label (a leading or double dot)'],
    ['a label starting with a dash', '-bad.example.com:80', {}, '"-bad.example.com:80" is not a valid host name: "-bad" must be 1-63 letters, digits, \'-\' or \'_\', not starting or ending with \'-\''],
    ['a label of 64 characters', `${'x'.repeat(64)}.example.com:80`, {}, `"${'x'.repeat(64)}.example.com:80" is not a valid host name: "${'x'.repeat(64)}" must be 1-63 letters, digits, '-' or '_', not starting or ending with '-'`],
    ['a name of 254 characters', `${'a.'.repeat(126)}bc:80`, {}, `"${'a.'.repeat(126)}bc:80" is longer than 253 characters, the limit of a DNS name`],
    ['a Service name starting with a digit', '1abc.ns.svc:80', {}, '"1abc.ns.svc:80" names the Service "1abc", which is not a Service name (a DNS-1035 label: a lower-case letter, then letters, digits and \'-\')'],
    ['a namespace with an underscore', 'api.team_a.svc:80', {}, '"api.team_a.svc:80" names the namespace "team_a", which is not a namespace name (a DNS-1123 label)'],
    ['credentials never reach the message', 'https://u:secret@bad host', {}, '"https://bad host" contains whitespace: write host:port without spaces'],
  ])('%s: %s', (_title, text, options, message) => {
    expect(parseEndpoint(text, options)).toBe(message);
  });

  test.each([
    ['https://user:secret@api.example.com/x', 'https://api.example.com/x'],
    ['grpc://token@collector:4317', 'grpc://collector:4317'],
    ['api.example.com:443', 'api.example.com:443'],
  ])('withoutCredentials(%s) = %s', (text, expected) => {
    expect(withoutCredentials(text)).toBe(expected);
  });
});

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/);
const port = fc.integer({ min: 1, max: 65535 });
const anEndpoint: fc.Arbitrary<Endpoint> = fc.oneof(
  fc.record({ name: label, namespace: fc.option(label, { nil: undefined }), port }).map(({ name, namespace, port }) => service(name, namespace, port)),
  fc.oneof(fc.ipV4(), fc.ipV6()).chain((address) => {
    const cidr = parseCidr(`${address}/${address.includes(':') ? 128 : 32}`);
    if (typeof cidr === 'string') throw new Error(`fast-check gave an address parseCidr refuses: ${address}`);
    return port.map((p) => ip(cidr.canonical, p));
  }),
  fc
    .array(label, { minLength: 1, maxLength: 5 })
    .filter((labels) => labels[2] !== 'svc')
    .chain((labels) => port.map((p) => host(labels.join('.'), p))),
  fc
    .array(fc.oneof(label, fc.constant('*'), label.map((l) => `${l}*`)), { minLength: 1, maxLength: 4 })
    .filter((labels) => labels.some((l) => l.includes('*')))
    .chain((labels) => port.map((p) => glob(labels.join('.'), p))),
);

describe('parseEndpoint and formatEndpoint', () => {
  test('a formatted endpoint parses back to itself', () => {
    fc.assert(
      fc.property(anEndpoint, (endpoint) => {
        expect(parseEndpoint(formatEndpoint(endpoint), { globs: true })).toEqual(endpoint);
      }),
      RUNS,
    );
  });

  const addressLike = fc.string({ unit: fc.constantFrom(...'ab1.:-[]*/@_ ', 'svc', 'http://', '443', 'fd00::') });
  const options = fc.record({ globs: fc.boolean(), shortNames: fc.constantFrom('service' as const, 'host' as const), defaultPort: fc.option(port, { nil: undefined }) });

  test('any text parses to an endpoint or a message, and a parsed endpoint survives formatting', () => {
    fc.assert(
      fc.property(addressLike, options, (text, opts) => {
        const parsed = parseEndpoint(text, opts);
        if (typeof parsed === 'string') return expect(parsed.startsWith(JSON.stringify(withoutCredentials(text)))).toBe(true);
        expect(parseEndpoint(formatEndpoint(parsed), opts)).toEqual({ ...parsed, portFrom: 'text' });
      }),
      RUNS,
    );
  });
});
