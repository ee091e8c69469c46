import type { ObjectRef } from '../k8s/kube-object.js';
import type { Problem } from '../krm/result.js';

/** Where a derived rule lets the controller connect, in no engine's vocabulary. */
export type EgressPeer =
  /** All pods of a namespace (an in-cluster Service's), or those with these labels where they are known (Flux). */
  | { kind: 'pods'; namespace: string; labels?: Record<string, string> }
  | { kind: 'cidr'; cidr: string }
  /** One DNS name. */
  | { kind: 'fqdn'; name: string }
  /** A host glob with the controller's path.Match reading: `*` matches any run of characters, dots included (see GlobEndpoint). */
  | { kind: 'fqdn'; pattern: string };

export interface EgressPort {
  protocol: 'TCP';
  port: number;
}

/** One flow the configuration implies: the peer and ports, where it came from, and what it is for. */
export interface EgressTarget {
  /** The values path (`controller.tracing.endpoint`) or the item and field (`StageSet team-a/app spec.kubeConfig.configMapRef`). */
  origin: string;
  /** A short description for people: `the OTLP collector otel-collector.observability.svc:4317`. */
  what: string;
  to: EgressPeer;
  /** Ascending, no duplicates. */
  ports: EgressPort[];
  /** The origins of identical targets merged into this one, in the order they were found. */
  alsoFrom?: string[];
}

/** A problem at a field path: of the values, or of the item `resourceRef` names. */
export interface EgressProblem extends Problem {
  resourceRef?: ObjectRef;
}

export interface DerivedEgress {
  targets: EgressTarget[];
  /** What could not be derived and why (warnings). */
  problems: EgressProblem[];
  /** How a target was read, where the reading is an assumption (info). */
  notes: EgressProblem[];
}
