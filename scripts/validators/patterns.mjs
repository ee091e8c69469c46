// @ts-check
// The `pattern`s of the CRD schemas, from Go (RE2) to what Ajv runs: a JS regexp with the u flag.

/**
 * Go RE2 → JS (u flag): what the vendored schemas use, plus the RE2 forms a JS regexp would misread
 * silently. Anything else RE2-only fails the build rather than validate differently from the API server.
 * @param {string} pattern
 * @returns {string}
 */
export function goPatternToJs(pattern) {
  if (/\(\?[a-zA-Z]|\\Q|\[:[a-z]+:\]/.test(pattern)) {
    throw new Error(`pattern uses RE2-only syntax (flags, \\Q...\\E or [:class:]): ${pattern}`);
  }
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if ((next === 'p' || next === 'P') && pattern[i + 2] !== '{') {
      out += `\\${next}{${pattern[i + 2]}}`; // \PC → \P{C}: one-letter Unicode class
      i += 2;
    } else if (next === 'z' || next === 'A') {
      out += next === 'z' ? '$' : '^'; // RE2 text anchors; JS ^ and $ mean the same without the m flag
      i += 1;
    } else {
      out += c + next;
      i += 1;
    }
  }
  new RegExp(out, 'u'); // throws on anything JS cannot compile
  return out;
}

/**
 * RE2 matches in linear time; JS backtracks. These CRD patterns backtrack exponentially in JS (a
 * 30-character Cilium matchName with a trailing space takes seconds), so they are replaced by
 * equivalent ones without nested quantifiers. Equivalence is checked by checkSafeEquivalents(), safety
 * by ./pattern-safety.mjs.
 * @type {Readonly<Record<string, string>>}
 */
export const SAFE_EQUIVALENTS = {
  // Cilium toFQDNs/rules.dns matchName
  '^([-a-zA-Z0-9_]+[.]?)+$': '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$',
  // Cilium toFQDNs/rules.dns matchPattern
  '^([-a-zA-Z0-9_*]+[.]?)+$': '^[-a-zA-Z0-9_*]+(\\.[-a-zA-Z0-9_*]+)*\\.?$',
  // Cilium toPorts serverNames
  '^(\\*?\\*\\.)?([-a-zA-Z0-9_]+\\.?)+$': '^(\\*?\\*\\.)?[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$',
  // Cilium port (anchored on one side only, as upstream): a suffix matching ([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*
  // exists iff one starting at a letter does; the original is cubic in JS.
  '^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$':
    '^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|[a-zA-Z](-?[a-zA-Z0-9])*$',
};

/**
 * The pattern Ajv gets for a schema's Go pattern: translated, then swapped for its safe equivalent.
 * @param {string} goPattern
 * @param {Readonly<Record<string, string>>} [equivalents]
 * @returns {string}
 */
export function jsPattern(goPattern, equivalents = SAFE_EQUIVALENTS) {
  const js = goPatternToJs(goPattern);
  return equivalents[js] ?? js;
}

/**
 * Every string of at most `maxLength` characters over `alphabet`.
 * @param {readonly string[]} alphabet
 * @param {number} maxLength
 * @returns {string[]}
 */
export function allStrings(alphabet, maxLength) {
  const all = [''];
  /** @type {string[]} */
  let layer = [''];
  for (let n = 1; n <= maxLength; n++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    all.push(...layer);
  }
  return all;
}

/** The sample strings the equivalences are checked on: every string of up to 5 of these characters. */
const SAMPLE_ALPHABET = ['a', 'Z', '1', '6', '5', '-', '_', '.', '*', ' '];

/**
 * Fails when a safe equivalent accepts a different set of strings than the pattern it replaces, on every
 * string of up to 5 characters over an alphabet that covers each class and separator of the patterns.
 * @param {Readonly<Record<string, string>>} [equivalents]
 */
export function checkSafeEquivalents(equivalents = SAFE_EQUIVALENTS) {
  const samples = allStrings(SAMPLE_ALPHABET, 5);
  for (const [original, safe] of Object.entries(equivalents)) {
    const [a, b] = [new RegExp(original, 'u'), new RegExp(safe, 'u')];
    const differs = samples.find((x) => a.test(x) !== b.test(x));
    if (differs !== undefined) throw new Error(`${safe} is not equivalent to ${original}: they differ on ${JSON.stringify(differs)}`);
  }
}
