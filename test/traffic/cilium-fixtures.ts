import { parseAllDocuments } from 'yaml';
import { asKubeObject, type KubeObject } from '../../src/k8s/kube-object';
import { evaluateCilium } from '../../src/dialects/cilium/traffic/evaluate-cilium';
import type { ApiserverEndpoint, Cluster, Endpoint, ExternalEndpoint, NodeEndpoint, PodEndpoint, Protocol, Service, Verdict } from '../../src/traffic/model';

/**
 * A small cluster for the Cilium evaluator tests: three nodes (node-c runs the kube-apiserver), pods
 * on node-a and node-b, a managed apiserver outside the cluster, and the internet.
 */

export const NODE_A: NodeEndpoint = { kind: 'node', name: 'node-a', ip: '172.18.0.2' };
export const NODE_B: NodeEndpoint = { kind: 'node', name: 'node-b', ip: '172.18.0.3' };
export const NODE_C: NodeEndpoint = { kind: 'node', name: 'node-c', ip: '172.18.0.4' };
/** A node whose IP lies in 10.0.0.0/8, like the pods. */
export const NODE_D: NodeEndpoint = { kind: 'node', name: 'node-d', ip: '10.0.0.5' };

/** kubeadm-style: the apiserver on node-c (a remote node for every pod here). */
export const APISERVER_IN_CLUSTER: ApiserverEndpoint = { kind: 'apiserver', ip: '172.18.0.4', node: 'node-c' };
/** The same kind of apiserver, on node-b (the local node of the pods scheduled there). */
export const APISERVER_ON_NODE_B: ApiserverEndpoint = { kind: 'apiserver', ip: '172.18.0.3', node: 'node-b' };
/** EKS/GKE/AKS-style: outside the cluster. */
export const APISERVER_MANAGED: ApiserverEndpoint = { kind: 'apiserver', ip: '203.0.113.10' };

export const external = (ip: string, hostname?: string): ExternalEndpoint => ({ kind: 'external', ip, ...(hostname ? { hostname } : {}) });
export const WORLD = external('20.1.1.1');

let nextIp = 10;
export function pod(name: string, labels: Record<string, string>, options: Partial<Omit<PodEndpoint, 'kind' | 'name' | 'labels'>> = {}): PodEndpoint {
  nextIp += 1;
  return { kind: 'pod', name, namespace: 'default', labels, ip: `10.244.0.${nextIp}`, node: 'node-a', ...options };
}

export const KUBE_DNS = pod('coredns', { 'k8s-app': 'kube-dns' }, { namespace: 'kube-system', node: 'node-b' });

export const SERVICES: Service[] = [
  { namespace: 'default', name: 'kubernetes', endpoints: [APISERVER_IN_CLUSTER] },
  { namespace: 'default', name: 'myservice', endpoints: [external('192.0.2.50')] },
  { namespace: 'default', name: 'legacy-db', labels: { head: 'none' }, endpoints: [external('192.0.2.60')] },
];

export const CLUSTER: Cluster = {
  namespaces: [
    { name: 'default', labels: {} },
    { name: 'kube-system', labels: {} },
    { name: 'ns1', labels: { faction: 'alliance' } },
    { name: 'ns2', labels: { faction: 'empire' } },
    { name: 'public', labels: {} },
    { name: 'monitoring', labels: { team: 'observability' } },
  ],
  services: SERVICES,
};

/** Kubernetes objects from YAML (upstream examples are transcribed as written). */
export function yamlObjects(text: string): KubeObject[] {
  return parseAllDocuments(text).map((d) => {
    const object = asKubeObject(d.toJS());
    if (!object) throw new Error(`not a Kubernetes object: ${d.toString()}`);
    return object;
  });
}

export const cnp = (name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const ccnp = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name },
  spec,
});

export const networkPolicy = (name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const tcp = (port: string) => ({ toPorts: [{ ports: [{ port, protocol: 'TCP' }] }] });

/** The verdict in a form that asserts exactly: both directions, the deciding rules, whether ambiguous. */
export interface Judgement {
  allowed: boolean;
  egress: boolean;
  ingress: boolean;
  egressRule?: string;
  ingressRule?: string;
  ambiguous: boolean;
}

export function judge(objects: readonly KubeObject[], from: Endpoint, to: Endpoint, port = 80, protocol: Protocol = 'TCP'): Judgement {
  return summary(evaluateCilium(objects, CLUSTER, { from, to, port, protocol }));
}

export function summary(verdict: Verdict): Judgement {
  return {
    allowed: verdict.allowed,
    egress: verdict.egress.allowed,
    ingress: verdict.ingress.allowed,
    ...(verdict.egress.rule ? { egressRule: verdict.egress.rule.path } : {}),
    ...(verdict.ingress.rule ? { ingressRule: verdict.ingress.rule.path } : {}),
    ambiguous: verdict.ambiguities.length > 0,
  };
}

export const verdictOf = (objects: readonly KubeObject[], from: Endpoint, to: Endpoint, port = 80, protocol: Protocol = 'TCP'): Verdict =>
  evaluateCilium(objects, CLUSTER, { from, to, port, protocol });

/** Shorthands for expected judgements. */
export const ingressAllowed = (ingressRule?: string, ambiguous = false): Judgement => ({ allowed: true, egress: true, ingress: true, ...(ingressRule ? { ingressRule } : {}), ambiguous });
export const ingressDenied = (ingressRule?: string): Judgement => ({ allowed: false, egress: true, ingress: false, ...(ingressRule ? { ingressRule } : {}), ambiguous: false });
export const egressAllowed = (egressRule?: string, ambiguous = false): Judgement => ({ allowed: true, egress: true, ingress: true, ...(egressRule ? { egressRule } : {}), ambiguous });
export const egressDenied = (egressRule?: string): Judgement => ({ allowed: false, egress: false, ingress: true, ...(egressRule ? { egressRule } : {}), ambiguous: false });
