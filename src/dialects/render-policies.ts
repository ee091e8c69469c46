import type { ConfigProblem } from '../config/format-issue.js';
import type { Values } from '../config/values-schema.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, OWNER_ANNOTATION } from '../constants.js';
import type { PolicyPlan } from '../policy/model.js';
import type { Dialect, Rendered } from './dialect.js';

export interface RenderOutcome {
  rendered: Rendered[];
  problems: ConfigProblem[];
  notes: string[];
}

/** Plans → objects of one dialect, each stamped with its owner (the configuration) and the managed-by label. */
export function renderPolicies(plans: readonly PolicyPlan[], dialect: Dialect, values: Values, owner: string): RenderOutcome {
  const { precedence, problems, notes } = dialect.precedence(values);
  if (problems.length > 0) return { rendered: [], problems, notes };
  const rendered = plans.map((plan) => {
    const out = plan.type === 'allowlist' ? dialect.renderAllowlist(plan, precedence) : dialect.renderDefaultDeny(plan, precedence);
    const { metadata } = out.object;
    out.object.metadata = { ...metadata, labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }, annotations: { ...metadata.annotations, [OWNER_ANNOTATION]: owner } };
    return out;
  });
  // Every allowlist translates the same values, so a problem is reported once.
  const seen = new Set<string>();
  const translation = rendered.flatMap((r) => r.problems).filter((p) => !seen.has(`${p.path}\n${p.message}`) && seen.add(`${p.path}\n${p.message}`));
  return translation.length > 0 ? { rendered: [], problems: translation, notes } : { rendered, problems: [], notes };
}
