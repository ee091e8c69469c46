import type { Rendered } from '../dialect.js';
import type { SourceAccessPlan } from '../plan.js';

/** The companion in Flux's namespace: ingress to source-controller's artifact port from the controller's pods. */
export function renderSourceAccess(plan: SourceAccessPlan): Rendered {
  // A plain object: the client library's type spells `from` as `_from` (its serializer renames it).
  const spec = {
    podSelector: plan.podSelector,
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: plan.from.map((peer) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } }, podSelector: peer.podSelector })),
        ports: [{ protocol: 'TCP', port: plan.port }],
      },
    ],
  };
  return {
    object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: plan.name, namespace: plan.namespace }, spec },
    origins: [{ objectPath: 'spec', valuesPath: 'networkPolicy.companions.fluxSource', verbatim: false }],
    problems: [],
  };
}
