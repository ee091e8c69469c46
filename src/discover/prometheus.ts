import { nameOf, objectsOf, type Observations, type Sourced } from './observation.js';
import { namedPort } from './named-port.js';

/** One namespace that runs Prometheus: a peer of `networkPolicy.metrics.from`. */
export interface PrometheusFinding {
  namespace: string;
  port?: number;
}

/**
 * Where Prometheus runs, to admit it to the metrics port. The Prometheus operator labels its servers
 * app.kubernetes.io/name=prometheus and names their port `web` (prometheus-operator
 * pkg/prometheus/server/statefulset.go); the prometheus-community chart names it `web` too.
 */
export function discoverPrometheus(observations: Observations): Sourced<PrometheusFinding[]> | undefined {
  const pods = objectsOf(observations, 'prometheus');
  if (!pods?.length) return undefined;
  const byNamespace = new Map<string, PrometheusFinding & { pod: string }>();
  for (const pod of [...pods].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))) {
    const namespace = pod.metadata.namespace ?? 'default';
    if (byNamespace.has(namespace)) continue;
    const port = namedPort(pod, 'web', 'http-web', 'http');
    byNamespace.set(namespace, { namespace, ...(port !== undefined ? { port } : {}), pod: nameOf(pod) });
  }
  const found = [...byNamespace.values()].sort((a, b) => a.namespace.localeCompare(b.namespace));
  const source = found.map((f) => `${f.pod}${f.port !== undefined ? ` (port web ${f.port})` : ''}`).join(', ');
  return { value: found.map(({ namespace, port }) => ({ namespace, ...(port !== undefined ? { port } : {}) })), source: `label app.kubernetes.io/name=prometheus: ${source}` };
}
