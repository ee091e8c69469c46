import { nameOf, objectsOf, type Observations, type Sourced } from './observation.js';
import { namedPort } from './named-port.js';

/** Issue 13's `derived.fluxSource` allows source-controller's `http` port, 9090 (fluxcd/source-controller config/manager/deployment.yaml). */
const FLUX_SOURCE_PORT = 9090;

export interface FluxFinding {
  /** Found: the namespace of `derived.fluxNamespace`; absent: no source-controller. */
  namespace?: Sourced<string>;
  warnings: string[];
}

/** Where Flux's source-controller runs, which the controller fetches artifacts from. */
export function discoverFlux(observations: Observations): FluxFinding | undefined {
  const pods = objectsOf(observations, 'flux-source-controller');
  if (!pods) return undefined;
  const warnings: string[] = [];
  if (!pods.length) return { warnings };
  const namespaces = [...new Set(pods.map((p) => p.metadata.namespace ?? 'default'))].sort();
  const namespace = namespaces.includes('flux-system') ? 'flux-system' : namespaces[0]!;
  if (namespaces.length > 1) warnings.push(`source-controller pods run in ${namespaces.join(', ')}: ${namespace} is used; allow the others in networkPolicy.egress.to`);
  const pod = pods.find((p) => p.metadata.namespace === namespace)!;
  const port = namedPort(pod, 'http');
  if (port !== undefined && port !== FLUX_SOURCE_PORT) warnings.push(`${nameOf(pod)} serves http on ${port}, not ${FLUX_SOURCE_PORT}: allow it in networkPolicy.egress.to`);
  return { namespace: { value: namespace, source: `${nameOf(pod)} (label app=source-controller${port !== undefined ? `, containerPort http ${port}` : ''})` }, warnings };
}
