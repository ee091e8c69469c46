/**
 * CIDR parsing with the API server's strict rules (k8s StrictIPCIDRValidation, Go net/netip): an
 * explicit prefix length, no leading zeros, no host bits, and the canonical spelling (lower-case,
 * shortest IPv6 form), so that what we render is exactly what the cluster stores and compares.
 */
export interface Cidr {
  family: 4 | 6;
  /** Network address with host bits cleared. */
  address: bigint;
  prefix: number;
  /** The canonical spelling, e.g. `10.0.0.0/8`, `2001:db8::/32`. */
  canonical: string;
}

const IPV4_OCTET = /^(0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): bigint[] | undefined => {
    if (half === '') return [];
    const out: bigint[] = [];
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part); // embedded IPv4 tail, e.g. ::ffff:10.0.0.1
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEXTET.test(part)) {
        out.push(BigInt(`0x${part}`));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array<bigint>(missing).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}

function formatIpv4(address: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 0xffn)).join('.');
}

/** RFC 5952, as Go prints it: longest run (≥2) of zero groups becomes `::`; IPv4-mapped keeps dotted form. */
function formatIpv6(address: bigint): string {
  const groups = [7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n].map((i) => Number((address >> (i * 16n)) & 0xffffn));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(address & 0xffffffffn)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The parsed CIDR, or a message saying what is wrong with `text`. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  const ipText = slash < 0 ? text : text.slice(0, slash);
  const family = ipText.includes(':') ? 6 : 4;
  const address = family === 4 ? parseIpv4(ipText) : parseIpv6(ipText);
  if (address === undefined) return `${JSON.stringify(text)} is not a valid CIDR`;
  const bits = family === 4 ? 32 : 128;
  if (slash < 0) return `${JSON.stringify(text)} has no prefix length: write ${text}/${bits}`;
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits) {
    return `${JSON.stringify(text)} is not a valid CIDR: the prefix length must be 0-${bits}`;
  }
  const prefix = Number(prefixText);
  const hostBits = BigInt(bits - prefix);
  const network = (address >> hostBits) << hostBits;
  const canonical = `${family === 4 ? formatIpv4(network) : formatIpv6(network)}/${prefix}`;
  return { family, address: network, prefix, canonical };
}

/** undefined when `text` is a valid canonical CIDR, else a message: `10.0.0.1/8 is not canonical: use 10.0.0.0/8`. */
export function checkCidr(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (typeof cidr === 'string') return cidr;
  return cidr.canonical === text ? undefined : `${text} is not canonical: use ${cidr.canonical}`;
}

/** Whether `inner` lies inside `outer` and is strictly smaller (NetworkPolicy ipBlock.except). */
export function isStrictSubnet(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix <= outer.prefix) return false;
  const hostBits = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return inner.address >> hostBits === outer.address >> hostBits;
}

/**
 * Checks a CIDR and its `except` list (k8s ipBlock, Cilium CIDRRule) and reports at the given paths.
 * An except equal to or outside the CIDR makes the rule mean something else than intended.
 */
export function checkCidrWithExcept(
  cidrText: unknown,
  except: readonly unknown[],
  report: (index: number | undefined, message: string) => void,
): void {
  if (typeof cidrText !== 'string') return;
  const problem = checkCidr(cidrText);
  if (problem) report(undefined, problem);
  const outer = parseCidr(cidrText);
  except.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const itemProblem = checkCidr(item);
    if (itemProblem) return report(i, itemProblem);
    const inner = parseCidr(item);
    if (typeof outer === 'string' || typeof inner === 'string') return;
    if (!isStrictSubnet(inner, outer)) report(i, `${item} must be a strict subset of ${outer.canonical}`);
  });
}

/** Whether an IP lies in a CIDR; false for anything unparsable (a rule with a bad CIDR matches nothing). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const net = parseCidr(cidr);
  const addr = parseCidr(hostCidr(ip));
  if (typeof net === 'string' || typeof addr === 'string' || net.family !== addr.family) return false;
  const hostBits = BigInt((net.family === 4 ? 32 : 128) - net.prefix);
  return addr.address >> hostBits === net.address >> hostBits;
}

/** The CIDR of one address: `/32` for IPv4, `/128` for IPv6. */
export function hostCidr(ip: string): string {
  return `${ip}/${ip.includes(':') ? 128 : 32}`;
}

/** An address inside a CIDR: the address of a /32 or /128, otherwise the first after the network address. */
export function addressIn(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (typeof cidr === 'string') return undefined;
  const bits = cidr.family === 4 ? 32 : 128;
  const address = cidr.prefix === bits ? cidr.address : cidr.address + 1n;
  return cidr.family === 4 ? formatIpv4(address) : formatIpv6(address);
}
