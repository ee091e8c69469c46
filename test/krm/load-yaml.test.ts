/**
 * loadYaml: YAML text → data with YAML 1.2 core-schema scalars, or an error message; and the bound on
 * what aliases may expand to (alias-expansion.ts), which keeps an alias bomb or a cycle from hanging
 * everything that walks the parsed value.
 */
import { aliasProblem } from '../../src/krm/alias-expansion';
import { loadYaml } from '../../src/krm/load-yaml';

/** `n` references to one shared array of `width` scalars: what js-yaml makes of `&a [...]` and `n` times `*a`. */
function shared(width: number, n: number): unknown[] {
  const anchor = Array.from({ length: width }, () => 'x');
  return Array.from({ length: n }, () => anchor);
}

describe('aliasProblem', () => {
  test('a tree without shared values, and a scalar, are fine', () => {
    expect(aliasProblem({ a: [1, 2, { b: 'c' }] })).toBeUndefined();
    expect(aliasProblem('scalar')).toBeUndefined();
    expect(aliasProblem(null)).toBeUndefined();
  });

  // 100 references to 99 scalars: written 1 + 100 + 99 = 200 values, expanded 1 + 100 × 100 = 10,001
  test('past 10,000 values and 10 times what was written: refused, with both counts', () => {
    expect(aliasProblem(shared(99, 100))).toBe('its aliases expand 200 values to 10001: refused as an alias bomb');
  });

  test('up to 10,000 values are always fine, however little was written', () => {
    expect(aliasProblem(shared(99, 99))).toBeUndefined(); // 9,901 values from 199
  });

  test('past 10,000 values but within 10 times what was written: fine', () => {
    // 10 references to 999 scalars: written 1,010, expanded 10,001 (within 10,100)
    expect(aliasProblem(shared(999, 10))).toBeUndefined();
    // 11 references: expanded 11,001, past 10 × 1,011 = 10,110
    expect(aliasProblem(shared(999, 11))).toBe('its aliases expand 1011 values to 11001: refused as an alias bomb');
  });

  test('objects count like arrays', () => {
    const anchor = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`k${i}`, i]));
    expect(aliasProblem(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`r${i}`, anchor])))).toBe('its aliases expand 200 values to 10001: refused as an alias bomb');
  });

  test('a value that contains itself is a cycle', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(aliasProblem({ root: loop })).toBe('an alias refers to a node that contains it (a cycle)');
  });

  test('a value reached twice without containing itself is no cycle', () => {
    const leaf = { a: 1 };
    expect(aliasProblem({ x: leaf, y: [leaf, { z: leaf }] })).toBeUndefined();
  });
});

describe('loadYaml', () => {
  test('core-schema scalars: YAML 1.1 words and octals stay strings', () => {
    expect(loadYaml('a: yes\nb: 0400\nc: 0o17\nd: 1.0\ne: ~\n')).toEqual({ value: { a: 'yes', b: 400, c: 15, d: 1, e: null } });
  });

  test('a YAML error: the message and its 1-based line', () => {
    expect(loadYaml('a: 1\n  b: 2\n')).toEqual({ error: 'bad indentation of a mapping entry', line: 2 });
  });

  test('an alias without its anchor is said to be unresolved, so the list around the item can resolve it', () => {
    expect(loadYaml('a: 1\nb: *nope\n')).toEqual({ error: 'unidentified alias "nope"', line: 2, unresolvedAlias: true });
  });

  test('an alias bomb is refused', () => {
    const text = `a: &a [${Array(99).fill('x').join(', ')}]\nb: [${Array(100).fill('*a').join(', ')}]\n`;
    expect(loadYaml(text)).toEqual({ error: 'its aliases expand 202 values to 10102: refused as an alias bomb' });
  });

  test('aliases within bounds resolve', () => {
    expect(loadYaml('a: &a {k: v}\nb: *a\n')).toEqual({ value: { a: { k: 'v' }, b: { k: 'v' } } });
  });

  test('js-yaml\'s own stack limit is raised to what kpt sends: 150 levels are read', () => {
    const text = `${'['.repeat(150)}x${']'.repeat(150)}\n`;
    let value = loadYaml(text).value;
    for (let depth = 0; depth < 150; depth++) value = (value as unknown[])[0];
    expect(value).toBe('x');
  });

  describe('binary integers: read by yaml, for which 0b… is a string (YAML 1.2 core schema)', () => {
    test('values', () => {
      expect(loadYaml('n: 0b101\nm: 0x1f\nl: [-0b1]\n')).toEqual({ value: { n: '0b101', m: 31, l: ['-0b1'] } });
    });

    test('a YAML error: its first line, without the trailing colon, and its line', () => {
      expect(loadYaml('n: 0b1\na: 1\na: 2\n')).toEqual({ error: 'Map keys must be unique at line 3, column 1', line: 3 });
    });

    test('an alias without its anchor is said to be unresolved', () => {
      expect(loadYaml('n: 0b1\nb: *nope\n')).toEqual({ error: 'Unresolved alias (the anchor must be set before the alias): nope', unresolvedAlias: true });
    });

    test('an alias bomb is refused, and is no unresolved alias', () => {
      expect(loadYaml(`n: 0b101\na: &a [x]\nb: [${Array(101).fill('*a').join(', ')}]\n`)).toEqual({ error: 'Excessive alias count indicates a resource exhaustion attack', unresolvedAlias: false });
    });

    test('aliases within bounds resolve', () => {
      expect(loadYaml('n: 0b1\na: &a {k: v}\nb: *a\n')).toEqual({ value: { n: '0b1', a: { k: 'v' }, b: { k: 'v' } } });
    });

    test.each(['n: 0b1', 'n: +0b1', '[0b1]', '{n: 0b1}', '- 0b1', 'n: [1,0b1]'])('%s takes that path: the binary integer is a string', (text) => {
      expect(JSON.stringify(loadYaml(`${text}\n`).value)).toContain('"');
    });

    test('0b inside a word is no binary integer', () => {
      expect(loadYaml('n: x0b1\nm: 0x10\n')).toEqual({ value: { n: 'x0b1', m: 16 } });
    });
  });
});
