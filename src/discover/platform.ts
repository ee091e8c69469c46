import type { KubeObject } from '../k8s/kube-object.js';
import { nameOf, objectsOf, type Observations, type Sourced } from './observation.js';
import { listAt, stringAt } from './read-field.js';

/** The platforms whose facts differ from upstream Kubernetes (DNS, where the control plane runs). */
export type Platform = 'OpenShift' | 'GKE' | 'EKS' | 'AKS';

/** Managed control planes run the kube-apiserver outside the cluster's nodes (field-facts §4.2). */
export const MANAGED: ReadonlySet<Platform> = new Set(['GKE', 'EKS', 'AKS']);

/**
 * DaemonSets only a platform's own installation creates, in kube-system:
 * GKE: fluentbit-gke, gke-metrics-agent, gke-metadata-server (Workload Identity), pdcsi-node (Persistent
 * Disk CSI), anetd (Dataplane V2); EKS: aws-node (aws/amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml),
 * eks-pod-identity-agent; AKS: cloud-node-manager, azure-ip-masq-agent, azure-cns.
 */
const MARKERS: readonly [Platform, readonly string[]][] = [
  ['GKE', ['fluentbit-gke', 'gke-metrics-agent', 'gke-metadata-server', 'pdcsi-node', 'anetd']],
  ['EKS', ['aws-node', 'eks-pod-identity-agent']],
  ['AKS', ['cloud-node-manager', 'azure-ip-masq-agent', 'azure-cns']],
];

/** EKS's kube-proxy add-on comes from an ECR registry of the eks/ repository (`<account>.dkr.ecr.<region>.amazonaws.com/eks/kube-proxy`). */
const EKS_IMAGE = /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/eks\//;

/** The platform, when something only it creates is there; undefined for upstream-like clusters (kubeadm, k3s, kind, …). */
export function detectPlatform(observations: Observations): Sourced<Platform> | undefined {
  const openshift = objectsOf(observations, 'openshift-dns-service')?.[0];
  if (openshift) return { value: 'OpenShift', source: `${nameOf(openshift)}, of OpenShift's DNS operator` };
  const daemonSets = objectsOf(observations, 'daemonsets') ?? [];
  for (const [platform, names] of MARKERS) {
    const marker = daemonSets.find((d) => d.metadata.namespace === 'kube-system' && names.includes(d.metadata.name));
    if (marker) return { value: platform, source: nameOf(marker) };
  }
  const eks = daemonSets.find((d) => imagesOf(d).some((image) => EKS_IMAGE.test(image)));
  if (eks) return { value: 'EKS', source: `${nameOf(eks)}, an EKS add-on image` };
  return undefined;
}

/** The container images of a workload's pod template. */
export function imagesOf(workload: KubeObject): string[] {
  return listAt(workload, 'spec', 'template', 'spec', 'containers')
    .map((c) => stringAt(c, 'image'))
    .filter((image): image is string => image !== undefined);
}
