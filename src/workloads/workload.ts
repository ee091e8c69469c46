import type { ObjectRef } from '../k8s/kube-object.js';
import type { LabelSelector } from '../k8s/label-selector.js';

/** A workload whose pods get an allowlist. */
export interface Workload {
  ref: ObjectRef;
  namespace: string;
  /** Selects exactly this workload's pods: its `spec.selector`, or its pod labels when it has none. */
  podSelector: LabelSelector;
  /** The labels its pods carry (the pod template's); undefined for an explicit `target.pods`. */
  podLabels?: Record<string, string>;
  /** Container ports declared in the pod template (undefined for an explicit `target.pods`). */
  containerPorts?: number[];
}
