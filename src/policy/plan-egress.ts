import type { Values } from '../config/values-schema.js';
import type { ApiserverPlan, DnsPlan, EgressPlan, FqdnTarget, NativeRule, NeutralRule } from '../dialects/plan.js';
import { checkCidr, hostCidr } from '../k8s/cidr.js';
import type { Problem } from '../krm/result.js';
import type { EgressTarget } from '../egress/egress-target.js';
import { dnsDestinations, PRESETS_WITH_ADDRESSES } from './dns-presets.js';

export interface EgressOutcome {
  egress: EgressPlan | undefined;
  /** Values that cannot work (errors). */
  problems: Problem[];
  /** Values that are ignored (warnings). */
  warnings: Problem[];
}

/**
 * The egress part of every allowlist: DNS (the chart's rule or a platform preset), the kube-apiserver
 * (declared once), the values' rules, the derived destinations and the engine's own rules.
 */
export function planEgress(values: Values, derived: readonly EgressTarget[], native: NativeRule[], neutral: NeutralRule[]): EgressOutcome {
  const egress = values.networkPolicy.egress;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (!egress.enabled) {
    for (const key of ['apiserver', 'dnsPreset', 'dnsAddresses'] as const) {
      if (egress[key] !== undefined) warnings.push({ path: `networkPolicy.egress.${key}`, message: 'is ignored: networkPolicy.egress.enabled is false' });
    }
    return { egress: undefined, problems, warnings };
  }
  problems.push(...cidrProblems(egress.apiserver?.cidrs ?? [], 'networkPolicy.egress.apiserver.cidrs'), ...cidrProblems(egress.dnsAddresses ?? [], 'networkPolicy.egress.dnsAddresses'));

  let dns: DnsPlan | undefined;
  if (egress.dns) {
    const destinations = dnsDestinations(egress.dnsPreset, egress);
    if (Array.isArray(destinations)) dns = { origin: egress.dnsPreset ? 'networkPolicy.egress.dnsPreset' : 'networkPolicy.egress.dns', destinations };
    else problems.push(destinations);
  } else {
    for (const key of ['dnsPreset', 'dnsAddresses'] as const) {
      if (egress[key] !== undefined) warnings.push({ path: `networkPolicy.egress.${key}`, message: 'is ignored: networkPolicy.egress.dns is false' });
    }
  }
  if (egress.dnsAddresses !== undefined && egress.dns && !(egress.dnsPreset && PRESETS_WITH_ADDRESSES.includes(egress.dnsPreset))) {
    warnings.push({ path: 'networkPolicy.egress.dnsAddresses', message: `is ignored: only the ${PRESETS_WITH_ADDRESSES.join(', ')} presets use addresses (dnsPreset is ${egress.dnsPreset ?? 'not set'})` });
  }

  const apiserver: ApiserverPlan | undefined = egress.apiserver && {
    origin: 'networkPolicy.egress.apiserver',
    cidrs: egress.apiserver.cidrs,
    ports: [...new Set(egress.apiserver.ports)],
    // The Service default/kubernetes serves on 443 (pkg/controlplane/controller/kubernetesservice).
    ...(egress.apiserver.serviceIP !== undefined ? { service: { cidr: hostCidr(egress.apiserver.serviceIP), port: 443 } } : {}),
    external: egress.apiserver.external,
  };

  const to = [...neutral];
  const fqdns: FqdnTarget[] = [];
  for (const target of derived) {
    const ports = target.ports.map((p) => ({ protocol: p.protocol, port: p.port }));
    if (target.to.kind === 'fqdn') {
      fqdns.push({ origin: target.origin, names: ['name' in target.to ? { name: target.to.name } : { pattern: target.to.pattern }], ports: ports.map((p) => p.port) });
      continue;
    }
    const peer =
      target.to.kind === 'cidr'
        ? { ipBlock: { cidr: target.to.cidr } }
        : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': target.to.namespace } }, ...(target.to.labels ? { podSelector: { matchLabels: target.to.labels } } : {}) };
    to.push({ origin: target.origin, peers: [peer], ports, written: { to: [peer], ports }, derived: target.what });
  }
  return { egress: { ...(dns ? { dns } : {}), ...(apiserver ? { apiserver } : {}), to, fqdns, native }, problems, warnings };
}

function cidrProblems(cidrs: readonly string[], path: string): Problem[] {
  return cidrs.flatMap((cidr, i) => {
    const problem = checkCidr(cidr);
    return problem ? [{ path: `${path}[${i}]`, message: problem }] : [];
  });
}
