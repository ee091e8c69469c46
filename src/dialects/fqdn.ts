import type { Finding } from './dialect.js';
import type { AllowlistPlan, FqdnTarget } from './plan.js';

/** How a name target reads in a message: `api.example.com:443`, `*.example.com:80,443`. */
export function describeFqdn(target: FqdnTarget): string {
  const names = target.names.map((n) => ('name' in n ? n.name : n.pattern)).join(', ');
  return `${names} (TCP ${target.ports.join(', ')})`;
}

/** For engines that cannot allow a destination by name: each derived name, and what to write instead. */
export function unexpressibleFqdns(plan: AllowlistPlan, engine: string): Finding[] {
  return (plan.egress?.fqdns ?? []).map((target) => ({
    path: target.origin,
    message: `${describeFqdn(target)} is a name, and ${engine} cannot allow a destination by name: the controller cannot reach it until its addresses are added to networkPolicy.egress.to (an ipBlock rule)`,
  }));
}
