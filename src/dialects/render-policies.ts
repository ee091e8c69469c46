import type { Problem } from '../krm/result.js';
import type { Dialect, PrecedenceInput, Rendered } from './dialect.js';
import type { PolicyPlan } from './plan.js';

export interface RenderOutcome {
  rendered: Rendered[];
  problems: Problem[];
  notes: string[];
}

/** Plans → objects of one dialect; what the dialect cannot express is a problem, and then nothing renders. */
export function renderPolicies(plans: readonly PolicyPlan[], dialect: Dialect, precedenceInput: PrecedenceInput): RenderOutcome {
  const { precedence, problems, notes } = dialect.precedence(precedenceInput);
  if (problems.length > 0) return { rendered: [], problems, notes };
  const rendered = plans.map((plan) => (plan.type === 'allowlist' ? dialect.renderAllowlist(plan, precedence) : dialect.renderDefaultDeny(plan, precedence)));
  // Every allowlist translates the same values, so a problem is reported once.
  const seen = new Set<string>();
  const translation = rendered.flatMap((r) => r.problems).filter((p) => !seen.has(`${p.path}\n${p.message}`) && seen.add(`${p.path}\n${p.message}`));
  return translation.length > 0 ? { rendered: [], problems: translation, notes } : { rendered, problems: [], notes };
}
