import type { KubeObject, ObjectRef } from '../k8s/kube-object.js';

/**
 * The traffic evaluator's vocabulary: a small model of a cluster, a flow through it, and the verdict of
 * one engine on that flow given a set of policy objects. Flows are judged after Service translation:
 * `to` is the endpoint that really receives the packet (an apiserver endpoint on 6443, not 10.96.0.1:443).
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Namespace {
  name: string;
  /** `kubernetes.io/metadata.name` is added by the evaluator, as the API server does. */
  labels: Readonly<Record<string, string>>;
}

/** A pod with its own network namespace (host-network pods are `node` endpoints). */
export interface PodEndpoint {
  kind: 'pod';
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  ip: string;
  /** Name of the node it runs on: the kubelet of that node is its "local node". */
  node: string;
  /** Named container ports, for rules that name a port instead of a number. */
  namedPorts?: Readonly<Record<string, number>>;
  serviceAccount?: string;
}

/** A node: its kubelet and everything host-network on it. */
export interface NodeEndpoint {
  kind: 'node';
  name: string;
  ip: string;
  labels?: Readonly<Record<string, string>>;
}

/**
 * The kube-apiserver, not a pod: on a node of the cluster (kubeadm, k3s, kubespray: `node` is set) or
 * outside it (managed control planes: EKS, GKE, AKS).
 */
export interface ApiserverEndpoint {
  kind: 'apiserver';
  ip: string;
  node?: string;
}

/** Anything outside the cluster; `hostname` is the DNS name it was resolved from, if any. */
export interface ExternalEndpoint {
  kind: 'external';
  ip: string;
  hostname?: string;
}

export type Endpoint = PodEndpoint | NodeEndpoint | ApiserverEndpoint | ExternalEndpoint;

/** A port the endpoints of a Service serve (its targetPort, after translation); protocol defaults to TCP. */
export interface ServicePort {
  port: number;
  protocol?: Protocol;
}

/** A Service and the endpoints behind it, for rules that name Services (Calico `services`, Cilium `toServices`). */
export interface Service {
  namespace: string;
  name: string;
  labels?: Readonly<Record<string, string>>;
  endpoints: readonly Endpoint[];
  /** The ports its endpoints serve (EndpointSlice ports); omitted: every port. */
  ports?: readonly ServicePort[];
}

export interface Cluster {
  namespaces: readonly Namespace[];
  services?: readonly Service[];
  /** The nodes and their labels, for rules that select nodes by label (the apiserver on a node is reached through its node). */
  nodes?: readonly NodeEndpoint[];
}

export interface Flow {
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol: Protocol;
}

/** A rule of a policy object: the object and the rule's field path (`spec.ingress[2]`). */
export interface RuleRef {
  object: ObjectRef;
  path: string;
}

/** The verdict of one direction: egress at the source, or ingress at the destination. */
export interface DirectionVerdict {
  allowed: boolean;
  /** The rule that decided, when one did (an allow, or an explicit deny). */
  rule?: RuleRef;
  /** Why, in words: "no policy selects the pod for egress", "default deny: no rule matches" … */
  reason: string;
}

export interface Verdict {
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /**
   * Constructs that versions of the engine read differently (a Cilium empty rule). The verdict took the
   * most permissive reading, so a test asserting "denied" can never pass on the lucky version.
   */
  ambiguities: string[];
}

/** One engine: is `flow` allowed by the `objects` it enforces (it ignores every other kind)? */
export type Evaluator = (objects: readonly KubeObject[], cluster: Cluster, flow: Flow) => Verdict;
