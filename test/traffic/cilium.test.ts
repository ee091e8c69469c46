import { evaluateCilium } from '../../src/dialects/cilium/traffic/evaluate-cilium';
import { NAMESPACE_LABELS_NOTE } from '../../src/dialects/cilium/traffic/scope';
import { CLUSTER_APISERVER_NOTE } from '../../src/dialects/cilium/traffic/entity';
import { LOCALHOST_DENY_NOTE } from '../../src/dialects/cilium/traffic/direction-verdict';
import { PATTERN_NOTE } from '../../src/dialects/cilium/traffic/fqdn';
import { ANY_SCTP_NOTE } from '../../src/dialects/cilium/traffic/ports';
import { EMPTY_LIST_NOTE, EMPTY_RULE_NOTE, REQUIRES_NOTE, REQUIRES_ONLY_NOTE } from '../../src/dialects/cilium/traffic/rule-l3';
import { SERVICE_POD_NOTE } from '../../src/dialects/cilium/traffic/services';
import type { Endpoint } from '../../src/traffic/model';
import {
  APISERVER_IN_CLUSTER,
  APISERVER_MANAGED,
  APISERVER_ON_NODE_B,
  ccnp,
  cnp,
  egressAllowed,
  egressDenied,
  external,
  ingressAllowed,
  ingressDenied,
  judge,
  KUBE_DNS,
  networkPolicy,
  NODE_A,
  NODE_B,
  NODE_C,
  NODE_D,
  pod,
  summary,
  tcp,
  verdictOf,
  WORLD,
  yamlObjects,
  type Judgement,
} from './cilium-fixtures';

/* Pods of the `default` namespace on node-a unless said otherwise. */
const FRONTEND = pod('frontend', { role: 'frontend' });
const BACKEND = pod('backend', { role: 'backend' }, { node: 'node-b', namedPorts: { http: 8080 } });
const OTHER = pod('other', { role: 'other' });
const FRONTEND_NS1 = pod('frontend', { role: 'frontend' }, { namespace: 'ns1' });

type Row = [string, Endpoint, Endpoint, number, Judgement];
const table = (objects: ReturnType<typeof yamlObjects>, rows: Row[]) =>
  test.each(rows)('%s', (_name, from, to, port, expected) => {
    expect(judge(objects, from, to, port)).toEqual(expected);
  });

describe('upstream examples (cilium/cilium examples/policies, Documentation/security/policy)', () => {
  describe('examples/policies/l3/simple/l3.yaml (language.rst "Simple Ingress Allow")', () => {
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "l3-rule"
spec:
  endpointSelector:
    matchLabels:
      role: backend
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: frontend
`);
    table(objects, [
      ['frontend may reach backend', FRONTEND, BACKEND, 80, ingressAllowed('spec.ingress[0]')],
      ['another pod may not (default deny)', OTHER, BACKEND, 80, ingressDenied()],
      ['the internet may not', WORLD, BACKEND, 80, ingressDenied()],
      ['a frontend of another namespace may not (fromEndpoints is namespace-scoped)', FRONTEND_NS1, BACKEND, 80, ingressDenied()],
      ["backend's own node may (allow-localhost)", NODE_B, BACKEND, 10250, ingressAllowed()],
      ['another node may not', NODE_A, BACKEND, 10250, ingressDenied()],
    ]);

    test('the allowing rule names the object and path', () => {
      expect(verdictOf(objects, FRONTEND, BACKEND).ingress.rule).toEqual({
        object: { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', name: 'l3-rule' },
        path: 'spec.ingress[0]',
      });
    });
  });

  describe('examples/policies/l3/simple/l3_egress.yaml (language.rst "Simple Egress Allow")', () => {
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "l3-egress-rule"
spec:
  endpointSelector:
    matchLabels:
      role: frontend
  egress:
  - toEndpoints:
    - matchLabels:
        role: backend
`);
    table(objects, [
      ['frontend may reach backend', FRONTEND, BACKEND, 80, egressAllowed('spec.egress[0]')],
      ['frontend may not reach another pod', FRONTEND, OTHER, 80, egressDenied()],
      ['frontend may not reach the internet', FRONTEND, WORLD, 443, egressDenied()],
      ['frontend may not reach kube-dns', FRONTEND, KUBE_DNS, 53, egressDenied()],
    ]);
  });

  describe('examples/policies/l3/ingress-allow-all/ingress-allow-all.yaml (`fromEndpoints: [{}]`)', () => {
    const victim = pod('victim', { role: 'victim' }, { node: 'node-b' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "allow-all-to-victim"
spec:
  endpointSelector:
    matchLabels:
      role: victim
  ingress:
  - fromEndpoints:
    - {}
`);
    table(objects, [
      ['a pod of its namespace may', OTHER, victim, 80, ingressAllowed('spec.ingress[0]')],
      ['a pod of another namespace may not: {} is scoped to the policy namespace (utils.go getEndpointSelector)', FRONTEND_NS1, victim, 80, ingressDenied()],
      ['the internet may not', WORLD, victim, 80, ingressDenied()],
    ]);
  });

  describe('examples/policies/l3/egress-allow-all/egress-allow-all.yaml ("to all other endpoints in the same namespace")', () => {
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "allow-all-from-frontend"
spec:
  endpointSelector:
    matchLabels:
      role: frontend
  egress:
  - toEndpoints:
    - {}
`);
    table(objects, [
      ['same namespace', FRONTEND, BACKEND, 80, egressAllowed('spec.egress[0]')],
      ['kube-system', FRONTEND, KUBE_DNS, 53, egressDenied()],
      ['the internet', FRONTEND, WORLD, 443, egressDenied()],
    ]);
  });

  describe('examples/policies/l3/egress-default-deny/egress-default-deny.yaml (`egress: [{}]`)', () => {
    const restricted = pod('restricted', { role: 'restricted' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "deny-all-egress"
spec:
  endpointSelector:
    matchLabels:
      role: restricted
  egress:
  - {}
`);

    test('the empty rule is read permissively (PolicyEntry engine: empty L3 = match everything) and flagged', () => {
      const verdict = verdictOf(objects, restricted, WORLD, 443);
      expect(verdict.allowed).toBe(true);
      expect(verdict.egress.rule?.path).toBe('spec.egress[0]');
      expect(verdict.ambiguities).toEqual([EMPTY_RULE_NOTE]);
    });

    test('`toEntities: [none]` (pkg/policy/api/entity.go) is the form every version reads as deny-all', () => {
      const none = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "deny-all-egress"
spec:
  endpointSelector:
    matchLabels:
      role: restricted
  egress:
  - toEntities:
    - none
`);
      expect(judge(none, restricted, WORLD, 443)).toEqual(egressDenied());
      expect(judge(none, restricted, KUBE_DNS, 53)).toEqual(egressDenied());
      expect(judge(none, restricted, NODE_A, 10250)).toEqual(egressDenied());
    });

    test('the example as of commit 08649f1 (`egress:` with no items) has no egress section: not isolated', () => {
      const nullEgress = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "deny-all-egress"
spec:
  endpointSelector:
    matchLabels:
      role: restricted
  egress:
`);
      expect(judge(nullEgress, restricted, WORLD, 443)).toEqual(egressAllowed());
    });
  });

  describe('examples/policies/l3/requires/{requires,endpoints}.yaml (language.rst "Additional Label Requirements")', () => {
    const prod = pod('prod', { env: 'prod' }, { node: 'node-b' });
    const prodFrontend = pod('prod-frontend', { env: 'prod', role: 'frontend' });
    const requires = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
description: "For endpoints with env=prod, only allow if source also has label env=prod"
metadata:
  name: "requires-rule"
specs:
  - endpointSelector:
      matchLabels:
        env: prod
    ingress:
    - fromRequires:
      - matchLabels:
          env: prod
---
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "l3-rule"
specs:
  - description: "For endpoints with env=prod, allow if source also has label role=frontend"
    endpointSelector:
      matchLabels:
        env: prod
    ingress:
    - fromEndpoints:
      - matchLabels:
          role: frontend
`);

    test('a source with env=prod and role=frontend is allowed by the fromEndpoints rule, in every version', () => {
      const verdict = verdictOf(requires, prodFrontend, prod);
      expect(verdict.ingress).toMatchObject({ allowed: true, rule: { object: { name: 'l3-rule' }, path: 'specs[0].ingress[0]' } });
      expect(verdict.ambiguities).toEqual([]);
    });

    test('a frontend without env=prod: the documented deny holds only where fromRequires is read; the newest parser drops it, leaving an empty rule', () => {
      const verdict = verdictOf(requires, FRONTEND, prod);
      expect(verdict.allowed).toBe(true);
      expect(verdict.ingress.rule).toMatchObject({ object: { name: 'requires-rule' }, path: 'specs[0].ingress[0]' });
      expect(verdict.ambiguities).toEqual([REQUIRES_ONLY_NOTE]);
    });

    test('with the requirement in an L4 rule instead, older versions fold it into fromEndpoints (flagged), newer ignore it', () => {
      const objects = [
        cnp('requires-rule', { endpointSelector: { matchLabels: { env: 'prod' } }, ingress: [{ fromRequires: [{ matchLabels: { env: 'prod' } }], ...tcp('9') }] }),
        cnp('l3-rule', { endpointSelector: { matchLabels: { env: 'prod' } }, ingress: [{ fromEndpoints: [{ matchLabels: { role: 'frontend' } }] }] }),
      ];
      const verdict = verdictOf(objects, FRONTEND, prod);
      expect(verdict.ingress).toMatchObject({ allowed: true, rule: { object: { name: 'l3-rule' }, path: 'spec.ingress[0]' } });
      expect(verdict.ambiguities).toEqual([REQUIRES_NOTE]);
      expect(summary(verdictOf(objects, prodFrontend, prod))).toEqual(ingressAllowed('spec.ingress[0]'));
    });
  });

  describe('examples/policies/l3/entities/apiserver.yaml (`toEntities: [kube-apiserver]`)', () => {
    const dev = pod('dev', { env: 'dev' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "dev-to-kube-apiserver"
spec:
  endpointSelector:
    matchLabels:
      env: dev
  egress:
    - toEntities:
      - kube-apiserver
`);
    table(objects, [
      ['an apiserver on a remote node (identity kube-apiserver + remote-node)', dev, APISERVER_IN_CLUSTER, 6443, egressAllowed('spec.egress[0]')],
      ['an apiserver on the local node (identity host + kube-apiserver)', pod('dev-b', { env: 'dev' }, { node: 'node-b' }), APISERVER_ON_NODE_B, 6443, egressAllowed('spec.egress[0]')],
      ['a managed apiserver outside the cluster (CIDR identity + kube-apiserver)', dev, APISERVER_MANAGED, 443, egressAllowed('spec.egress[0]')],
      ["the apiserver node's kubelet: the node IP carries the kube-apiserver label", dev, NODE_C, 10250, egressAllowed('spec.egress[0]')],
      ['a node without apiserver', dev, NODE_B, 10250, egressDenied()],
      ['the internet', dev, WORLD, 443, egressDenied()],
    ]);
  });

  describe('examples/policies/l3/entities/host.yaml (`toEntities: [host]`)', () => {
    const dev = pod('dev', { env: 'dev' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "dev-to-host"
spec:
  endpointSelector:
    matchLabels:
      env: dev
  egress:
    - toEntities:
      - host
`);
    table(objects, [
      ['its own node', dev, NODE_A, 10250, egressAllowed('spec.egress[0]')],
      ['another node', dev, NODE_B, 10250, egressDenied()],
      ['another pod', dev, BACKEND, 80, egressDenied()],
    ]);
  });

  describe('examples/policies/l3/entities/nodes.yaml (`fromEntities: [host, remote-node]`)', () => {
    const dev = pod('dev', { env: 'dev' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "to-dev-from-nodes-in-cluster"
spec:
  endpointSelector:
    matchLabels:
      env: dev
  ingress:
    - fromEntities:
      - host
      - remote-node
`);
    table(objects, [
      ['a remote node', NODE_B, dev, 8080, ingressAllowed('spec.ingress[0]')],
      ['the in-cluster apiserver on a remote node', APISERVER_IN_CLUSTER, dev, 8080, ingressAllowed('spec.ingress[0]')],
      ['a managed apiserver is not a node', APISERVER_MANAGED, dev, 8080, ingressDenied()],
      ['a pod is not a node', OTHER, dev, 8080, ingressDenied()],
      ['the internet', WORLD, dev, 8080, ingressDenied()],
    ]);
  });

  describe('examples/policies/l3/entities/world.yaml (`fromEntities: [world]`)', () => {
    const publicPod = pod('public', { role: 'public' }, { node: 'node-b' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "from-world-to-role-public"
spec:
  endpointSelector:
    matchLabels:
      role: public
  ingress:
    - fromEntities:
      - world
`);
    table(objects, [
      ['the internet', WORLD, publicPod, 443, ingressAllowed('spec.ingress[0]')],
      ['a managed apiserver is world too (CIDR identity)', APISERVER_MANAGED, publicPod, 443, ingressAllowed('spec.ingress[0]')],
      ['an in-cluster apiserver is not', APISERVER_IN_CLUSTER, publicPod, 443, ingressDenied()],
      ['a pod is not', OTHER, publicPod, 443, ingressDenied()],
    ]);
  });

  describe('examples/policies/l3/entities/from_world_deny.yaml (language.rst "Deny Policies")', () => {
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: "external-lockdown"
spec:
  endpointSelector: {}
  ingressDeny:
  - fromEntities:
    - "world"
  ingress:
  - fromEntities:
    - "all"
`);
    table(objects, [
      ['the internet is denied by the deny rule', WORLD, BACKEND, 443, ingressDenied('spec.ingressDeny[0]')],
      ['a managed apiserver is world, hence denied', APISERVER_MANAGED, BACKEND, 443, ingressDenied('spec.ingressDeny[0]')],
      ['a pod of any namespace is allowed', FRONTEND_NS1, BACKEND, 80, ingressAllowed('spec.ingress[0]')],
      ['a remote node is allowed', NODE_A, BACKEND, 10250, ingressAllowed('spec.ingress[0]')],
    ]);

    test('the deny verdict names the clusterwide policy', () => {
      expect(verdictOf(objects, WORLD, BACKEND).ingress.rule).toEqual({
        object: { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', name: 'external-lockdown' },
        path: 'spec.ingressDeny[0]',
      });
    });
  });

  describe('examples/policies/l3/egress-deny/egress-deny.yaml', () => {
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "deny-egress-example"
spec:
  endpointSelector:
    matchLabels:
      role: frontend
  egress:
  - toEntities:
    - all
  egressDeny:
  - toEndpoints:
    - matchLabels:
        role: backend
`);
    table(objects, [
      ['backend is denied although `all` allows it', FRONTEND, BACKEND, 80, egressDenied('spec.egressDeny[0]')],
      ['another pod is allowed', FRONTEND, OTHER, 80, egressAllowed('spec.egress[0]')],
      ['the internet is allowed', FRONTEND, WORLD, 443, egressAllowed('spec.egress[0]')],
    ]);
  });

  describe('examples/policies/l3/cidr/cidr.yaml (language.rst "Allow to external CIDR block")', () => {
    const myService = pod('my-service', { app: 'myService' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "cidr-rule"
spec:
  endpointSelector:
    matchLabels:
      app: myService
  egress:
  - toCIDR:
    - 20.1.1.1/32
  - toCIDRSet:
    - cidr: 10.0.0.0/8
      except:
      - 10.96.0.0/12
`);
    table(objects, [
      ['the external IP 20.1.1.1', myService, WORLD, 443, egressAllowed('spec.egress[0]')],
      ['an external IP in 10.0.0.0/8', myService, external('10.1.2.3'), 443, egressAllowed('spec.egress[1]')],
      ['an external IP in the except block', myService, external('10.96.0.10'), 443, egressDenied()],
      ['another external IP', myService, external('20.1.1.2'), 443, egressDenied()],
      ['a pod whose IP is in 10.0.0.0/8: CIDR selectors do not match pods', myService, BACKEND, 80, egressDenied()],
      ['a node whose IP is in 10.0.0.0/8: nor nodes (default policy-cidr-match-mode)', myService, NODE_D, 10250, egressDenied()],
    ]);
  });

  describe('examples/policies/l4/l4.yaml (toPorts only: "to any layer 3 destination")', () => {
    const myService = pod('my-service', { app: 'myService' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "l4-rule"
spec:
  endpointSelector:
    matchLabels:
      app: myService
  egress:
    - toPorts:
      - ports:
        - port: "80"
          protocol: TCP
`);
    test.each<[string, Endpoint, number, 'TCP' | 'UDP', Judgement]>([
      ['the internet on 80/TCP', WORLD, 80, 'TCP', egressAllowed('spec.egress[0]')],
      ['a pod on 80/TCP', BACKEND, 80, 'TCP', egressAllowed('spec.egress[0]')],
      ['a node on 80/TCP', NODE_B, 80, 'TCP', egressAllowed('spec.egress[0]')],
      ['the internet on 443/TCP', WORLD, 443, 'TCP', egressDenied()],
      ['the internet on 80/UDP', WORLD, 80, 'UDP', egressDenied()],
    ])('%s', (_name, to, port, protocol, expected) => {
      expect(judge(objects, myService, to, port, protocol)).toEqual(expected);
    });
  });

  describe('examples/policies/l4/l4_port_range.yaml (endPort)', () => {
    const myService = pod('my-service', { app: 'myService' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "l4-port-range-rule"
spec:
  endpointSelector:
    matchLabels:
      app: myService
  egress:
    - toPorts:
      - ports:
        - port: "80"
          endPort: 444
          protocol: TCP
`);
    test.each([
      [79, false],
      [80, true],
      [444, true],
      [445, false],
    ])('port %d allowed: %s', (port, allowed) => {
      expect(judge(objects, myService, WORLD, port)).toEqual(allowed ? egressAllowed('spec.egress[0]') : egressDenied());
    });
  });

  describe('examples/policies/l4/l3_l4_combined.yaml (language.rst "Labels-dependent Layer 4 rule")', () => {
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "l4-rule"
spec:
  endpointSelector:
    matchLabels:
      role: backend
  ingress:
  - fromEndpoints:
    - matchLabels:
        role: frontend
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`);
    table(objects, [
      ['frontend on 80', FRONTEND, BACKEND, 80, ingressAllowed('spec.ingress[0]')],
      ['frontend on 81', FRONTEND, BACKEND, 81, ingressDenied()],
      ['another pod on 80', OTHER, BACKEND, 80, ingressDenied()],
    ]);
  });

  describe('examples/policies/l3/fqdn/fqdn.yaml (language.rst "DNS based")', () => {
    const testApp = pod('test-app', { app: 'test-app' });
    const remote = external('198.51.100.7', 'my-remote-service.com');
    const withDnsRule = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "to-fqdn"
spec:
  endpointSelector:
    matchLabels:
      app: test-app
  egress:
    - toEndpoints:
      - matchLabels:
          "k8s:io.kubernetes.pod.namespace": kube-system
          "k8s:k8s-app": kube-dns
      toPorts:
        - ports:
           - port: "53"
             protocol: ANY
          rules:
            dns:
              - matchPattern: "*"
    - toFQDNs:
        - matchName: "my-remote-service.com"
`);
    test.each<[string, Endpoint, number, 'TCP' | 'UDP', Judgement]>([
      ['kube-dns on 53/UDP (protocol ANY)', KUBE_DNS, 53, 'UDP', egressAllowed('spec.egress[0]')],
      ['kube-dns on 53/TCP', KUBE_DNS, 53, 'TCP', egressAllowed('spec.egress[0]')],
      ['my-remote-service.com, learnt through the DNS proxy', remote, 443, 'TCP', egressAllowed('spec.egress[1]')],
      ['another name', external('198.51.100.8', 'other.example'), 443, 'TCP', egressDenied()],
      ['the same IP without a DNS name', external('198.51.100.7'), 443, 'TCP', egressDenied()],
    ])('commit 25972d8: %s', (_name, to, port, protocol, expected) => {
      expect(judge(withDnsRule, testApp, to, port, protocol)).toEqual(expected);
    });

    test('commit 1921188 drops the L7 DNS rule: no DNS proxy, so toFQDNs allows nothing', () => {
      const withoutDnsRule = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "to-fqdn"
spec:
  endpointSelector:
    matchLabels:
      app: test-app
  egress:
    - toEndpoints:
      - matchLabels:
          "k8s:io.kubernetes.pod.namespace": kube-system
          "k8s:k8s-app": kube-dns
    - toFQDNs:
        - matchName: "my-remote-service.com"
`);
      expect(judge(withoutDnsRule, testApp, remote, 443)).toEqual(egressDenied());
      expect(judge(withoutDnsRule, testApp, KUBE_DNS, 53, 'UDP')).toEqual(egressAllowed('spec.egress[0]'));
    });
  });

  describe('examples/policies/l7/dns/dns.yaml (language.rst "DNS Policy and IP Discovery")', () => {
    const alliance = pod('xwing', { org: 'alliance' });
    const objects = yamlObjects(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: "tofqdn-dns-visibility"
spec:
  endpointSelector:
    matchLabels:
      any:org: alliance
  egress:
  - toEndpoints:
    - matchLabels:
       "k8s:io.kubernetes.pod.namespace": kube-system
       "k8s:k8s-app": kube-dns
    toPorts:
      - ports:
         - port: "53"
           protocol: ANY
        rules:
          dns:
            - matchName: "cilium.io"
            - matchPattern: "*.cilium.io"
            - matchPattern: "*.api.cilium.io"

  - toFQDNs:
      - matchName: "cilium.io"
      - matchName: "sub.cilium.io"
      - matchName: "service1.api.cilium.io"
      - matchPattern: "special*service.api.cilium.io"
    toPorts:
      - ports:
         - port: "80"
           protocol: TCP
`);
    // "allows connections to any IPs returned in DNS queries for cilium.io, sub.cilium.io,
    // service1.api.cilium.io and any matches of special*service.api.cilium.io … but not
    // region1-service.api.cilium.io. DNS queries to anothersub.cilium.io are allowed but connections
    // to the returned IPs are not … restricting connections to TCP port 80".
    test.each<[string, number, boolean]>([
      ['cilium.io', 80, true],
      ['sub.cilium.io', 80, true],
      ['service1.api.cilium.io', 80, true],
      ['special-region1-service.api.cilium.io', 80, true],
      ['region1-service.api.cilium.io', 80, false],
      ['anothersub.cilium.io', 80, false],
      ['cilium.io', 443, false],
    ])('%s:%d allowed: %s', (hostname, port, allowed) => {
      expect(judge(objects, alliance, external('198.51.100.20', hostname), port)).toEqual(allowed ? egressAllowed('spec.egress[1]') : egressDenied());
    });
  });

  describe('the enforcement table of language.rst "Deny Policies" (client → server, curl on 80 and 81)', () => {
    const server = pod('server', { app: 'server' }, { node: 'node-b' });
    const client = pod('client', { app: 'client' });
    const allows = cnp('allow', {
      endpointSelector: { matchLabels: { app: 'server' } },
      ingress: [
        { toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } }] },
        tcp('80'),
        tcp('81'),
        { fromEndpoints: [{ matchLabels: { app: 'client' } }] },
      ],
    });
    const denyL4 = cnp('deny-l4', { endpointSelector: { matchLabels: { app: 'server' } }, ingressDeny: [tcp('80')] });
    const denyL3 = cnp('deny-l3', { endpointSelector: { matchLabels: { app: 'server' } }, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'client' } }] }] });
    test.each([
      ['allow policies only', [allows], true, true],
      ['allows + L4 deny on 80', [allows, denyL4], true, false],
      ['allows + L3 deny of the client', [allows, denyL3], false, false],
      ['allows + both denies', [allows, denyL4, denyL3], false, false],
      ['the L4 deny alone (it puts the pod in default deny)', [denyL4], false, false],
    ])('%s: 81 allowed %s, 80 allowed %s', (_name, objects, port81, port80) => {
      expect(judge(objects, client, server, 81).allowed).toBe(port81);
      expect(judge(objects, client, server, 80).allowed).toBe(port80);
    });
  });

  describe('examples/policies/kubernetes/namespace/*.yaml (kubernetes.rst "Namespaces")', () => {
    const leia = pod('leia', { name: 'leia' }, { namespace: 'ns1', node: 'node-b' });
    const lukeNs2 = pod('luke', { name: 'luke' }, { namespace: 'ns2' });
    const lukeNs1 = pod('luke', { name: 'luke' }, { namespace: 'ns1' });

    describe('namespace-policy.yaml (expose pods across namespaces)', () => {
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "k8s-expose-across-namespace"
  namespace: ns1
spec:
  endpointSelector:
    matchLabels:
      name: leia
  ingress:
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: ns2
        name: luke
`);
      table(objects, [
        ['luke of ns2', lukeNs2, leia, 80, ingressAllowed('spec.ingress[0]')],
        ['luke of ns1', lukeNs1, leia, 80, ingressDenied()],
      ]);
    });

    describe('kubedns-policy.yaml (created in namespace public)', () => {
      const inPublic = pod('app', { app: 'x' }, { namespace: 'public' });
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "allow-to-kubedns"
  namespace: public
spec:
  endpointSelector:
    {}
  egress:
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s-app: kube-dns
    toPorts:
    - ports:
      - port: '53'
        protocol: UDP
`);
      test.each<[string, Endpoint, Endpoint, number, 'TCP' | 'UDP', Judgement]>([
        ['kube-dns on 53/UDP', inPublic, KUBE_DNS, 53, 'UDP', egressAllowed('spec.egress[0]')],
        ['kube-dns on 53/TCP', inPublic, KUBE_DNS, 53, 'TCP', egressDenied()],
        ['the internet', inPublic, WORLD, 443, 'TCP', egressDenied()],
        ['a pod of another namespace is not selected', OTHER, WORLD, 443, 'TCP', egressAllowed()],
      ])('%s', (_name, from, to, port, protocol, expected) => {
        expect(judge(objects, from, to, port, protocol)).toEqual(expected);
      });
    });

    describe('namespace-labels-policy.yaml (io.cilium.k8s.namespace.labels in a CiliumNetworkPolicy)', () => {
      const rebelBase = pod('rebel-base', { name: 'rebel-base' }, { node: 'node-b' });
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "alliance-only"
spec:
  endpointSelector:
    matchLabels:
      name: rebel-base
  ingress:
  - fromEndpoints:
    - matchLabels:
        io.cilium.k8s.namespace.labels.faction: "alliance"
  egress:
  - toEndpoints:
    - matchLabels:
        io.cilium.k8s.namespace.labels.faction: "alliance"
`);
      test('a pod of an alliance namespace: allowed under the newer reading, flagged', () => {
        const verdict = verdictOf(objects, lukeNs1, rebelBase);
        expect(summary(verdict)).toEqual(ingressAllowed('spec.ingress[0]', true));
        expect(verdict.ambiguities).toEqual([NAMESPACE_LABELS_NOTE]);
        const back = verdictOf(objects, rebelBase, lukeNs1);
        expect(summary(back)).toEqual(egressAllowed('spec.egress[0]', true));
        expect(back.ambiguities).toEqual([NAMESPACE_LABELS_NOTE]);
      });
      test('a pod of an empire namespace: denied in every version', () => {
        expect(judge(objects, lukeNs2, rebelBase)).toEqual(ingressDenied());
      });
    });
  });

  describe('examples/policies/kubernetes/serviceaccount/serviceaccount-policy.yaml', () => {
    const leia = pod('leia', {}, { serviceAccount: 'leia', node: 'node-b' });
    const luke = pod('luke', {}, { serviceAccount: 'luke' });
    const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "k8s-svc-account"
spec:
  endpointSelector:
    matchLabels:
      io.cilium.k8s.policy.serviceaccount: leia
  ingress:
  - fromEndpoints:
    - matchLabels:
        io.cilium.k8s.policy.serviceaccount: luke
`);
    table(objects, [
      ['a pod of service account luke', luke, leia, 80, ingressAllowed('spec.ingress[0]')],
      ['a pod of the default service account', OTHER, leia, 80, ingressDenied()],
    ]);
  });

  describe('examples/policies/kubernetes/clusterwide/*.yaml (CiliumClusterwideNetworkPolicy)', () => {
    const leia = pod('leia', { name: 'leia' }, { namespace: 'ns1', node: 'node-b' });
    describe('clusterscope-policy.yaml', () => {
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: "clusterwide-policy-example"
spec:
  description: "Policy for selective ingress allow to a pod from only a pod with given label"
  endpointSelector:
    matchLabels:
      name: leia
  ingress:
  - fromEndpoints:
    - matchLabels:
        name: luke
`);
      table(objects, [
        ['luke of another namespace', pod('luke', { name: 'luke' }, { namespace: 'ns2' }), leia, 80, ingressAllowed('spec.ingress[0]')],
        ['luke of the same namespace', pod('luke', { name: 'luke' }, { namespace: 'ns1' }), leia, 80, ingressAllowed('spec.ingress[0]')],
        ['another pod', OTHER, leia, 80, ingressDenied()],
      ]);
    });

    describe('wildcard-from-endpoints.yaml ("from all Cilium managed endpoints")', () => {
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumClusterwideNetworkPolicy
description: "Policy for ingress allow to kube-dns from all Cilium managed endpoints in the cluster"
metadata:
  name: "wildcard-from-endpoints"
spec:
  endpointSelector:
    matchLabels:
      k8s:io.kubernetes.pod.namespace: kube-system
      k8s-app: kube-dns
  ingress:
  - fromEndpoints:
    - {}
    toPorts:
    - ports:
      - port: "53"
        protocol: UDP
`);
      test.each<[string, Endpoint, Judgement]>([
        ['a pod of any namespace', FRONTEND_NS1, ingressAllowed('spec.ingress[0]')],
        ['the internet: {} in a clusterwide policy means pods only', WORLD, ingressDenied()],
        ['a remote node', NODE_A, ingressDenied()],
      ])('%s', (_name, from, expected) => {
        expect(judge(objects, from, KUBE_DNS, 53, 'UDP')).toEqual(expected);
      });
    });
  });

  describe('examples/policies/l3/service/*.yaml (language.rst "Services based")', () => {
    const app2 = pod('app2', { id: 'app2' });
    test('service.yaml: the endpoints of default/myservice', () => {
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "service-rule"
spec:
  endpointSelector:
    matchLabels:
      id: app2
  egress:
  - toServices:
    - k8sService:
        serviceName: myservice
        namespace: default
`);
      expect(judge(objects, app2, external('192.0.2.50'), 5432)).toEqual(egressAllowed('spec.egress[0]'));
      expect(judge(objects, app2, external('192.0.2.51'), 5432)).toEqual(egressDenied());
    });

    test('service-labels.yaml: the endpoints of Services labelled head=none', () => {
      const objects = yamlObjects(`
apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "service-labels-rule"
spec:
  endpointSelector:
    matchLabels:
      id: app2
  egress:
  - toServices:
    - k8sServiceSelector:
        selector:
          matchLabels:
            head: none
`);
      expect(judge(objects, app2, external('192.0.2.60'), 5432)).toEqual(egressAllowed('spec.egress[0]'));
      expect(judge(objects, app2, external('192.0.2.50'), 5432)).toEqual(egressDenied());
    });
  });
});

describe('namespace scoping and label sources (pkg/k8s/apis/cilium.io/utils/utils.go, pkg/labels)', () => {
  const leia = pod('leia', { name: 'leia' }, { namespace: 'ns1', node: 'node-b' });
  const lukeNs1 = pod('luke', { name: 'luke' }, { namespace: 'ns1' });
  const lukeNs2 = pod('luke', { name: 'luke' }, { namespace: 'ns2' });
  const fromLeia = (peer: Record<string, unknown>) => [cnp('p', { endpointSelector: { matchLabels: { name: 'leia' } }, ingress: [{ fromEndpoints: [peer] }] }, 'ns1')];

  test.each<[string, Record<string, unknown>, boolean, boolean]>([
    ['no namespace key: the policy namespace only', { matchLabels: { name: 'luke' } }, true, false],
    ['k8s:io.kubernetes.pod.namespace', { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ns2', name: 'luke' } }, false, true],
    ['unprefixed io.kubernetes.pod.namespace (source any)', { matchLabels: { 'io.kubernetes.pod.namespace': 'ns2', name: 'luke' } }, false, true],
    ['namespace Exists in matchExpressions: every namespace', { matchLabels: { name: 'luke' }, matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] }, true, true],
    ['k8s: source on a pod label', { matchLabels: { 'k8s:name': 'luke' } }, true, false],
    ['any: source on a pod label', { matchLabels: { 'any:name': 'luke' } }, true, false],
    ['container: source never matches a Kubernetes label', { matchLabels: { 'container:name': 'luke' } }, false, false],
  ])('%s: luke of ns1 %s, luke of ns2 %s', (_name, peer, ns1, ns2) => {
    expect(judge(fromLeia(peer), lukeNs1, leia).allowed).toBe(ns1);
    expect(judge(fromLeia(peer), lukeNs2, leia).allowed).toBe(ns2);
  });

  test('a reserved: label in fromEndpoints is not namespace-scoped (remote-node)', () => {
    expect(judge(fromLeia({ matchLabels: { 'reserved:remote-node': '' } }), NODE_A, leia, 10250)).toEqual(ingressAllowed('spec.ingress[0]'));
    expect(judge(fromLeia({ matchLabels: { 'reserved:remote-node': '' } }), lukeNs1, leia)).toEqual(ingressDenied());
  });

  test('the endpointSelector of a CiliumNetworkPolicy cannot leave its namespace ("removing illegal namespace match")', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ns2' } }, ingress: [{ fromEntities: ['none'] }] }, 'ns1')];
    expect(judge(objects, OTHER, lukeNs2)).toEqual(ingressAllowed());
    expect(judge(objects, OTHER, lukeNs1)).toEqual(ingressDenied());
  });

  test('a CiliumNetworkPolicy without metadata.namespace lives in default', () => {
    const objects = [{ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p' }, spec: { endpointSelector: {}, ingress: [{ fromEntities: ['none'] }] } }];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressDenied());
    expect(judge(objects, OTHER, leia)).toEqual(ingressAllowed());
  });

  test('labels the default identity filter drops cannot be selected (pkg/labelsfilter/filter.go)', () => {
    const hashed = pod('web-7d4b9c-x2x', { app: 'web', 'pod-template-hash': '7d4b9c', 'statefulset.kubernetes.io/pod-name': 'web-0' }, { node: 'node-b' });
    const byHash = [cnp('p', { endpointSelector: { matchLabels: { 'pod-template-hash': '7d4b9c' } }, ingress: [{ fromEntities: ['none'] }] })];
    expect(judge(byHash, OTHER, hashed)).toEqual(ingressAllowed());
    const toStatefulPod = [cnp('p', { endpointSelector: { matchLabels: { role: 'other' } }, egress: [{ toEndpoints: [{ matchLabels: { 'statefulset.kubernetes.io/pod-name': 'web-0' } }] }] })];
    expect(judge(toStatefulPod, OTHER, hashed)).toEqual(egressDenied());
    const byApp = [cnp('p', { endpointSelector: { matchLabels: { role: 'other' } }, egress: [{ toEndpoints: [{ matchLabels: { app: 'web' } }] }] })];
    expect(judge(byApp, OTHER, hashed)).toEqual(egressAllowed('spec.egress[0]'));
  });

  test('a namespace label selects through io.cilium.k8s.namespace.labels in a clusterwide policy', () => {
    const objects = [ccnp('p', { endpointSelector: { matchLabels: { name: 'leia' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.faction': 'empire' } }] }] })];
    const verdict = verdictOf(objects, lukeNs2, leia);
    expect(summary(verdict)).toEqual(ingressAllowed('spec.ingress[0]'));
    expect(judge(objects, lukeNs1, leia)).toEqual(ingressDenied());
  });

  test('specs[] rules are reported by their path', () => {
    const objects = [
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'multi', namespace: 'default' },
        specs: [
          { endpointSelector: { matchLabels: { role: 'other' } }, ingress: [{ fromEntities: ['world'] }] },
          { endpointSelector: { matchLabels: { role: 'other' } }, egress: [{ toEntities: ['world'] }] },
        ],
      },
    ];
    expect(judge(objects, OTHER, WORLD, 443)).toEqual(egressAllowed('specs[1].egress[0]'));
  });
});

describe('empty rules, empty lists and `none` (rule.go mergeIngress vs parserules.go mergeEndpointSelectors)', () => {
  const isolate = (ingress: unknown[]) => [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress })];

  test('`ingress: [{}]` allows all, flagged as ambiguous', () => {
    const verdict = verdictOf(isolate([{}]), WORLD, BACKEND, 22);
    expect(summary(verdict)).toEqual(ingressAllowed('spec.ingress[0]', true));
    expect(verdict.ambiguities).toEqual([EMPTY_RULE_NOTE]);
  });

  test('a null rule item decodes to `{}`', () => {
    expect(judge(isolate([null]), WORLD, BACKEND, 22)).toEqual(ingressAllowed('spec.ingress[0]', true));
  });

  test('an unambiguous allow wins over an ambiguous one: no ambiguity reported', () => {
    const verdict = verdictOf(isolate([{}, { fromEndpoints: [{ matchLabels: { role: 'frontend' } }] }]), FRONTEND, BACKEND);
    expect(summary(verdict)).toEqual(ingressAllowed('spec.ingress[1]'));
  });

  test.each<[string, unknown, Judgement]>([
    ['`fromEntities: [none]` selects nothing', { fromEntities: ['none'] }, ingressDenied()],
    ['`fromEntities: []` selects nothing', { fromEntities: [] }, ingressDenied()],
    ['`fromEndpoints: []` selects nothing', { fromEndpoints: [] }, ingressDenied()],
    ['`fromCIDR: []` selects nothing', { fromCIDR: [] }, ingressDenied()],
    ['an unknown entity selects nothing', { fromEntities: ['everything'] }, ingressDenied()],
    ['`toPorts` with an empty PortRule allows nothing', { toPorts: [{}] }, ingressDenied()],
    ['`icmps` only never matches TCP', { icmps: [{ fields: [{ type: 8 }] }] }, ingressDenied()],
  ])('%s', (_name, rule, expected) => {
    expect(judge(isolate([rule]), WORLD, BACKEND, 80)).toEqual(expected);
    expect(judge(isolate([rule]), FRONTEND, BACKEND, 80)).toEqual(expected);
  });

  test('an empty list with toPorts: older versions read an L3 wildcard (flagged)', () => {
    const verdict = verdictOf(isolate([{ fromEntities: [], ...tcp('80') }]), WORLD, BACKEND, 80);
    expect(summary(verdict)).toEqual(ingressAllowed('spec.ingress[0]', true));
    expect(verdict.ambiguities).toEqual([EMPTY_LIST_NOTE]);
    expect(judge(isolate([{ fromEntities: [], ...tcp('80') }]), WORLD, BACKEND, 81)).toEqual(ingressDenied());
  });

  test('`ingressDeny: [{}]` is read narrowly (no deny), flagged when the flow is allowed', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ fromEntities: ['all'] }], ingressDeny: [{}] })];
    const verdict = verdictOf(objects, FRONTEND, BACKEND);
    expect(summary(verdict)).toEqual(ingressAllowed('spec.ingress[0]', true));
    expect(verdict.ambiguities).toEqual([EMPTY_RULE_NOTE]);
  });
});

describe('default deny and enableDefaultDeny (pkg/policy/repository.go computePolicyEnforcementAndRules)', () => {
  const allowFrontend = (extra: Record<string, unknown> = {}) =>
    cnp('allow-frontend', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ fromEndpoints: [{ matchLabels: { role: 'frontend' } }] }], ...extra });

  test('enableDefaultDeny.ingress: false on the only policy: nothing is isolated, the rule still allows', () => {
    const objects = [allowFrontend({ enableDefaultDeny: { ingress: false } })];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressAllowed());
    expect(verdictOf(objects, OTHER, BACKEND).ingress.reason).toMatch(/enableDefaultDeny: false/);
  });

  test('one selecting policy with default deny is enough ("enabled if any policy requests it")', () => {
    const objects = [allowFrontend({ enableDefaultDeny: { ingress: false } }), cnp('plain', { endpointSelector: {}, ingress: [{ fromEntities: ['world'] }] })];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressDenied());
    expect(judge(objects, FRONTEND, BACKEND)).toEqual(ingressAllowed('spec.ingress[0]'));
  });

  test('enableDefaultDeny on a direction without rules does nothing', () => {
    const objects = [allowFrontend({ enableDefaultDeny: { egress: true } })];
    expect(judge(objects, BACKEND, WORLD, 443)).toEqual(egressAllowed());
  });

  test('deny rules still deny when default deny is off', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, enableDefaultDeny: { ingress: false }, ingressDeny: [{ fromEntities: ['world'] }] })];
    expect(judge(objects, WORLD, BACKEND)).toEqual(ingressDenied('spec.ingressDeny[0]'));
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressAllowed());
  });

  test('a deny-only policy isolates the pod ("Pods will enter default-deny mode as soon a single policy selects it")', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingressDeny: [{ fromEntities: ['world'] }] })];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressDenied());
  });
});

describe('Kubernetes NetworkPolicy as Cilium converts it (pkg/k8s/network_policy.go)', () => {
  const denyAll = networkPolicy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

  test('NP default deny + CNP allow: a union, each allowing what it allows', () => {
    const objects = [denyAll, cnp('allow', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ fromEndpoints: [{ matchLabels: { role: 'frontend' } }] }] })];
    // frontend's egress is isolated by the NP and nothing allows it.
    expect(judge(objects, FRONTEND, BACKEND)).toEqual({ allowed: false, egress: false, ingress: true, ingressRule: 'spec.ingress[0]', ambiguous: false });
    expect(judge(objects, OTHER, BACKEND).ingress).toBe(false);
    expect(judge(objects, BACKEND, WORLD, 443)).toEqual(egressDenied());
    // The NP's local-node exception is Cilium's allow-localhost.
    expect(judge(objects, NODE_B, BACKEND, 10250)).toEqual(ingressAllowed());
  });

  test('a CNP deny overrides an NP allow', () => {
    const objects = [
      networkPolicy('allow-all-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
      cnp('deny-world', { endpointSelector: {}, egressDeny: [{ toEntities: ['world'] }] }),
    ];
    expect(judge(objects, OTHER, WORLD, 443)).toEqual(egressDenied('spec.egressDeny[0]'));
    expect(judge(objects, OTHER, BACKEND)).toEqual(egressAllowed('spec.egress[0]'));
  });

  test.each<[string, Record<string, unknown>, Endpoint, boolean]>([
    ['`from` omitted: every identity, the internet too', {}, WORLD, true],
    ['ipBlock: an external IP', { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] } }] }, external('10.1.2.3'), true],
    ['ipBlock except', { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] } }] }, external('10.96.0.1'), false],
    ['ipBlock never matches a pod', { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }, OTHER, false],
    ['ipBlock never matches a node', { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }, NODE_D, false],
    ['ipBlock matches a managed apiserver', { from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }, APISERVER_MANAGED, true],
    ['ipBlock does not match an in-cluster apiserver', { from: [{ ipBlock: { cidr: '172.18.0.0/16' } }] }, APISERVER_IN_CLUSTER, false],
    ['namespaceSelector {}: pods of every namespace', { from: [{ namespaceSelector: {} }] }, FRONTEND_NS1, true],
    ['namespaceSelector {}: not the internet', { from: [{ namespaceSelector: {} }] }, WORLD, false],
    ['namespaceSelector by label', { from: [{ namespaceSelector: { matchLabels: { team: 'observability' } } }] }, pod('prom', {}, { namespace: 'monitoring' }), true],
    ['namespaceSelector AND podSelector', { from: [{ namespaceSelector: { matchLabels: { faction: 'alliance' } }, podSelector: { matchLabels: { role: 'other' } } }] }, FRONTEND_NS1, false],
    ['podSelector: the policy namespace only', { from: [{ podSelector: { matchLabels: { role: 'frontend' } } }] }, FRONTEND_NS1, false],
    ['podSelector in the namespace', { from: [{ podSelector: { matchLabels: { role: 'frontend' } } }] }, FRONTEND, true],
  ])('%s', (_name, rule, from, allowed) => {
    const objects = [networkPolicy('np', { podSelector: { matchLabels: { role: 'backend' } }, ingress: [{ ...rule, ports: [{ port: 8080 }] }] })];
    expect(judge(objects, from, BACKEND, 8080)).toEqual(allowed ? ingressAllowed('spec.ingress[0]') : ingressDenied());
    expect(judge(objects, from, BACKEND, 8081).ingress).toBe(false);
  });

  test('NP ports: protocol defaults to TCP, named ports, endPort, a port-less entry means all ports', () => {
    const np = (ports: unknown[]) => [networkPolicy('np', { podSelector: { matchLabels: { role: 'backend' } }, ingress: [{ ports }] })];
    expect(judge(np([{ port: 8080 }]), OTHER, BACKEND, 8080, 'UDP').ingress).toBe(false);
    expect(judge(np([{ port: 'http' }]), OTHER, BACKEND, 8080).ingress).toBe(true);
    expect(judge(np([{ port: 8000, endPort: 8100 }]), OTHER, BACKEND, 8080).ingress).toBe(true);
    expect(judge(np([{ protocol: 'UDP' }]), OTHER, BACKEND, 9999, 'UDP').ingress).toBe(true);
    expect(judge(np([{ protocol: 'UDP' }]), OTHER, BACKEND, 9999, 'TCP').ingress).toBe(false);
  });

  test('policyTypes [Egress] with ingress rules: Cilium adds the ingress rules anyway and isolates ingress', () => {
    const objects = [networkPolicy('np', { podSelector: { matchLabels: { role: 'backend' } }, policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }] }] })];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressDenied());
    expect(judge(objects, FRONTEND, BACKEND)).toEqual(ingressAllowed('spec.ingress[0]'));
    // No egress rule and policyTypes has Egress: default-deny egress.
    expect(judge(objects, BACKEND, WORLD, 443)).toEqual(egressDenied());
  });

  test('policyTypes omitted without rules: ingress default deny only', () => {
    const objects = [networkPolicy('np', { podSelector: {} })];
    expect(judge(objects, OTHER, BACKEND)).toEqual({ allowed: false, egress: true, ingress: false, ambiguous: false });
  });
});

describe('CIDR selectors, entities and the kube-apiserver', () => {
  const client = pod('client', { app: 'client' });
  const egressTo = (rule: Record<string, unknown>) => [cnp('p', { endpointSelector: { matchLabels: { app: 'client' } }, egress: [rule] })];

  test.each<[string, Record<string, unknown>, Endpoint, boolean, boolean]>([
    ['toCIDR of an in-cluster apiserver IP: not a CIDR identity', { toCIDR: ['172.18.0.4/32'] }, APISERVER_IN_CLUSTER, false, false],
    ['toCIDR of a managed apiserver IP: a CIDR identity', { toCIDR: ['203.0.113.10/32'] }, APISERVER_MANAGED, true, false],
    ['toCIDR 0.0.0.0/0: the internet', { toCIDR: ['0.0.0.0/0'] }, WORLD, true, false],
    ['toCIDR 0.0.0.0/0: not a pod', { toCIDR: ['0.0.0.0/0'] }, BACKEND, false, false],
    ['toCIDR 0.0.0.0/0: not a node', { toCIDR: ['0.0.0.0/0'] }, NODE_B, false, false],
    ['toCIDR with host bits (Go ParseCIDR masks them)', { toCIDR: ['20.1.1.7/24'] }, WORLD, true, false],
    ['toEntities world: a managed apiserver', { toEntities: ['world'] }, APISERVER_MANAGED, true, false],
    ['toEntities world: not an in-cluster apiserver', { toEntities: ['world'] }, APISERVER_IN_CLUSTER, false, false],
    ['toEntities remote-node: an in-cluster apiserver on another node', { toEntities: ['remote-node'] }, APISERVER_IN_CLUSTER, true, false],
    ['toEntities remote-node: not a managed apiserver', { toEntities: ['remote-node'] }, APISERVER_MANAGED, false, false],
    ['toEntities cluster: an in-cluster apiserver', { toEntities: ['cluster'] }, APISERVER_IN_CLUSTER, true, false],
    ['toEntities cluster: a pod of another namespace', { toEntities: ['cluster'] }, KUBE_DNS, true, false],
    ['toEntities cluster: not the internet', { toEntities: ['cluster'] }, WORLD, false, false],
    ['toEntities cluster: a managed apiserver, version-dependent', { toEntities: ['cluster'] }, APISERVER_MANAGED, true, true],
    ['toEntities all: the internet', { toEntities: ['all'] }, WORLD, true, false],
    ['toEntities health: nothing in the model', { toEntities: ['health'] }, NODE_B, false, false],
  ])('%s', (_name, rule, to, allowed, ambiguous) => {
    const verdict = verdictOf(egressTo(rule), client, to, 443);
    expect(summary(verdict)).toEqual(allowed ? egressAllowed('spec.egress[0]', ambiguous) : egressDenied());
    if (ambiguous) expect(verdict.ambiguities).toEqual([CLUSTER_APISERVER_NOTE]);
  });

  test('cidrGroupRef resolves a CiliumCIDRGroup in the objects; an unknown group matches nothing', () => {
    const group = { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumCIDRGroup', metadata: { name: 'partners', labels: { tier: 'partner' } }, spec: { externalCIDRs: ['198.51.100.0/24'] } };
    expect(judge([...egressTo({ toCIDRSet: [{ cidrGroupRef: 'partners' }] }), group], client, external('198.51.100.9'), 443)).toEqual(egressAllowed('spec.egress[0]'));
    expect(judge([...egressTo({ toCIDRSet: [{ cidrGroupSelector: { matchLabels: { tier: 'partner' } } }] }), group], client, external('198.51.100.9'), 443)).toEqual(egressAllowed('spec.egress[0]'));
    expect(judge(egressTo({ toCIDRSet: [{ cidrGroupRef: 'partners' }] }), client, external('198.51.100.9'), 443)).toEqual(egressDenied());
  });

  test('fromNodes/toNodes: node labels are not in identities unless --enable-node-selector-labels', () => {
    expect(judge(egressTo({ toNodes: [{}] }), client, NODE_B, 10250)).toEqual(egressAllowed('spec.egress[0]'));
    expect(judge(egressTo({ toNodes: [{}] }), client, NODE_A, 10250)).toEqual(egressDenied());
    expect(judge(egressTo({ toNodes: [{ matchLabels: { 'node-role.kubernetes.io/control-plane': '' } }] }), client, NODE_C, 10250)).toEqual(egressDenied());
  });

  test('toGroups and unresolvable toServices match nothing', () => {
    expect(judge(egressTo({ toGroups: [{ aws: { securityGroupsIds: ['sg-1'] } }] }), client, WORLD, 443)).toEqual(egressDenied());
    expect(judge(egressTo({ toServices: [{ k8sService: { serviceName: 'nope', namespace: 'default' } }] }), client, WORLD, 443)).toEqual(egressDenied());
  });

  test('toServices to a selector-less Service whose endpoint is a node: a CIDR rule, which does not match nodes', () => {
    expect(judge(egressTo({ toServices: [{ k8sService: { serviceName: 'kubernetes', namespace: 'default' } }] }), client, APISERVER_IN_CLUSTER, 6443)).toEqual(egressDenied());
  });

  test('toServices to a pod backend: newer versions only (flagged)', () => {
    const cluster = { namespaces: [{ name: 'default', labels: {} }], services: [{ namespace: 'default', name: 'web', endpoints: [BACKEND] }] };
    const verdict = evaluateCilium(egressTo({ toServices: [{ k8sService: { serviceName: 'web', namespace: 'default' } }] }), cluster, { from: client, to: BACKEND, port: 80, protocol: 'TCP' });
    expect(summary(verdict)).toEqual(egressAllowed('spec.egress[0]', true));
    expect(verdict.ambiguities).toEqual([SERVICE_POD_NOTE]);
  });
});

describe('traffic from the local host (--allow-localhost=always, daemon/cmd/daemon.go)', () => {
  const isolated = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ fromEntities: ['none'] }] })];

  test.each<[string, Endpoint, Judgement]>([
    ["the pod's own node (kubelet probes)", NODE_B, ingressAllowed()],
    ["an apiserver on the pod's own node has the host identity", APISERVER_ON_NODE_B, ingressAllowed()],
    ['another node', NODE_A, ingressDenied()],
    ['an apiserver on another node', APISERVER_IN_CLUSTER, ingressDenied()],
  ])('%s', (_name, from, expected) => {
    expect(judge(isolated, from, BACKEND, 8080)).toEqual(expected);
  });

  test('a deny of the host: released versions deny, some newer builds do not; the wider reading is taken and flagged', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingressDeny: [{ fromEntities: ['host', 'remote-node'] }] })];
    const verdict = verdictOf(objects, NODE_B, BACKEND, 8080);
    expect(summary(verdict)).toEqual(ingressAllowed(undefined, true));
    expect(verdict.ambiguities).toEqual([LOCALHOST_DENY_NOTE]);
    expect(judge(objects, NODE_A, BACKEND, 8080)).toEqual(ingressDenied('spec.ingressDeny[0]'));
  });

  test('egress to the own node is not special', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, egress: [{ toEntities: ['none'] }] })];
    expect(judge(objects, BACKEND, NODE_B, 10250)).toEqual(egressDenied());
  });
});

describe('ports (pkg/policy/api/l4.go)', () => {
  const client = pod('client', { app: 'client' }, { namedPorts: { metrics: 9090 } });
  const ingressOn = (ports: unknown[]) => [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ toPorts: [{ ports }] }] })];
  const egressOn = (ports: unknown[]) => [cnp('p', { endpointSelector: { matchLabels: { app: 'client' } }, egress: [{ toPorts: [{ ports }] }] })];

  test('a named port resolves on the destination pod (ingress: the policed pod)', () => {
    expect(judge(ingressOn([{ port: 'http', protocol: 'TCP' }]), OTHER, BACKEND, 8080)).toEqual(ingressAllowed('spec.ingress[0]'));
    expect(judge(ingressOn([{ port: 'http', protocol: 'TCP' }]), OTHER, BACKEND, 80)).toEqual(ingressDenied());
  });

  test('a named port resolves on the destination pod (egress: the peer); non-pods have none', () => {
    expect(judge(egressOn([{ port: 'http' }]), client, BACKEND, 8080)).toEqual(egressAllowed('spec.egress[0]'));
    expect(judge(egressOn([{ port: 'metrics' }]), client, BACKEND, 9090)).toEqual(egressDenied());
    expect(judge(egressOn([{ port: 'http' }]), client, WORLD, 8080)).toEqual(egressDenied());
  });

  test('protocol ANY (or none) covers TCP and UDP; SCTP only in newer versions (flagged)', () => {
    expect(judge(egressOn([{ port: '53', protocol: 'ANY' }]), client, WORLD, 53, 'UDP')).toEqual(egressAllowed('spec.egress[0]'));
    expect(judge(egressOn([{ port: '53' }]), client, WORLD, 53, 'TCP')).toEqual(egressAllowed('spec.egress[0]'));
    const sctp = verdictOf(egressOn([{ port: '3868', protocol: 'ANY' }]), client, WORLD, 3868, 'SCTP');
    expect(summary(sctp)).toEqual(egressAllowed('spec.egress[0]', true));
    expect(sctp.ambiguities).toEqual([ANY_SCTP_NOTE]);
    expect(judge(egressOn([{ port: '3868', protocol: 'SCTP' }]), client, WORLD, 3868, 'SCTP')).toEqual(egressAllowed('spec.egress[0]'));
  });

  test('port "0" is every port of the protocol', () => {
    expect(judge(egressOn([{ port: '0', protocol: 'UDP' }]), client, WORLD, 5353, 'UDP')).toEqual(egressAllowed('spec.egress[0]'));
    expect(judge(egressOn([{ port: '0', protocol: 'UDP' }]), client, WORLD, 5353, 'TCP')).toEqual(egressDenied());
  });

  test('L7 rules do not change the L3/L4 verdict', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/public' }] } }] }] })];
    expect(judge(objects, OTHER, BACKEND, 80)).toEqual(ingressAllowed('spec.ingress[0]'));
  });
});

describe('toFQDNs edge cases (pkg/fqdn/matchpattern/matchpattern.go)', () => {
  const client = pod('client', { app: 'client' });
  const fqdnPolicy = (pattern: string, dns: unknown[] = [{ matchPattern: '*' }]) => [
    cnp('p', {
      endpointSelector: { matchLabels: { app: 'client' } },
      egress: [
        { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns } }] },
        { toFQDNs: [{ matchPattern: pattern }] },
      ],
    }),
  ];

  test.each<[string, string, boolean, boolean]>([
    ['*.example.com', 'a.example.com', true, false],
    ['*.example.com', 'example.com', false, false],
    ['*.example.com', 'a.b.example.com', false, false],
    ['*.EXAMPLE.com', 'A.example.COM.', true, false],
    ['**.example.com', 'a.example.com', true, false],
    ['**.example.com', 'a.b.example.com', true, true],
    ['**.example.com', 'example.com', false, false],
    ['*', 'anything.example.org', true, false],
  ])('matchPattern %s vs %s: allowed %s (ambiguous %s)', (pattern, hostname, allowed, ambiguous) => {
    const verdict = verdictOf(fqdnPolicy(pattern), client, external('198.51.100.1', hostname), 443);
    expect(summary(verdict)).toEqual(allowed ? egressAllowed('spec.egress[1]', ambiguous) : egressDenied());
    if (ambiguous) expect(verdict.ambiguities).toEqual([PATTERN_NOTE]);
  });

  test('a DNS rule that refuses the name leaves the proxy without its IPs', () => {
    expect(judge(fqdnPolicy('*.example.com', [{ matchName: 'other.org' }]), client, external('198.51.100.1', 'a.example.com'), 443)).toEqual(egressDenied());
  });

  test('toFQDNs never selects in-cluster endpoints', () => {
    expect(judge(fqdnPolicy('*'), client, BACKEND, 80)).toEqual(egressDenied());
  });
});

describe('what is not policed or not enforced by Cilium', () => {
  test('flows between non-pod endpoints are allowed in both directions', () => {
    const objects = [ccnp('all', { endpointSelector: {}, ingress: [{ fromEntities: ['none'] }], egress: [{ toEntities: ['none'] }] })];
    expect(judge(objects, NODE_A, NODE_B, 10250)).toEqual({ allowed: true, egress: true, ingress: true, ambiguous: false });
    expect(judge(objects, WORLD, APISERVER_MANAGED, 443)).toEqual({ allowed: true, egress: true, ingress: true, ambiguous: false });
  });

  test('other kinds (Calico, ClusterNetworkPolicy, v1alpha CNP) and host policies (nodeSelector) are ignored', () => {
    const objects = [
      { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'default' }, spec: { selector: 'all()', types: ['Ingress'] } },
      { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'x' }, spec: {} },
      { apiVersion: 'cilium.io/v1alpha1', kind: 'CiliumNetworkPolicy', metadata: { name: 'x', namespace: 'default' }, spec: { endpointSelector: {}, ingress: [{ fromEntities: ['none'] }] } },
      ccnp('host', { nodeSelector: {}, ingress: [{ fromEntities: ['none'] }] }),
    ];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressAllowed());
  });

  test('a malformed selector selects nothing: it never widens', () => {
    const objects = [cnp('p', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'role', operator: 'Like' }] }] }] })];
    expect(judge(objects, OTHER, BACKEND)).toEqual(ingressDenied());
  });

  test('the verdict explains a default deny', () => {
    const objects = [cnp('isolate', { endpointSelector: { matchLabels: { role: 'backend' } }, ingress: [{ fromEntities: ['none'] }] })];
    expect(verdictOf(objects, OTHER, BACKEND).ingress.reason).toBe('default deny: default/backend is isolated for ingress by CiliumNetworkPolicy default/isolate; no rule allows it');
  });
});
