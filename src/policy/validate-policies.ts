import type { Config } from '../config/load-config.js';
import type { Dialect, Rendered } from '../dialects/dialect.js';
import type { PolicyPlan } from '../dialects/plan.js';
import { validateRendered } from '../dialects/validate-rendered.js';
import type { ResourceList } from '../krm/resource-list.js';
import type { Outcome } from '../krm/result.js';
import type { Targets } from '../workloads/discover-targets.js';
import { checkPolicies } from './check-policies.js';

/**
 * The validate stage: every rendered object against its API's schema and the API server's rules
 * (errors: nothing invalid is written), then the foot-guns the objects show (warnings).
 */
export function validatePolicies(rendered: readonly Rendered[], plans: readonly PolicyPlan[], targets: Targets, list: ResourceList, dialect: Dialect, config: Config): Outcome<readonly Rendered[]> {
  return { value: rendered, results: [...validateRendered(rendered, dialect), ...checkPolicies(plans, rendered, targets, list.items, dialect, config)] };
}
