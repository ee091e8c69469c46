/**
 * Cilium's default identity-relevant label filter (pkg/labelsfilter/filter.go,
 * defaultLabelPrefixCfg): labels it drops are not part of the security identity, so no selector can
 * match them (a policy on `pod-template-hash` selects nothing). Each prefix is a regexp that must
 * match at the start of the key; a label is kept unless an ignore prefix matches over at least as
 * long a section as the longest matching include prefix.
 */

interface LabelPrefix {
  source?: string;
  ignore: boolean;
  expr: RegExp;
}

const quote = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const prefix = (pattern: string, ignore: boolean, source?: string): LabelPrefix => ({ ignore, expr: new RegExp(`^(?:${pattern})`), ...(source ? { source } : {}) });

const DEFAULT_PREFIXES: readonly LabelPrefix[] = [
  prefix('.*', false, 'reserved'),
  prefix(quote('io.kubernetes.pod.namespace'), false),
  prefix(quote('io.cilium.k8s.namespace.labels'), false),
  prefix(quote('app.kubernetes.io'), false),
  prefix(quote('io.cilium.k8s.policy.cluster'), false),
  prefix('io\\.kubernetes', true),
  prefix('kubernetes\\.io', true),
  prefix(quote('statefulset.kubernetes.io/pod-name'), true),
  prefix(quote('apps.kubernetes.io/pod-index'), true),
  prefix(quote('batch.kubernetes.io/job-completion-index'), true),
  prefix('.*beta\\.kubernetes\\.io', true),
  prefix('k8s\\.io', true),
  prefix('pod-template-generation', true),
  prefix('pod-template-hash', true),
  prefix('controller-revision-hash', true),
  prefix('annotation.*', true),
  prefix('etcd_node', true),
];

/** Whether a label of `source` with `key` is part of the identity under the default filter. */
export function identityRelevant(source: string, key: string): boolean {
  let included = 0;
  let ignored = 0;
  for (const p of DEFAULT_PREFIXES) {
    if (p.source !== undefined && p.source !== source) continue;
    const found = p.expr.exec(key);
    if (!found) continue;
    const length = found[0].length;
    if (p.ignore) ignored = ignored === 0 || length < ignored ? length : ignored;
    else included = Math.max(included, length);
  }
  return ignored === 0 || included > ignored;
}
