/**
 * A match under the readings of the Cilium versions that disagree about a construct: `min` holds
 * when every reading matches, `max` when at least one does. `notes` say which constructs made them
 * differ. Allow rules count on `max` (most permissive), deny rules on `min` (likewise), and the notes
 * become `Verdict.ambiguities` when they decided the verdict.
 */
export interface Match {
  min: boolean;
  max: boolean;
  notes: readonly string[];
}

export const MATCH: Match = { min: true, max: true, notes: [] };
export const NO_MATCH: Match = { min: false, max: false, notes: [] };

export const matchIf = (matches: boolean): Match => (matches ? MATCH : NO_MATCH);

/** Matched by some versions only. */
export const ambiguous = (note: string): Match => ({ min: false, max: true, notes: [note] });

/** Matched by the versions that match `match`, narrowed further by some: `min` drops with a note. */
export function narrowedBy(match: Match, narrowed: boolean, note: string): Match {
  if (!narrowed || !match.min) return match;
  return { min: false, max: match.max, notes: [...match.notes, note] };
}

const notesOf = (min: boolean, max: boolean, matches: readonly Match[]): string[] =>
  min || !max ? [] : [...new Set(matches.filter((m) => m.max && !m.min).flatMap((m) => m.notes))];

export function allOf(...matches: Match[]): Match {
  const min = matches.every((m) => m.min);
  const max = matches.every((m) => m.max);
  return { min, max, notes: notesOf(min, max, matches) };
}

export function anyOf(matches: readonly Match[]): Match {
  const min = matches.some((m) => m.min);
  const max = matches.some((m) => m.max);
  return { min, max, notes: notesOf(min, max, matches) };
}
