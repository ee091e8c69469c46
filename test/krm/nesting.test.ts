import { run } from '../../src/run';
import { deepConfig, deepController, list, nested } from './lossless-fixtures';

describe('deep nesting', () => {
  test('a controller nested deeper than 100 levels is read', () => {
    const out = run(list([deepController(150)]));
    expect(out.stderr).toBe('');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('kind: NetworkPolicy');
  });

  test('a functionConfig nested 1,000 levels deep is read (an unknown key, so a warning)', () => {
    const out = run(list([deepController(3)], deepConfig(1_000)));
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toMatch(/^\[warning\] [^\n]* deep: unknown key "deep"/);
    expect(out.stdout).toContain('kind: NetworkPolicy');
  });

  test.each([
    ['an item', list([deepController(10_000)])],
    ['the functionConfig', list([deepController(3)], deepConfig(10_000))],
    ['a list the line scanner declines', `{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [${nested(10_000)}]}`],
  ])('more than this stack can follow in %s: an error result that says so, never a stack overflow posing as a YAML error', (_name, text) => {
    const out = run(text);
    expect(out.exitCode).toBe(1);
    expect(out.exhaustedStack).toBe(true);
    expect(out.stderr).toMatch(/^\[error\] input is nested too deeply to read on this stack/);
    expect(out.stderr).not.toMatch(/Maximum call stack|not valid YAML/);
    expect(out.stdout).toMatch(/^apiVersion: config.kubernetes.io\/v1\nkind: ResourceList\n/);
  });
});
