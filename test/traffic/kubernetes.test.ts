import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/k8s/kube-object';
import { evaluateKubernetes } from '../../src/dialects/kubernetes/evaluate-kubernetes';
import type { Cluster, Endpoint, PodEndpoint, Protocol } from '../../src/traffic/model';

/**
 * The Kubernetes NetworkPolicy reading, tested first on the examples of the upstream docs page
 * (kubernetes/website content/en/docs/concepts/services-networking/network-policies.md), then on the
 * rules of networking/v1 types.go the examples do not show.
 */

const objects = (yaml: string): KubeObject[] => parseAllDocuments(yaml).map((d) => d.toJS() as KubeObject);

const cluster: Cluster = {
  namespaces: [
    { name: 'default', labels: {} },
    { name: 'myproject', labels: { project: 'myproject' } },
    { name: 'other', labels: {} },
  ],
};
const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string, node = 'node-b'): PodEndpoint => ({ kind: 'pod', name, namespace, labels, ip, node });
const db = pod('db', 'default', { role: 'db' }, '10.244.0.10', 'node-a');
const frontend = pod('frontend', 'default', { role: 'frontend' }, '10.244.0.11');
const frontendElsewhere = pod('frontend', 'other', { role: 'frontend' }, '10.244.0.12');
const inProject = pod('anything', 'myproject', { app: 'x' }, '10.244.0.13');
const stranger = pod('stranger', 'other', { app: 'x' }, '10.244.0.14');
const kubeletA = { kind: 'node', name: 'node-a', ip: '10.0.1.1' } as const;
const kubeletB = { kind: 'node', name: 'node-b', ip: '10.0.1.2' } as const;
const external = (ip: string): Endpoint => ({ kind: 'external', ip });

const allowed = (policy: KubeObject[], from: Endpoint, to: Endpoint, port: number, protocol: Protocol = 'TCP') => evaluateKubernetes(policy, cluster, { from, to, port, protocol }).allowed;

describe('the docs page examples', () => {
  // "The NetworkPolicy resource" example, as the page shows it.
  const example = objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`);

  test.each<[string, Endpoint, Endpoint, number, boolean]>([
    ['"any pod in the default namespace with the label role=frontend" on 6379', frontend, db, 6379, true],
    ['role=frontend in another namespace: a bare podSelector means the policy namespace', frontendElsewhere, db, 6379, false],
    ['"any pod in a namespace with the label project=myproject"', inProject, db, 6379, true],
    ['"IP addresses in the ranges 172.17.0.0–172.17.0.255 and 172.17.2.0–172.17.255.255"', external('172.17.2.5'), db, 6379, true],
    ['an address in the except range 172.17.1.0/24', external('172.17.1.5'), db, 6379, false],
    ['a listed peer on another port', frontend, db, 6380, false],
    ['an unlisted pod', stranger, db, 6379, false],
    ['egress "to any IP within the CIDR 10.0.0.0/24 on TCP port 5978"', db, external('10.0.0.7'), 5978, true],
    ['egress elsewhere', db, external('10.0.1.7'), 5978, false],
    ['egress on another port', db, external('10.0.0.7'), 443, false],
    ['a pod the policy does not select stays non-isolated', stranger, frontend, 80, true],
  ])('%s', (_title, from, to, port, expected) => {
    expect(allowed(example, from, to, port)).toBe(expected);
  });

  test('"Default deny all ingress traffic" isolates every pod of the namespace; egress stays open', () => {
    const deny = objects('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny-ingress, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');
    expect(allowed(deny, frontend, db, 80)).toBe(false);
    expect(allowed(deny, db, stranger, 80)).toBe(true);
    expect(allowed(deny, stranger, frontendElsewhere, 80)).toBe(true);
  });

  test('"Allow all ingress traffic": ingress: [{}] matches every source and port', () => {
    const all = objects('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all-ingress, namespace: default}\nspec:\n  podSelector: {}\n  ingress: [{}]\n  policyTypes: [Ingress]\n');
    expect(allowed(all, stranger, db, 1)).toBe(true);
    expect(allowed(all, external('1.2.3.4'), db, 65535, 'UDP')).toBe(true);
  });

  test('"Default deny all egress traffic" and "Allow all egress traffic"', () => {
    const deny = objects('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny-egress, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n');
    expect(allowed(deny, db, external('1.2.3.4'), 443)).toBe(false);
    expect(allowed(deny, stranger, db, 80)).toBe(true);
    const allowAll = objects('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all-egress, namespace: default}\nspec:\n  podSelector: {}\n  egress: [{}]\n  policyTypes: [Egress]\n');
    expect(allowed([...deny, ...allowAll], db, external('1.2.3.4'), 443)).toBe(true);
  });

  test('"Targeting a range of ports": 32000 to 32768', () => {
    const range = objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: multi-port-egress, namespace: default}
spec:
  podSelector:
    matchLabels: {role: db}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/24}
    ports:
    - protocol: TCP
      port: 32000
      endPort: 32768
`);
    expect([31999, 32000, 32768, 32769].map((port) => allowed(range, db, external('10.0.0.1'), port))).toEqual([false, true, true, false]);
  });
});

describe('networking/v1 types.go', () => {
  const policy = (spec: string) => objects(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: default}\nspec:\n${spec}`);

  test('podSelector AND namespaceSelector in one peer; two peers are an OR', () => {
    const and = policy('  podSelector: {matchLabels: {role: db}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {project: myproject}}\n      podSelector: {matchLabels: {app: x}}\n');
    expect(allowed(and, inProject, db, 80)).toBe(true);
    expect(allowed(and, stranger, db, 80)).toBe(false);
    const or = policy('  podSelector: {matchLabels: {role: db}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {project: myproject}}\n    - podSelector: {matchLabels: {app: x}}\n');
    expect(allowed(or, stranger, db, 80)).toBe(false); // app=x but in namespace other: podSelector alone is the policy namespace
    expect(allowed(or, inProject, db, 80)).toBe(true);
  });

  test('without policyTypes, a policy with egress rules affects both directions, one without only ingress', () => {
    const withEgress = policy('  podSelector: {matchLabels: {role: db}}\n  egress:\n  - ports: [{port: 53, protocol: UDP}]\n');
    expect(allowed(withEgress, db, external('9.9.9.9'), 53, 'UDP')).toBe(true);
    expect(allowed(withEgress, db, external('9.9.9.9'), 53, 'TCP')).toBe(false);
    expect(allowed(withEgress, frontend, db, 80)).toBe(false);
    const ingressOnly = policy('  podSelector: {matchLabels: {role: db}}\n');
    expect(allowed(ingressOnly, db, external('9.9.9.9'), 443)).toBe(true);
    expect(allowed(ingressOnly, frontend, db, 80)).toBe(false);
  });

  test('"traffic from the pod\'s local node" is always allowed; another node is not', () => {
    const deny = policy('  podSelector: {}\n  policyTypes: [Ingress]\n');
    expect(allowed(deny, kubeletA, db, 8081)).toBe(true);
    expect(allowed(deny, kubeletB, db, 8081)).toBe(false);
  });

  test('namespaceSelector matches the automatic kubernetes.io/metadata.name label', () => {
    const byName = policy('  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}\n');
    expect(allowed(byName, stranger, db, 80)).toBe(true);
    expect(allowed(byName, inProject, db, 80)).toBe(false);
  });

  test('a named port resolves on the destination pod; the protocol defaults to TCP', () => {
    const named = policy('  podSelector: {}\n  ingress:\n  - ports: [{port: metrics}]\n');
    const withPorts: PodEndpoint = { ...db, namedPorts: { metrics: 8080 } };
    expect(allowed(named, stranger, withPorts, 8080)).toBe(true);
    expect(allowed(named, stranger, withPorts, 8080, 'UDP')).toBe(false);
    expect(allowed(named, stranger, db, 8080)).toBe(false);
  });

  test('selectors never match what is not a pod: the apiserver, nodes, the internet', () => {
    const pods = policy('  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n');
    expect(allowed(pods, { kind: 'apiserver', ip: '10.0.0.10', node: 'cp' }, db, 9443)).toBe(false);
    expect(allowed(pods, external('8.8.8.8'), db, 9443)).toBe(false);
    expect(allowed(pods, stranger, db, 9443)).toBe(true);
  });

  test('the deciding rule is named in the verdict', () => {
    const two = policy('  podSelector: {}\n  ingress:\n  - ports: [{port: 1}]\n  - ports: [{port: 2}]\n');
    const verdict = evaluateKubernetes(two, cluster, { from: stranger, to: db, port: 2, protocol: 'TCP' });
    expect(verdict.ingress.rule).toEqual({ object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'p', namespace: 'default' }, path: 'spec.ingress[1]' });
    expect(verdict.ambiguities).toEqual([]);
  });
});
