import type { Diagnostics } from 'recheck';
import { checkPatternSafety, diagnose, MAX_DEGREE, RECHECK_PARAMETERS, unsafeReason } from '../../scripts/validators/pattern-safety.mjs';
import { SAFE_EQUIVALENTS } from '../../scripts/validators/patterns.mjs';
import { vendoredDialectSchemas } from './vendored-schemas';

/** The Cilium port pattern's safe equivalent: quadratic, because its second alternative is not anchored at the start. */
const CILIUM_PORT = '^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|[a-zA-Z](-?[a-zA-Z0-9])*$';

describe('pattern safety: recheck\'s automaton checker, no timing', () => {
  test.each<[string, { type: string; degree?: number }]>([
    ['^(a+)+$', { type: 'exponential' }],
    ['^([a-z0-9]+-?)*$', { type: 'exponential' }],
    ['^(a|a)*$', { type: 'exponential' }],
    ['^a*a*a*$', { type: 'polynomial', degree: 3 }],
    // the originals of SAFE_EQUIVALENTS: Cilium's matchName, matchPattern, serverNames and port
    ...Object.keys(SAFE_EQUIVALENTS).map((original, i): [string, { type: string; degree?: number }] => [original, i < 3 ? { type: 'exponential' } : { type: 'polynomial', degree: 3 }]),
  ])('%s backtracks catastrophically: it fails the check', async (pattern, complexity) => {
    const diagnostics = await diagnose(pattern);
    expect(diagnostics).toMatchObject({ status: 'vulnerable', checker: 'automaton', complexity });
    expect(unsafeReason(diagnostics)).toMatch(/^backtracks in .+ time, e\.g\. on .+/);
  });

  test.each([['^[a-z]+$'], ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'], ['^\\P{C}*$'], ['^a*b*$']])('%s passes', async (pattern) => {
    expect(unsafeReason(await diagnose(pattern))).toBeUndefined();
  });

  test('a quadratic pattern passes: the Cilium port pattern is one, as upstream', async () => {
    expect(MAX_DEGREE).toBe(2);
    const diagnostics = await diagnose(CILIUM_PORT);
    expect(diagnostics).toMatchObject({ status: 'vulnerable', checker: 'automaton', complexity: { type: 'polynomial', degree: 2 } });
    expect(unsafeReason(diagnostics)).toBeUndefined();
  });

  test('no fuzzing and no timeout: the verdict cannot depend on time or load', () => {
    expect(RECHECK_PARAMETERS).toEqual({ checker: 'automaton', timeout: null });
  });

  test('every pattern of the vendored schemas passes (after SAFE_EQUIVALENTS, which are among them)', async () => {
    const patterns = new Set(vendoredDialectSchemas().flatMap(({ patterns }) => [...patterns]));
    expect(patterns.size).toBeGreaterThan(5);
    for (const safe of Object.values(SAFE_EQUIVALENTS)) expect(patterns).toContain(safe);
    await expect(checkPatternSafety(patterns)).resolves.toBeUndefined();
  });

  test('names every unsafe pattern at once, and the fix', async () => {
    const error = await checkPatternSafety(['^[a-z]+$', '^(a+)+$', '^(b|b)*$', '^(a+)+$']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines.map((l) => l.replace(/ backtracks in .*/, ''))).toEqual([
      'pattern ^(a+)+$',
      'pattern ^(b|b)*$',
      'add a safe equivalent to SAFE_EQUIVALENTS (scripts/validators/patterns.mjs)',
    ]);
  });
});

describe('unsafeReason', () => {
  const base = { source: 'x', flags: 'u' };
  const attack = { pumps: [], suffix: '!', base: 0, string: 'aaa!', pattern: "'a'.repeat(3) + '!'" };
  test.each<[string, Diagnostics, string | undefined]>([
    ['safe', { ...base, status: 'safe', checker: 'automaton', complexity: { type: 'linear', summary: 'linear', isFuzz: false } }, undefined],
    ['quadratic', { ...base, status: 'vulnerable', checker: 'automaton', attack, hotspot: [], complexity: { type: 'polynomial', degree: 2, summary: '2nd degree polynomial', isFuzz: false } }, undefined],
    [
      'cubic',
      { ...base, status: 'vulnerable', checker: 'automaton', attack, hotspot: [], complexity: { type: 'polynomial', degree: 3, summary: '3rd degree polynomial', isFuzz: false } },
      "backtracks in 3rd degree polynomial time, e.g. on 'a'.repeat(3) + '!'",
    ],
    [
      'exponential',
      { ...base, status: 'vulnerable', checker: 'automaton', attack, hotspot: [], complexity: { type: 'exponential', summary: 'exponential', isFuzz: false } },
      "backtracks in exponential time, e.g. on 'a'.repeat(3) + '!'",
    ],
    ['a fuzzing verdict', { ...base, status: 'safe', checker: 'fuzz', complexity: { type: 'safe', summary: 'safe', isFuzz: true } }, "was checked by recheck's fuzz checker, not its automaton one"],
    ['a timeout', { ...base, status: 'unknown', checker: 'automaton', error: { kind: 'timeout' } }, 'cannot be analyzed (timeout)'],
    ['an unsupported pattern', { ...base, status: 'unknown', error: { kind: 'unsupported', message: 'back-reference' } }, 'cannot be analyzed (unsupported: back-reference)'],
  ])('%s', (_, diagnostics, reason) => {
    expect(unsafeReason(diagnostics)).toBe(reason);
  });
});
