import fc from 'fast-check';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { stringifyBlock } from '../../src/krm/stringify-block';
import { source } from '../support/source';

const TRICKY = ['', ' ', 'yes', 'No', 'ON', 'off', 'y', 'n', 'true', 'False', 'null', '~', '0755', '1:20', '8080:8090', '2021-01-01', '2021-01-01T00:00:00Z', '1e3', '0x1F', '0b101', '0o17', '.inf', '-.Inf', '.NaN', '1_000', '+1', '-1', '12', '3.14', '10.0.0.0/8', '::/0', '0.0.0.0/0', '- a', '-a', '? x', ': x', 'a: b', 'a:b', 'a #b', 'a#b', '#c', '@x', '`x', '%x', '!tag', '&anchor', '*alias', '|', '>', '[x]', '{x}', 'a, b', "it's", '"quoted"', 'multi\nline', 'tab\there', 'trailing ', ' leading', 'k8s:io.kubernetes.pod.namespace', 'app.kubernetes.io/name', "app == 'x' && tier in {'a'}", 'ü', '\u2028', '\u0085', '\u007f', 'é:', 'a:', 'E0', 'e5', 'E+5', 'e-10'];

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(...TRICKY), fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...TRICKY), fc.string()), tie('value'), { maxKeys: 4 }),
})).value;

/** What a JSON round trip keeps (-0 becomes 0 in YAML and JSON alike). */
const normalized = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('stringifyBlock', () => {
  test('numbers YAML spells its own way: the infinities and NaN', () => {
    expect(stringifyBlock({ a: Infinity, b: -Infinity, c: Number.NaN, d: -1.5, e: 0 })).toBe('a: .inf\nb: -.inf\nc: .nan\nd: -1.5\ne: 0\n');
  });

  test('YAML 1.2 (yaml, js-yaml) and YAML 1.1 readers all read back exactly the data written', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = stringifyBlock(value);
        const expected = normalized(value);
        expect(parse(text)).toEqual(expected);
        expect(parse(text, { version: '1.1' })).toEqual(expected);
        expect(load(text)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  test.each(TRICKY)('%j reads back as the same string in YAML 1.1 and 1.2', (text) => {
    const out = stringifyBlock({ k: text });
    expect(parse(out)).toEqual({ k: text });
    expect(parse(out, { version: '1.1' })).toEqual({ k: text });
  });

  test('block style: sequences at their key\'s indentation, empty collections in flow style', () => {
    expect(stringifyBlock({ apiVersion: 'v1', metadata: { name: 'a', labels: {} }, spec: { list: [{ a: 1, b: [] }, ['x', 'w'], 'z'], empty: [] } })).toBe(source`
      apiVersion: v1
      metadata:
        name: a
        labels: {}
      spec:
        list:
        - a: 1
          b: []
        - - x
          - w
        - z
        empty: []
    `);
  });

  /** Strings some reader takes for a number: yaml's YAML 1.1 float allows an exponent with no digits before it. */
  const NUMBER_LIKE = ['E0', 'e5', 'E+5', 'e-10', 'E123', '1e3', '1E3', '1e+3', '.5e3', '.e5', '0e0', '1_000e1', '6.02e23', '0x1F', '0o17', '0b101', '0755', '+12', '-.5', '.5', '12:30', '1_0', '.inf', '.NaN'];
  /** Near misses that every reader takes for a string, so they stay plain. */
  const PLAIN = ['e', 'E', 'ee5', 'e5e', 'e5.0', 'E_1', 'eks', 'e2e-tests', 'x1e3', 'e5a'];

  test.each(NUMBER_LIKE)('%j: quoted, so every reader reads back the string', (text) => {
    const out = stringifyBlock({ k: text });
    expect(out).toBe(`k: ${JSON.stringify(text)}\n`);
    expect(parse(out)).toEqual({ k: text });
    expect(parse(out, { version: '1.1' })).toEqual({ k: text });
    expect(load(out)).toEqual({ k: text });
  });

  test.each(PLAIN)('%j: plain, and still the same string for every reader', (text) => {
    const out = stringifyBlock({ k: text });
    expect(out).toBe(`k: ${text}\n`);
    expect(parse(out)).toEqual({ k: text });
    expect(parse(out, { version: '1.1' })).toEqual({ k: text });
    expect(load(out)).toEqual({ k: text });
  });

  test('plain where every reader agrees, quoted otherwise', () => {
    expect(stringifyBlock({ a: 'stageset-controller', b: '10.0.0.0/8', c: '8080', d: 'yes', e: 'k8s:k8s-app', f: "x == 'y'" })).toBe(
      'a: stageset-controller\nb: 10.0.0.0/8\nc: "8080"\nd: "yes"\ne: k8s:k8s-app\nf: x == \'y\'\n',
    );
  });
});
