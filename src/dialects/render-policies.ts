import { errorResult, infoResult, type Outcome, type Problem, type Result } from '../krm/result.js';
import type { Dialect, PrecedenceInput, Rendered } from './dialect.js';
import { renderSourceAccess } from './kubernetes/source-access.js';
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
  const rendered = plans.map((plan) => {
    switch (plan.type) {
      case 'allowlist':
        return dialect.renderAllowlist(plan, precedence);
      case 'defaultDeny':
        return dialect.renderDefaultDeny(plan, precedence);
      case 'sourceAccess':
        // Flux ships Kubernetes NetworkPolicies, whatever engine renders the controller's own.
        return renderSourceAccess(plan);
    }
  });
  // Every allowlist translates the same values, so a problem is reported once.
  const seen = new Set<string>();
  const translation = rendered.flatMap((r) => r.problems).filter((p) => !seen.has(`${p.path}\n${p.message}`) && seen.add(`${p.path}\n${p.message}`));
  return translation.length > 0 ? { rendered: [], problems: translation, notes } : { rendered, problems: [], notes };
}

/** The render stage: plans → objects, what the dialect cannot express as errors at the functionConfig (`at`). */
export function renderStage(plan: { plans: readonly PolicyPlan[]; precedence: PrecedenceInput }, dialect: Dialect, at: Pick<Result, 'resourceRef'>): Outcome<Rendered[]> {
  const { rendered, problems, notes } = renderPolicies(plan.plans, dialect, plan.precedence);
  const results = [...problems.map((p) => errorResult(p.message, { ...at, field: { path: p.path } })), ...notes.map((note) => infoResult(note, at))];
  return { value: rendered, results };
}
