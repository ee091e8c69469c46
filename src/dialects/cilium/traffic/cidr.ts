import { isRecord, type KubeObject } from '../../../k8s/kube-object.js';
import { parseCidr, hostCidr } from '../../../k8s/cidr.js';
import type { Identity } from './identity.js';
import { matchesLabelSelector } from '../../../k8s/label-selector.js';

/**
 * CIDR peers: `fromCIDR`/`toCIDR` entries, `fromCIDRSet`/`toCIDRSet` rules (`cidr`, `cidrGroupRef`
 * or `cidrGroupSelector`, each with `except`), and NetworkPolicy `ipBlock` (pkg/k8s/network_policy.go
 * ipBlockToCIDRRule). They select CIDR identities only: "By default, CIDR-based selectors do not
 * match in-cluster entities (pods or nodes)" unless `--policy-cidr-match-mode=nodes`
 * (Documentation/security/policy/language.rst, "Selecting nodes with CIDR / ipBlock"); the default
 * is modelled.
 */

function addressOf(ip: string): { family: 4 | 6; address: bigint } | undefined {
  const parsed = parseCidr(hostCidr(ip));
  return typeof parsed === 'string' ? undefined : parsed;
}

/** Go net.ParseCIDR semantics: host bits are masked, not rejected; a missing prefix is invalid. */
export function cidrContains(cidr: unknown, ip: string): boolean {
  if (typeof cidr !== 'string') return false;
  const slash = cidr.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(cidr.slice(slash + 1))) return false;
  const net = addressOf(cidr.slice(0, slash));
  const addr = addressOf(ip);
  const prefix = Number(cidr.slice(slash + 1));
  if (!net || !addr || net.family !== addr.family) return false;
  const bits = net.family === 4 ? 32 : 128;
  if (prefix > bits) return false;
  const hostBits = BigInt(bits - prefix);
  return net.address >> hostBits === addr.address >> hostBits;
}

const isCidrGroup = (o: KubeObject): boolean => o.kind === 'CiliumCIDRGroup' && o.apiVersion.startsWith('cilium.io/');
const externalCidrs = (o: KubeObject): unknown[] => (isRecord(o.spec) && Array.isArray(o.spec.externalCIDRs) ? o.spec.externalCIDRs : []);

/** The CIDRs a CIDRRule names: its `cidr`, or the `externalCIDRs` of the CiliumCIDRGroups it refers to. */
function cidrsOf(rule: Record<string, unknown>, objects: readonly KubeObject[]): unknown[] {
  if (rule.cidr !== undefined) return [rule.cidr];
  // A group the model does not contain resolves to nothing (never widen).
  if (typeof rule.cidrGroupRef === 'string') return objects.filter((o) => isCidrGroup(o) && o.metadata.name === rule.cidrGroupRef).flatMap(externalCidrs);
  if (rule.cidrGroupSelector !== undefined) return objects.filter((o) => isCidrGroup(o) && matchesLabelSelector(rule.cidrGroupSelector, o.metadata.labels ?? {})).flatMap(externalCidrs);
  return [];
}

/** One `from/toCIDR` string or `from/toCIDRSet` rule against a peer identity. */
export function cidrPeerMatches(entry: unknown, identity: Identity, objects: readonly KubeObject[]): boolean {
  if (!identity.cidr) return false;
  const ip = identity.endpoint.ip;
  if (typeof entry === 'string') return cidrContains(entry, ip);
  if (!isRecord(entry)) return false;
  const except = Array.isArray(entry.except) ? entry.except : [];
  return cidrsOf(entry, objects).some((cidr) => cidrContains(cidr, ip)) && !except.some((cidr) => cidrContains(cidr, ip));
}
