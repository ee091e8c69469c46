/**
 * DomainName (types.go, experimental): an exact name, or a `*.` prefix that "matches one or more entire
 * labels": `*.kubernetes.io` matches www.kubernetes.io and latest.blog.kubernetes.io but not
 * kubernetes.io; `kubernetes.io` matches only kubernetes.io. DNS names compare case-insensitively, and
 * the trailing dot the CRD pattern allows names the same domain.
 */
export function domainNameMatches(pattern: string, hostname: string): boolean {
  const canonical = (name: string): string => name.toLowerCase().replace(/\.$/, '');
  const host = canonical(hostname);
  const wanted = canonical(pattern);
  if (!wanted.startsWith('*.')) return host === wanted;
  const suffix = wanted.slice(1); // ".kubernetes.io"
  return host.endsWith(suffix) && host.length > suffix.length;
}
