import { updatingGoldens } from '../support/update-golden';

describe('UPDATE_GOLDEN', () => {
  const saved = { update: process.env.UPDATE_GOLDEN, ci: process.env.CI };
  afterEach(() => {
    for (const [key, value] of [['UPDATE_GOLDEN', saved.update], ['CI', saved.ci]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test.each([
    [undefined, undefined, false],
    ['0', undefined, false],
    ['1', undefined, true],
    ['1', 'false', true],
    [undefined, 'true', false],
  ])('UPDATE_GOLDEN=%s CI=%s → rewrite: %s', (update, ci, expected) => {
    if (update === undefined) delete process.env.UPDATE_GOLDEN;
    else process.env.UPDATE_GOLDEN = update;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    expect(updatingGoldens()).toBe(expected);
  });

  test('is refused under CI=true, where it would pass whatever the code does', () => {
    process.env.UPDATE_GOLDEN = '1';
    process.env.CI = 'true';
    expect(() => updatingGoldens()).toThrow('UPDATE_GOLDEN=1 rewrites the expected files and is refused under CI=true');
  });
});
