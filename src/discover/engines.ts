import type { KubeObject } from '../k8s/kube-object.js';
import { nameOf, objectsOf, type Observations, type Sourced } from './observation.js';
import { imagesOf, type Platform } from './platform.js';
import { listAt, stringAt, stringMapAt } from './read-field.js';

export type EngineName = 'kubernetes' | 'cilium' | 'calico' | 'clusterNetworkPolicy';

/** One engine the cluster can apply, with what says so and what to know before choosing it. */
export interface EngineOption {
  engine: EngineName;
  evidence: string;
  caveat?: string;
}

export interface EngineFinding {
  options: EngineOption[];
  recommended: { engine: EngineName; reason: string };
  /** Cilium's policy-cidr-match-mode, when Cilium runs. */
  ciliumCidrMatchMode?: Sourced<string>;
  notes: string[];
  warnings: string[];
}

/** `quay.io/cilium/cilium:v1.16.3@sha256:…` → `v1.16.3`. */
export function imageVersion(image: string): string | undefined {
  const withoutDigest = image.split('@')[0]!;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}

function agent(daemonSets: readonly KubeObject[], name: string, image: RegExp): { daemonSet: KubeObject; version?: string } | undefined {
  const daemonSet = daemonSets.find((d) => d.metadata.name === name);
  if (!daemonSet) return undefined;
  const found = imagesOf(daemonSet).find((i) => image.test(i));
  const version = found && imageVersion(found);
  return version ? { daemonSet, version } : { daemonSet };
}

function describeAgent(found: { daemonSet: KubeObject; version?: string }): string {
  return `${nameOf(found.daemonSet)}${found.version ? ` ${found.version}` : ''}`;
}

/** The versions a CRD serves, and its channel annotations (network-policy-api config/crd/{standard,experimental}). */
function servedVersions(crd: KubeObject): string[] {
  return listAt(crd, 'spec', 'versions')
    .filter((v) => (v as { served?: unknown }).served !== false)
    .map((v) => stringAt(v, 'name'))
    .filter((v): v is string => v !== undefined);
}

/**
 * Which policy engines the cluster can apply, and the one recommended. The engine is never chosen for
 * the user (docs/engines.md: explicit, never detected): the values file only recommends it.
 */
export function discoverEngines(observations: Observations, platform: Sourced<Platform> | undefined): EngineFinding {
  const notes: string[] = [];
  const warnings: string[] = [];
  const daemonSets = objectsOf(observations, 'daemonsets') ?? [];
  const crd = (id: 'crd-cilium' | 'crd-calico' | 'crd-calico-v3' | 'crd-cluster-network-policy') => objectsOf(observations, id)?.[0];
  const options: EngineOption[] = [{ engine: 'kubernetes', evidence: 'networking.k8s.io/v1 is built in (enforced by any CNI that enforces NetworkPolicy)' }];

  // Cilium: the agent DaemonSet `cilium` (cilium/cilium install/kubernetes/cilium/templates/cilium-agent/daemonset.yaml).
  const cilium = agent(daemonSets, 'cilium', /\/cilium(?:-[a-z]+)?:/);
  const gkeDataplaneV2 = platform?.value === 'GKE' ? daemonSets.find((d) => d.metadata.name === 'anetd') : undefined;
  const ciliumCrd = crd('crd-cilium');
  let ciliumCidrMatchMode: Sourced<string> | undefined;
  if (gkeDataplaneV2) {
    notes.push(`${nameOf(gkeDataplaneV2)}: GKE Dataplane V2 (built on Cilium) enforces NetworkPolicy but not CiliumNetworkPolicy (nais/naiserator#330)`);
  } else if (ciliumCrd && cilium) {
    options.push({ engine: 'cilium', evidence: `CRD ${ciliumCrd.metadata.name} (${servedVersions(ciliumCrd).join(', ')}), agent ${describeAgent(cilium)}` });
    const config = objectsOf(observations, 'cilium-config')?.[0];
    if (config) {
      const mode = stringMapAt(config, 'data')['policy-cidr-match-mode'] ?? '';
      ciliumCidrMatchMode = { value: mode, source: `${nameOf(config)}: data.policy-cidr-match-mode` };
    }
  } else if (ciliumCrd || cilium) {
    warnings.push(`Cilium is partly there (${ciliumCrd ? `CRD ${ciliumCrd.metadata.name}` : `agent ${describeAgent(cilium!)}`}, but no ${ciliumCrd ? 'agent DaemonSet cilium' : 'CiliumNetworkPolicy CRD'}): engine cilium is not offered`);
  }

  // Calico: calico-node (manifests or the Tigera operator's calico-system); projectcalico.org/v3 is
  // served by the Calico API server (APIService v3.projectcalico.org) or by the v3 CRDs.
  const calico = agent(daemonSets, 'calico-node', /\/(?:node|cnx-node):/);
  const apiService = objectsOf(observations, 'calico-apiservice')?.[0];
  const v3Crd = crd('crd-calico-v3');
  const v1Crd = crd('crd-calico');
  if (calico || v1Crd || v3Crd || apiService) {
    const served = apiService ? `APIService ${apiService.metadata.name}` : v3Crd ? `CRD ${v3Crd.metadata.name}` : undefined;
    const parts = [calico && `agent ${describeAgent(calico)}`, v1Crd && `CRD ${v1Crd.metadata.name}`, served].filter(Boolean).join(', ');
    if (served) options.push({ engine: 'calico', evidence: parts });
    else warnings.push(`Calico runs (${parts}) but projectcalico.org/v3 is not served: engine calico needs the Calico API server or the v3 CRDs (docs/engines.md)`);
  }

  // ClusterNetworkPolicy: kubernetes-sigs/network-policy-api, v1alpha2; the CRD's annotations name its channel and bundle.
  const cnp = crd('crd-cluster-network-policy');
  if (cnp) {
    const annotations = stringMapAt(cnp, 'metadata', 'annotations');
    const channel = annotations['policy.networking.k8s.io/channel'] ?? 'unknown channel';
    const bundle = annotations['policy.networking.k8s.io/bundle-version'];
    const versions = servedVersions(cnp);
    const evidence = `CRD ${cnp.metadata.name} (${versions.join(', ')}; ${channel} channel${bundle ? `, bundle ${bundle}` : ''})`;
    if (versions.includes('v1alpha2')) {
      options.push({
        engine: 'clusterNetworkPolicy',
        evidence,
        caveat: 'the CRD alone enforces nothing: it needs an implementation (Calico 3.32+, kube-network-policies, Kube-OVN, Cilium with k8sClusterNetworkPolicy.enabled), and a developer NetworkPolicy overrides its Baseline allowlist',
      });
    } else warnings.push(`${evidence} does not serve v1alpha2, which engine clusterNetworkPolicy renders`);
  }
  return { options, recommended: recommend(options, ciliumCidrMatchMode, gkeDataplaneV2 !== undefined), ...(ciliumCidrMatchMode ? { ciliumCidrMatchMode } : {}), notes, warnings };
}

function recommend(options: readonly EngineOption[], cidrMatchMode: Sourced<string> | undefined, gkeDataplaneV2: boolean): EngineFinding['recommended'] {
  if (options.some((o) => o.engine === 'cilium')) {
    // cilium/cilium Documentation/security/policy/language.rst: "By default, CIDR-based selectors do not
    // match in-cluster entities (pods or nodes)"; the kube-apiserver entity matches it in and outside the cluster.
    const mode = cidrMatchMode?.value === 'nodes' ? 'even with policy-cidr-match-mode nodes, the entity needs no addresses kept current' : 'a NetworkPolicy ipBlock misses an apiserver on a node unless policy-cidr-match-mode is nodes';
    return { engine: 'cilium', reason: `Cilium enforces its own policies, and their kube-apiserver entity reaches the apiserver wherever it runs; ${mode}` };
  }
  if (gkeDataplaneV2) return { engine: 'kubernetes', reason: 'GKE Dataplane V2 enforces NetworkPolicy, and not CiliumNetworkPolicy' };
  if (options.some((o) => o.engine === 'calico')) return { engine: 'kubernetes', reason: 'Calico enforces NetworkPolicy as it is; engine calico adds Calico\'s own order and selectors, should you want them' };
  return { engine: 'kubernetes', reason: 'it is the dialect every CNI that enforces policies reads' };
}
