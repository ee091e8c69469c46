import type { Cluster, DirectionVerdict, Endpoint, PodEndpoint, Verdict } from './model.js';

/** The automatic, immutable namespace label every API server sets since Kubernetes 1.22. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A namespace's labels as the API server has them: with `kubernetes.io/metadata.name`. */
export function namespaceLabels(cluster: Cluster, name: string): Record<string, string> {
  const found = cluster.namespaces.find((ns) => ns.name === name);
  return { ...found?.labels, [NAMESPACE_NAME_LABEL]: name };
}

export function isPod(endpoint: Endpoint): endpoint is PodEndpoint {
  return endpoint.kind === 'pod';
}

/** The node a non-pod endpoint is on, or undefined (external, managed apiserver). */
export function nodeOf(endpoint: Endpoint): string | undefined {
  if (endpoint.kind === 'node') return endpoint.name;
  if (endpoint.kind === 'apiserver') return endpoint.node;
  return undefined;
}

/** The port a rule names: a number, or a container port name resolved on the destination pod. */
export function resolvePort(port: unknown, destination: Endpoint): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  if (typeof port === 'string' && isPod(destination)) return destination.namedPorts?.[port];
  return undefined;
}

export const ALLOWED_UNSUBJECTED = (what: string): DirectionVerdict => ({ allowed: true, reason: what });

export function combine(egress: DirectionVerdict, ingress: DirectionVerdict, ambiguities: readonly string[] = []): Verdict {
  return { allowed: egress.allowed && ingress.allowed, egress, ingress, ambiguities: [...new Set(ambiguities)] };
}
