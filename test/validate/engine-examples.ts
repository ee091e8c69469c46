import { parse } from 'yaml';

/**
 * Correct manifests of each engine, written by hand against the engine's API (its upstream source is
 * cited in its dialect folder, its schema is vendored in schemas/): every one of them must validate
 * without a violation.
 */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

const object = (yaml: string): RenderedObject => parse(yaml) as RenderedObject;

/** An allowlist in the Baseline tier, priority 100 (network-policy-api v1alpha2). */
export const clusterNetworkPolicyAllowlist = (): RenderedObject =>
  object(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: ctrl-system-my-controller-allow
spec:
  tier: Baseline
  priority: 100            # lower number = evaluated first; must be 0..1000
  subject:
    pods:
      namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ctrl-system
      podSelector:
        matchLabels:
          app.kubernetes.io/name: my-controller
          control-plane: controller-manager
  ingress:
  - name: allow-webhook-gate-from-pods
    action: Accept
    from:                   # required, 1..25 peers; only namespaces|pods peers exist for ingress
    - namespaces: {}
    protocols:
    - tcp:
        destinationPort:
          number: 9443
    - tcp:
        destinationPort:
          number: 8082
  - name: allow-metrics-from-monitoring
    action: Accept
    from:
    - namespaces:
        matchLabels:
          kubernetes.io/metadata.name: monitoring
    protocols:
    - tcp:
        destinationPort:
          number: 8080
  egress:
  - name: allow-dns
    action: Accept
    to:
    - pods:
        namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: kube-system
        podSelector:
          matchLabels:
            k8s-app: kube-dns
    protocols:
    - udp:
        destinationPort:
          number: 53
    - tcp:
        destinationPort:
          number: 53
  - name: allow-apiserver
    action: Accept
    to:
    - networks:
      - 10.0.0.10/32
      - 10.96.0.1/32
    protocols:
    - tcp:
        destinationPort:
          number: 6443
    - tcp:
        destinationPort:
          number: 443
`);

/** The subordinate namespace default-deny, Baseline tier, priority 1000. */
export const clusterNetworkPolicyDefaultDeny = (): RenderedObject =>
  object(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: ctrl-system-default-deny
spec:
  tier: Baseline
  priority: 1000           # the MAXIMUM; larger number = lower precedence than the allowlist (100)
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: ctrl-system
  ingress:
  - name: default-deny-ingress
    action: Deny
    from:
    - namespaces: {}
  egress:
  - name: default-deny-egress
    action: Deny
    to:
    - networks:
      - 0.0.0.0/0
      - ::/0
`);

/** A CiliumNetworkPolicy allowlist (cilium.io/v2). */
export const ciliumAllowlist = (): RenderedObject =>
  object(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: my-controller-allow
  namespace: ctrl-system
spec:
  endpointSelector:
    matchLabels:
      app.kubernetes.io/name: my-controller
      control-plane: controller-manager
  ingress:
  # toPorts only (no from*) => L3 wildcard: any identity incl. world/host/remote-node/kube-apiserver
  - toPorts:
    - ports:
      - port: "9443"
        protocol: TCP
      - port: "8082"
        protocol: TCP
  # metrics from one namespace; namespace given by the special pod label (CNP would otherwise
  # implicitly restrict fromEndpoints to the policy's own namespace)
  - fromEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: monitoring
    toPorts:
    - ports:
      - port: "8080"
        protocol: TCP
  egress:
  # DNS to kube-dns WITH the L7 DNS rule so the DNS proxy learns names for toFQDNs
  - toEndpoints:
    - matchLabels:
        k8s:io.kubernetes.pod.namespace: kube-system
        k8s:k8s-app: kube-dns
    toPorts:
    - ports:
      - port: "53"
        protocol: ANY
      rules:
        dns:
        - matchPattern: "*"
  # apiserver: prefer the entity; toCIDR does not match in-cluster nodes by default
  - toEntities:
    - kube-apiserver
    toPorts:
    - ports:
      - port: "6443"
        protocol: TCP
      - port: "443"
        protocol: TCP
  # other peer by CIDR (separate rule: from*/to* L3 selectors are mutually exclusive per rule)
  - toCIDRSet:
    - cidr: 192.0.2.0/24
      except:
      - 192.0.2.128/25
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
  # FQDN peer (needs the DNS rule above)
  - toFQDNs:
    - matchName: api.example.com
    - matchPattern: "*.example.org"
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
`);

/** Cilium's subordinate namespace default-deny. */
export const ciliumDefaultDeny = (): RenderedObject =>
  object(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: default-deny
  namespace: ctrl-system
spec:
  description: "Namespace default-deny; allows nothing, only puts endpoints into default-deny. Never use ingressDeny/egressDeny here."
  endpointSelector: {}
  ingress:
  - {}
  egress:
  - {}
`);

/** A Calico projectcalico.org/v3 allowlist. */
export const calicoAllowlist = (): RenderedObject =>
  object(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: my-controller-allow
  namespace: ctrl-system
spec:
  tier: default
  order: 100
  selector: app.kubernetes.io/name == 'my-controller' && control-plane == 'controller-manager'
  types:
  - Ingress
  - Egress
  ingress:
  # no source => any source
  - action: Allow
    protocol: TCP
    destination:
      ports:
      - 9443
      - 8082
  - action: Allow
    protocol: TCP
    source:
      namespaceSelector: kubernetes.io/metadata.name == 'monitoring'
    destination:
      ports:
      - 8080
  egress:
  - action: Allow
    protocol: UDP
    destination:
      namespaceSelector: kubernetes.io/metadata.name == 'kube-system'
      selector: k8s-app == 'kube-dns'
      ports:
      - 53
  - action: Allow
    protocol: TCP
    destination:
      namespaceSelector: kubernetes.io/metadata.name == 'kube-system'
      selector: k8s-app == 'kube-dns'
      ports:
      - 53
  - action: Allow
    protocol: TCP
    destination:
      nets:
      - 10.0.0.10/32
      - 10.96.0.1/32
      ports:
      - 6443
      - 443
`);

/** Calico's subordinate namespace default-deny. */
export const calicoDefaultDeny = (): RenderedObject =>
  object(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ctrl-system
spec:
  tier: default
  # No rules: the policy only *selects* every pod, so unmatched traffic hits the tier's
  # end-of-tier Deny AFTER all policies of the tier (incl. k8s NetworkPolicies at order 1000)
  # were evaluated. order is then irrelevant; keep it high anyway.
  order: 2000
  selector: all()
  types:
  - Ingress
  - Egress
`);

/** The namespace default-deny of networking.k8s.io/v1. */
export const kubernetesDefaultDeny = (): RenderedObject =>
  object(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ctrl-system
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`);

/** A networking.k8s.io/v1 allowlist. */
export const kubernetesAllowlist = (): RenderedObject =>
  object(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: my-controller-allow
  namespace: ctrl-system
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: my-controller
      control-plane: controller-manager
  policyTypes:
  - Ingress
  - Egress
  ingress:
  # no \`from\` => any source (apiserver may come from node/host-network/external IPs)
  - ports:
    - protocol: TCP
      port: 9443        # webhook
    - protocol: TCP
      port: 8082        # gate
  # metrics only from the monitoring namespace (drop \`from\` to allow all)
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: monitoring
    ports:
    - protocol: TCP
      port: 8080
  egress:
  # DNS: ONE peer with namespaceSelector AND podSelector (AND semantics)
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
  # apiserver by CIDR: use the ENDPOINT IPs + 6443 (post-DNAT), optionally also the ClusterIP + 443
  - to:
    - ipBlock:
        cidr: 10.0.0.10/32
    - ipBlock:
        cidr: 10.96.0.1/32
    ports:
    - protocol: TCP
      port: 6443
    - protocol: TCP
      port: 443
`);
