import { isRecord } from '../k8s/kube-object.js';
import type { Problem } from '../krm/result.js';
import type { Finding } from './dialect.js';

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

/** How a dialect words the kube-apiserver foot-guns: how the apiserver key renders, how its engine matches ports. */
export interface ApiserverAdvice {
  /** What `networkPolicy.egress.apiserver` renders under this engine (and what it needs). */
  declare: string;
  /** How the engine matches ports: after DNAT, after service translation … */
  matches: string;
  /** Port 6443 as the dialect writes it (`6443`, `"6443"`). */
  port: string;
}

/** Where the kube-apiserver is declared once, for every engine. */
export const APISERVER_KEY = 'networkPolicy.egress.apiserver';

/**
 * The kube-apiserver foot-guns of an allowlist whose egress is restricted, from the TCP ports its rules
 * let through to the apiserver: none (the controller is cut off), or 443 only (the endpoints listen on
 * 6443 on kubeadm-style clusters, and every engine matches after the Service's translation).
 */
export function apiserverFindings(reached: ReadonlySet<number>, advice: ApiserverAdvice): Finding[] {
  if (reached.size === 0) {
    return [{ path: APISERVER_KEY, message: `egress is enabled but no rule allows the kube-apiserver, so the controller is cut off from the cluster: declare it in ${APISERVER_KEY} (${advice.declare})` }];
  }
  if (!reached.has(APISERVER_PORTS[1])) {
    return [
      {
        path: APISERVER_KEY,
        message: `the kube-apiserver rule allows TCP 443 only: ${advice.matches}, and the endpoints listen on ${APISERVER_PORTS[1]} on kubeadm, k3s, kubespray and OpenShift; add port ${advice.port} unless your provider serves the endpoints on 443 (${APISERVER_KEY}.ports does both by default)`,
      },
    ];
  }
  return [];
}

/** An engine that can reach the apiserver only by address, given none (`networkPolicy.egress.apiserver.cidrs`). */
export function needsCidrs(engine: string): Problem {
  return {
    path: `${APISERVER_KEY}.cidrs`,
    message: `${engine} reaches the kube-apiserver only by its endpoint addresses: list them here (kubectl get endpointslice -n default -l kubernetes.io/service-name=kubernetes -o jsonpath='{.items[*].endpoints[*].addresses[*]}', each as a /32 or /128), or let controller-network-policy discover read them`,
  };
}

/** How to find the endpoint addresses, for the engines that need them. */
export const CIDRS_ADVICE = 'cidrs: the endpoint addresses, from kubectl get endpointslice -n default -l kubernetes.io/service-name=kubernetes or controller-network-policy discover';
