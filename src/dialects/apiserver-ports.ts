import { isRecord } from '../k8s/kube-object.js';

/** Service port and the usual endpoint port of the kube-apiserver. */
export const APISERVER_PORTS = [443, 6443] as const;

/**
 * Which apiserver ports a list of port entries opens. Entries may be `{port, endPort}` (NetworkPolicy),
 * `{port: "443"}` (Cilium) or plain numbers/ranges (Calico); an empty list opens every port.
 */
export function reachesApiserverPorts(ports: readonly unknown[]): number[] {
  if (ports.length === 0) return [...APISERVER_PORTS];
  const open = new Set<number>();
  for (const entry of ports) {
    const { from, to } = rangeOf(entry);
    if (from === undefined) continue;
    for (const p of APISERVER_PORTS) if (p >= from && p <= (to ?? from)) open.add(p);
  }
  return [...open];
}

function rangeOf(entry: unknown): { from?: number; to?: number } {
  if (typeof entry === 'number') return { from: entry };
  if (typeof entry === 'string') {
    const m = /^(\d+)(?::(\d+))?$/.exec(entry);
    return m ? { from: Number(m[1]), to: m[2] ? Number(m[2]) : undefined } : {};
  }
  if (!isRecord(entry)) return {};
  const port = typeof entry.port === 'string' && /^\d+$/.test(entry.port) ? Number(entry.port) : entry.port;
  if (port === undefined) return { from: 1, to: 65535 };
  if (typeof port !== 'number') return {};
  return { from: port, to: typeof entry.endPort === 'number' ? entry.endPort : port };
}
