import { ipInCidr } from '../k8s/cidr.js';
import type { ObjectRef } from '../k8s/kube-object.js';
import type { DerivedEgress, EgressProblem } from './egress-target.js';
import { formatHost } from './format-endpoint.js';
import type { Endpoint } from './parse-endpoint.js';

/** Where an endpoint was written, and how to describe it. */
export interface EndpointSource {
  /** The target's origin. */
  origin: string;
  /** The field path problems and notes point at, with the item it belongs to. */
  path: string;
  resourceRef?: ObjectRef;
  /** The text as written (without credentials), quoted in notes. */
  text: string;
  what: string;
  /** The ports to open instead of the endpoint's own (http action hosts: 80 and 443). */
  ports?: readonly number[];
  /** The controller's namespace, where a Service name of one label resolves; undefined when not known. */
  namespace: string | undefined;
}

/**
 * Adds the target an endpoint implies, or says why there is none:
 * - a Service: the pods of its namespace on the Service's port, assumed to be the targetPort (a note
 *   says so). Whether NAT happens before or after policy is undefined by the Kubernetes docs
 *   (network-policies.md, "Behavior of to and from selectors"); most CNIs match egress after the
 *   Service's DNAT, so the pods' port is what a rule must name (OVN-Kubernetes: kubernetes-nmstate
 *   PR #1570; kube-router: sympozium PR #28). Pre-DNAT CNIs (AWS VPC CNI, opentelemetry-operator
 *   #5621) see the ClusterIP instead, which no namespace rule matches;
 * - an IP literal: its /32 or /128;
 * - a host name or glob: an FQDN peer, which only some engines can render (the caller's concern);
 * - loopback: nothing, as traffic that never leaves the pod is beyond NetworkPolicy ("Pods cannot
 *   currently block localhost access", kubernetes.io/docs/concepts/services-networking/network-policies/,
 *   "What you can't do with network policies").
 */
export function addEndpoint(found: DerivedEgress, endpoint: Endpoint, source: EndpointSource): void {
  const ports = [...new Set(source.ports ?? [endpoint.port])].sort((a, b) => a - b).map((port) => ({ protocol: 'TCP' as const, port }));
  const at = (message: string): EgressProblem => ({ path: source.path, message, ...(source.resourceRef ? { resourceRef: source.resourceRef } : {}) });
  const quoted = JSON.stringify(source.text);
  const { origin, what } = source;
  switch (endpoint.kind) {
    case 'service': {
      const namespace = endpoint.namespace ?? source.namespace;
      if (namespace === undefined) {
        found.problems.push(at(`${quoted} names the Service ${endpoint.name} without a namespace, and the controller's namespace is not known here (set target.namespace): write ${endpoint.name}.<namespace>, so that its egress can be derived`));
        return;
      }
      found.targets.push({ origin, what, to: { kind: 'pods', namespace }, ports });
      const own = endpoint.namespace === undefined ? " (a name of one label resolves in the controller's own namespace)" : '';
      const list = `port${ports.length > 1 ? 's' : ''} ${ports.map((p) => p.port).join(' and ')}`;
      found.notes.push(
        at(`${quoted} is read as the Service ${formatHost({ ...endpoint, namespace })}${own}: the rule allows all pods of namespace ${namespace} on ${list}, taken to be the Service's targetPort, as the CNI sees the connection after the Service's translation; if the Service maps it to another port, allow that one in networkPolicy.egress.to`),
      );
      return;
    }
    case 'ip':
      if (isLoopback(endpoint.cidr)) found.notes.push(at(loopbackNote(quoted)));
      else found.targets.push({ origin, what, to: { kind: 'cidr', cidr: endpoint.cidr }, ports });
      return;
    case 'host':
      if (endpoint.name === 'localhost') found.notes.push(at(loopbackNote(quoted)));
      else found.targets.push({ origin, what, to: { kind: 'fqdn', name: endpoint.name }, ports });
      return;
    case 'glob':
      found.targets.push({ origin, what, to: { kind: 'fqdn', pattern: endpoint.pattern }, ports });
      return;
  }
}

function isLoopback(cidr: string): boolean {
  const address = cidr.slice(0, cidr.indexOf('/'));
  return ipInCidr(address, '127.0.0.0/8') || address === '::1';
}

const loopbackNote = (quoted: string) => `${quoted} is the loopback interface, which never leaves the pod: no network policy applies to it, so no egress rule is needed`;
