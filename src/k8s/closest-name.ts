/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

export interface Tolerance {
  /** Most edits a suggestion may be away from the name. */
  edits: (name: string) => number;
  /** Shorter names only get a suggestion that differs in case. */
  minLength: number;
}

/** For field names and enum values in rendered objects: a third of the name's length. */
const DEFAULT_TOLERANCE: Tolerance = { edits: (name) => Math.max(1, Math.floor(name.length / 3)), minLength: 3 };

/**
 * The candidate a typo most likely meant, for a result's "did you mean": the same name in another case,
 * else the nearest within the tolerance (`fromEndpoint` → `fromEndpoints`, `form` → `from`).
 */
export function closestName(name: string, candidates: readonly string[], tolerance: Tolerance = DEFAULT_TOLERANCE): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase || name.length < tolerance.minLength) return sameCase;
  let best: string | undefined;
  let bestDistance = tolerance.edits(name) + 1;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Keys and words of the values are short: up to two edits away (or a third of the word) still reads as a typo. */
const VALUES_TOLERANCE: Tolerance = { edits: (key) => Math.max(2, Math.floor(key.length / 3)), minLength: 0 };

/** The known key or enum value nearest to a typo in the values (`form` → `from`, `calcio` → `calico`). */
export function closestKey(typo: string, known: readonly string[]): string | undefined {
  return closestName(typo, known, VALUES_TOLERANCE);
}
