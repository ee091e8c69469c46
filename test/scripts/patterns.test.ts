import { allStrings, checkSafeEquivalents, goPatternToJs, jsPattern, SAFE_EQUIVALENTS } from '../../scripts/validators/patterns.mjs';
import { vendoredDialectSchemas } from './vendored-schemas';

describe('goPatternToJs: Go (RE2) patterns as JS regexps with the u flag', () => {
  test.each([
    ['one-letter Unicode class', '^\\PC*$', '^\\P{C}*$'],
    ['one-letter Unicode class, positive', '^\\pL+$', '^\\p{L}+$'],
    ['braced Unicode class (already JS)', '^\\p{Lu}$', '^\\p{Lu}$'],
    ['RE2 text anchors', '\\Aabc\\z', '^abc$'],
    ['other escapes pass through', '^\\d+\\.[a-z\\-]*$', '^\\d+\\.[a-z\\-]*$'],
    ['escaped backslash before p', '^\\\\p$', '^\\\\p$'],
    ['no escapes', '^(6553[0-5]|[0-9]{1,4})$', '^(6553[0-5]|[0-9]{1,4})$'],
  ])('%s: %s → %s', (_, go, js) => {
    expect(goPatternToJs(go)).toBe(js);
  });

  test.each([['(?i)abc'], ['a(?s:.)b'], ['\\Qa.b\\E'], ['^[[:alpha:]]+$']])('refuses RE2-only syntax: %s', (go) => {
    expect(() => goPatternToJs(go)).toThrow(`pattern uses RE2-only syntax (flags, \\Q...\\E or [:class:]): ${go}`);
  });

  test.each([['('], ['a{2,1}'], ['\\C']])('refuses what JS cannot compile: %s', (go) => {
    expect(() => goPatternToJs(go)).toThrow(SyntaxError);
  });
});

describe('jsPattern: translated, then swapped for its safe equivalent', () => {
  test.each([
    ['^([-a-zA-Z0-9_]+[.]?)+$', '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$'],
    ['^(\\*?\\*\\.)?([-a-zA-Z0-9_]+\\.?)+$', '^(\\*?\\*\\.)?[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$'],
    ['^\\PC*$', '^\\P{C}*$'],
  ])('%s → %s', (go, js) => {
    expect(jsPattern(go)).toBe(js);
  });

  test('the swap happens after the translation', () => {
    expect(jsPattern('\\A(a+)+\\z', { '^(a+)+$': '^a+$' })).toBe('^a+$');
  });
});

describe('the safe equivalents', () => {
  test('allStrings lists every string up to the length, shortest first', () => {
    expect(allStrings(['a', 'b'], 2)).toEqual(['', 'a', 'b', 'aa', 'ab', 'ba', 'bb']);
    expect(allStrings(['a', 'b', 'c'], 3)).toHaveLength(1 + 3 + 9 + 27);
  });

  test('each accepts exactly the strings its original accepts', () => {
    expect(() => checkSafeEquivalents()).not.toThrow();
  });

  test.each([
    ['^(a+)+$', '^a*$', '""'],
    ['^([-a-zA-Z0-9_]+[.]?)+$', '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*$', '"a."'],
    ['^([-a-zA-Z0-9_*]+[.]?)+$', '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_*]+)*\\.?$', '"*"'],
  ])('a wrong one is caught: %s ≠ %s', (original, safe, differs) => {
    expect(() => checkSafeEquivalents({ [original]: safe })).toThrow(`${safe} is not equivalent to ${original}: they differ on ${differs}`);
  });

  test('each replaces a pattern of the vendored schemas (none is left over from an older CRD)', () => {
    const patterns = new Set(vendoredDialectSchemas().flatMap(({ patterns }) => [...patterns]));
    for (const [original, safe] of Object.entries(SAFE_EQUIVALENTS)) {
      expect(patterns).toContain(safe);
      expect(patterns).not.toContain(original);
    }
  });
});
