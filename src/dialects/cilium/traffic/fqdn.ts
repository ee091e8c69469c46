import { isRecord } from '../../../k8s/kube-object.js';
import { matchIf, NO_MATCH, type Match } from './match.js';

/**
 * `toFQDNs` selectors and L7 `rules.dns` entries share one syntax (pkg/policy/api/fqdn.go,
 * pkg/fqdn/matchpattern/matchpattern.go): `matchName` is an exact, case-insensitive name;
 * `matchPattern` is anchored, `*` is zero or more DNS characters within one label ("`*.cilium.io`
 * will match `sub.cilium.io` but not `cilium.io` or `sub.sub.cilium.io`", language.rst), a pattern
 * of stars alone matches every name, and in newer versions a leading `**.` matches one or more
 * whole labels. Names and patterns are compared as FQDNs (trailing dot).
 */

export const PATTERN_NOTE =
  'a matchPattern whose match depends on the Cilium version: newer pkg/fqdn/matchpattern/matchpattern.go reads a leading `**.` as any number of labels and allows `_`; older versions read `**` as one label and no `_`; the wider reading was taken';

const fqdn = (name: string): string => {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
};

const isWildcard = (pattern: string): boolean => /^\*+\.?$/.test(pattern);

/** Newer ToAnchoredRegexp: `_` is a DNS character; `**.` prefix = one or more labels. */
function newerPattern(pattern: string): RegExp {
  if (isWildcard(pattern)) return /^([-a-z0-9_]+[.])+$|^[.]$/;
  const sanitized = fqdn(pattern);
  const multiLabel = /^\*{2,}\./.exec(sanitized);
  const rest = multiLabel ? sanitized.slice(multiLabel[0].length) : sanitized;
  const body = rest.replace(/\./g, '[.]').replace(/\*+/g, '[-a-z0-9_]*');
  return new RegExp(`^${multiLabel ? '([-a-z0-9_]+([.][-a-z0-9_]+)*)[.]' : ''}${body}$`);
}

/** Older ToRegexp: no `_`, every `*` stays within one label. */
function olderPattern(pattern: string): RegExp {
  if (pattern === '*') return /^([-a-z0-9]+[.])+$/;
  const body = fqdn(pattern).replace(/\./g, '[.]').replace(/\*/g, '[-a-z0-9]*');
  return new RegExp(`^${body}$`);
}

function patternMatches(pattern: string, name: string): Match {
  const trimmed = pattern.trim().toLowerCase();
  if (!/^[-a-z0-9_.*]+$/.test(trimmed)) return NO_MATCH;
  const newer = newerPattern(trimmed).test(name);
  const older = olderPattern(trimmed).test(name);
  return newer === older ? matchIf(newer) : { min: false, max: true, notes: [PATTERN_NOTE] };
}

/** One `{matchName}` / `{matchPattern}` selector against a DNS name. */
export function fqdnSelectorMatches(selector: unknown, hostname: string): Match {
  if (!isRecord(selector)) return NO_MATCH;
  const name = fqdn(hostname);
  if (typeof selector.matchName === 'string' && fqdn(selector.matchName) === name) return matchIf(true);
  return typeof selector.matchPattern === 'string' ? patternMatches(selector.matchPattern, name) : NO_MATCH;
}
