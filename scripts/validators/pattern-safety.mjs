// @ts-check
// The schemas' patterns run in Ajv as JS regexps, which backtrack; RE2, which the API server runs, does
// not. A pattern whose matching time grows worse than quadratically with the input's length would hang
// the function on a long field value, so such a pattern fails the build.
//
// The verdict comes from recheck's automaton checker (https://makenowjust-labs.github.io/recheck/): it
// decides from the pattern's NFA whether, and how fast, backtracking can blow up, without running the
// pattern. With `timeout: null` and no fuzzing the verdict is a function of the pattern alone: neither
// the machine's load nor its speed can change it (it takes ~2 s for the Cilium port pattern below and
// milliseconds for the others).
import { check } from 'recheck';

/** @typedef {import('recheck').Diagnostics} Diagnostics */

/**
 * The worst growth allowed: quadratic. Ajv searches (`RegExp#test`), so an alternative not anchored at
 * the start is tried at every position: Cilium's port pattern is quadratic for that reason alone, as it
 * is upstream (its safe equivalent in ./patterns.mjs removes the cubic part, not that one).
 */
export const MAX_DEGREE = 2;

/** @type {Readonly<import('recheck').Parameters>} */
export const RECHECK_PARAMETERS = Object.freeze({ checker: 'automaton', timeout: null });

/**
 * Why a pattern is not safe enough, from recheck's diagnostics; undefined when it is.
 * @param {Diagnostics} diagnostics
 * @returns {string | undefined}
 */
export function unsafeReason(diagnostics) {
  if (diagnostics.status === 'unknown') {
    const { error } = diagnostics;
    return `cannot be analyzed (${error.kind}${'message' in error ? `: ${error.message}` : ''})`;
  }
  if (diagnostics.checker !== 'automaton') return `was checked by recheck's ${diagnostics.checker} checker, not its automaton one`;
  if (diagnostics.status === 'safe') return undefined;
  const { complexity, attack } = diagnostics;
  if (complexity.type === 'polynomial' && complexity.degree <= MAX_DEGREE) return undefined;
  return `backtracks in ${complexity.summary} time, e.g. on ${attack.pattern}`;
}

/**
 * recheck's verdict on one pattern (with the u flag, as Ajv compiles it).
 * @param {string} pattern
 * @returns {Promise<Diagnostics>}
 */
export function diagnose(pattern) {
  return check(pattern, 'u', { ...RECHECK_PARAMETERS });
}

/**
 * Fails, naming each of them, when any of the patterns backtracks worse than quadratically or cannot be
 * analyzed.
 * @param {Iterable<string>} patterns
 * @returns {Promise<void>}
 */
export async function checkPatternSafety(patterns) {
  const unsafe = [];
  for (const diagnostics of await Promise.all([...new Set(patterns)].map(diagnose))) {
    const reason = unsafeReason(diagnostics);
    if (reason !== undefined) unsafe.push(`pattern ${diagnostics.source} ${reason}`);
  }
  if (unsafe.length > 0) {
    throw new Error(`${unsafe.join('\n')}\nadd a safe equivalent to SAFE_EQUIVALENTS (scripts/validators/patterns.mjs)`);
  }
}
