import { parseAllDocuments } from 'yaml';
import type { KubeObject, ObjectRef } from '../../src/k8s/kube-object';
import { evaluateCalico } from '../../src/dialects/calico/traffic/evaluate-calico';
import type { ApiserverEndpoint, Cluster, DirectionVerdict, ExternalEndpoint, Flow, NodeEndpoint, PodEndpoint, Protocol, RuleRef } from '../../src/traffic/model';

/** The Calico evaluator tests' cluster (nodes, namespaces of the upstream examples, Services) and exact-verdict helpers. */

export const objects = (yaml: string): KubeObject[] => parseAllDocuments(yaml).map((doc) => doc.toJS() as KubeObject);

let nextIp = 10;
export function pod(namespace: string, name: string, labels: Record<string, string> = {}, extra: Partial<PodEndpoint> = {}): PodEndpoint {
  nextIp += 1;
  return { kind: 'pod', namespace, name, labels, ip: `10.1.${Math.floor(nextIp / 250)}.${nextIp % 250}`, node: 'node-a', ...extra };
}

export const nodeA: NodeEndpoint = { kind: 'node', name: 'node-a', ip: '10.0.0.1' };
export const nodeB: NodeEndpoint = { kind: 'node', name: 'node-b', ip: '10.0.0.2' };
/** A kubeadm apiserver, host-network on the control-plane node. */
export const apiserver: ApiserverEndpoint = { kind: 'apiserver', ip: '10.0.0.10', node: 'control-plane' };
/** A managed control plane's apiserver, outside the cluster. */
export const managedApiserver: ApiserverEndpoint = { kind: 'apiserver', ip: '172.16.0.2' };
export const internet: ExternalEndpoint = { kind: 'external', ip: '8.8.8.8' };
export const example: ExternalEndpoint = { kind: 'external', ip: '1.2.3.4' };

export const dns = pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' });
export const frontendServicePod = pod('frontend', 'frontend-1', { app: 'frontend' });

export const cluster: Cluster = {
  namespaces: [
    { name: 'production', labels: {} },
    { name: 'staging', labels: {} },
    { name: 'engineering', labels: {} },
    { name: 'kube-system', labels: {} },
    { name: 'default', labels: {} },
    { name: 'my-app', labels: {} },
    { name: 'frontend', labels: {} },
    { name: 'backend', labels: {} },
    { name: 'circles', labels: { shape: 'circle' } },
    { name: 'dev', labels: { environment: 'development' } },
    { name: 'prod', labels: { environment: 'production' } },
    { name: 'ctrl-system', labels: {} },
  ],
  services: [
    { namespace: 'default', name: 'kubernetes', endpoints: [apiserver], ports: [{ port: 6443 }] },
    { namespace: 'kube-system', name: 'kube-dns', endpoints: [dns], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
    { namespace: 'frontend', name: 'frontend-service', endpoints: [frontendServicePod] },
  ],
};

export const flow = (from: Flow['from'], to: Flow['to'], port: number, protocol: Protocol = 'TCP'): Flow => ({ from, to, port, protocol });

/** The RuleRef of a rule in a Calico or Kubernetes object. */
export function ruleOf(kind: 'NetworkPolicy' | 'GlobalNetworkPolicy' | 'K8sNetworkPolicy', name: string, path: string, namespace?: string): RuleRef {
  const object: ObjectRef = { apiVersion: kind === 'K8sNetworkPolicy' ? 'networking.k8s.io/v1' : 'projectcalico.org/v3', kind: kind === 'K8sNetworkPolicy' ? 'NetworkPolicy' : kind, name };
  if (namespace) object.namespace = namespace;
  return { object, path };
}

/* Exact direction verdicts: the reason is matched by its opening words, everything else exactly. */
export const allowedBy = (rule: RuleRef): DirectionVerdict => ({ allowed: true, rule, reason: expect.stringMatching(/^allowed by /) });
export const deniedBy = (rule: RuleRef): DirectionVerdict => ({ allowed: false, rule, reason: expect.stringMatching(/^denied by /) });
export const endOfTier = (tier: string): DirectionVerdict => ({ allowed: false, reason: expect.stringMatching(new RegExp(`^end of tier "${tier}": .* the tier's default action is Deny$`)) });
export const noPolicy: DirectionVerdict = { allowed: true, reason: expect.stringMatching(/^no Calico or Kubernetes policy applies to .*; the namespace profile kns\.[a-z-]+ allows it$/) };
export const passedToProfile = (ns: string): DirectionVerdict => ({ allowed: true, reason: expect.stringMatching(new RegExp(`past the last tier the namespace profile kns\\.${ns} allows it$`)) });
export const notAPod = (side: 'source' | 'destination'): DirectionVerdict => ({ allowed: true, reason: `the ${side} is not a pod: no policy applies` });
export const localHost: DirectionVerdict = { allowed: true, reason: expect.stringMatching(/^Calico does not police traffic from the local host/) };

export function verdict(objs: KubeObject[], f: Flow) {
  return evaluateCalico(objs, cluster, f);
}

export function expectVerdict(objs: KubeObject[], f: Flow, egress: DirectionVerdict, ingress: DirectionVerdict, ambiguities: (string | RegExp)[] = []) {
  const v = verdict(objs, f);
  expect(v).toEqual({
    allowed: egress.allowed && ingress.allowed,
    egress,
    ingress,
    ambiguities: ambiguities.map((a) => (typeof a === 'string' ? a : expect.stringMatching(a))),
  });
}
