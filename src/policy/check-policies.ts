import type { Config } from '../config/load-config.js';
import type { Dialect, Rendered } from '../dialects/dialect.js';
import type { Item } from '../krm/resource-list.js';
import { describeRef, identityOf } from '../k8s/kube-object.js';
import { infoResult, warningResult, type Result } from '../krm/result.js';
import { listWorkloadEntries } from '../workloads/list-workload-entries.js';
import type { Targets } from '../workloads/discover-targets.js';
import type { PolicyPlan } from '../dialects/plan.js';

/**
 * The loud foot-guns: rules that cannot reach the kube-apiserver, ports no container declares, and
 * neighbours a default-deny will cut off. Warnings, never errors: the output is still valid.
 */
export function checkPolicies(plans: readonly PolicyPlan[], rendered: readonly Rendered[], targets: Pick<Targets, 'workloads' | 'covered'>, entries: readonly Item[], dialect: Dialect, config: Config): Result[] {
  const { workloads } = targets;
  const results: Result[] = [];
  const at = config.ref ? { resourceRef: config.ref } : {};
  const seen = new Set<string>();
  rendered.forEach((r, i) => {
    const plan = plans[i];
    if (plan?.type !== 'allowlist') return;
    for (const finding of dialect.lint(r.object, plan)) {
      if (seen.has(finding.message)) continue;
      seen.add(finding.message);
      results.push(warningResult(finding.message, { ...at, field: { path: finding.path } }));
    }
  });

  const ports = plans.find((p) => p.type === 'allowlist')?.ingress ?? [];
  for (const workload of workloads) {
    if (!workload.containerPorts) continue;
    if (workload.containerPorts.length === 0) {
      results.push(infoResult(`${describeRef(workload.ref)} declares no container ports, so ports.* cannot be checked against it`, { resourceRef: workload.ref }));
      continue;
    }
    for (const rule of ports) {
      if (workload.containerPorts.includes(rule.port)) continue;
      results.push(
        warningResult(
          `${describeRef(workload.ref)} declares no container port ${rule.port} (ports.${rule.name}): the policy opens a port nothing listens on, and the port the container really uses stays closed`,
          { resourceRef: workload.ref, field: { path: `ports.${rule.name}`, currentValue: rule.port } },
        ),
      );
    }
  }

  // Pods another allowlist selects are not cut off by the default-deny.
  const protectedIds = new Set([...workloads.map((w) => w.ref), ...targets.covered].map(identityOf));
  const denies = plans.filter((p) => p.type === 'defaultDeny');
  const listed = denies.length > 0 ? listWorkloadEntries(entries) : [];
  for (const plan of denies) {
    const others = listed.filter((ref) => (ref.namespace ?? config.values.target.namespace) === plan.namespace && !protectedIds.has(identityOf(ref)));
    if (others.length === 0) continue;
    results.push(
      warningResult(
        `the default-deny in namespace ${plan.namespace} also cuts off ${others.map(describeRef).join(', ')}, which no allowlist of this function covers: enable defaultDeny only when the controller owns its namespace`,
        { ...at, field: { path: 'networkPolicy.defaultDeny.enabled' } },
      ),
    );
  }
  return results;
}
