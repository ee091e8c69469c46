import { nameOf, objectsOf, type Observations, type Sourced } from './observation.js';
import { MANAGED, type Platform } from './platform.js';
import { listAt, numberAt, stringAt } from './read-field.js';

/** The values of `networkPolicy.egress.apiserver` (issue 13), each with where it came from. */
export interface ApiserverFinding {
  cidrs?: Sourced<string[]>;
  ports?: Sourced<number[]>;
  serviceIP?: Sourced<string>;
  external: Sourced<boolean>;
  warnings: string[];
}

/**
 * The kube-apiserver as policies must name it: NetworkPolicy matches after the Service address is
 * translated, so the endpoint addresses on their real port (6443 on kubeadm, k3s and OpenShift, 443 on
 * GKE and EKS); the ClusterIP too, for CNIs that enforce before the translation (field-facts §4.2:
 * open-telemetry/opentelemetry-operator#5621, AWS VPC CNI).
 */
export function discoverApiserver(observations: Observations, platform: Sourced<Platform> | undefined): ApiserverFinding {
  const warnings: string[] = [];
  const finding: ApiserverFinding = { external: externalOf(platform), warnings };
  const slices = objectsOf(observations, 'apiserver-endpoints');
  if (slices) {
    const v4: string[] = [];
    const v6: string[] = [];
    const ports = new Set<number>();
    for (const slice of slices) {
      const family = stringAt(slice, 'addressType') === 'IPv6' ? v6 : v4;
      for (const endpoint of listAt(slice, 'endpoints')) for (const address of listAt(endpoint, 'addresses')) if (typeof address === 'string') family.push(address);
      for (const port of listAt(slice, 'ports')) {
        const number = numberAt(port, 'port');
        if (number !== undefined && (stringAt(port, 'protocol') ?? 'TCP') === 'TCP') ports.add(number);
      }
    }
    const cidrs = [...new Set(v4)].sort(byAddress).map((a) => `${a}/32`).concat([...new Set(v6)].sort().map((a) => `${a}/128`));
    const where = slices.map(nameOf).join(', ');
    if (cidrs.length) finding.cidrs = { value: cidrs, source: `${where}: endpoints[].addresses` };
    else warnings.push('the EndpointSlices of default/kubernetes hold no address: networkPolicy.egress.apiserver.cidrs is not set');
    if (ports.size) finding.ports = { value: [...ports].sort((a, b) => a - b), source: `${where}: ports[].port (the apiserver's own port, which policies match)` };
    if (platform?.value === 'EKS') {
      warnings.push('EKS replaces the control plane\'s network interfaces, and their addresses, when it updates the cluster (aws/aws-network-policy-agent#281): run discover again after an upgrade');
    }
  }
  const service = objectsOf(observations, 'apiserver-service')?.[0];
  const clusterIP = service && stringAt(service, 'spec', 'clusterIP');
  if (service && clusterIP && clusterIP !== 'None') {
    const port = numberAt(service, 'spec', 'ports', 0, 'port');
    finding.serviceIP = { value: clusterIP, source: `${nameOf(service)}: spec.clusterIP${port ? ` (port ${port})` : ''}` };
  }
  return finding;
}

function externalOf(platform: Sourced<Platform> | undefined): Sourced<boolean> {
  if (platform && MANAGED.has(platform.value)) return { value: true, source: `${platform.value} (${platform.source}) runs the control plane outside the cluster's nodes` };
  if (platform) return { value: false, source: `${platform.value}: the control plane runs on the cluster's nodes (a hosted control plane, such as HyperShift, does not: then set true)` };
  return { value: false, source: "no managed platform detected: the control plane is taken to run on the cluster's nodes (kubeadm, k3s, kind); set true when it runs outside" };
}

/** IPv4 addresses in numeric order, so 10.0.0.9 comes before 10.0.0.10. */
function byAddress(a: string, b: string): number {
  const key = (ip: string) => ip.split('.').map((part) => part.padStart(3, '0')).join('.');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
