/**
 * Golden outputs of `explain` and `diff`, each format × each engine, on the function's own output: the
 * controller and a neighbour, with metrics and the gate tightened (main), then with egress and the
 * default-deny on (the change). JSON is validated against the schema shipped in functions/, Mermaid by
 * Mermaid's own parser. Regenerate on purpose: UPDATE_GOLDEN=1 npx jest test/explain, then review.
 */
import { join } from 'node:path';
import { ENGINES } from '../../src/dialects/index';
import { ROOT } from '../support/paths';
import { DENY, EGRESS, TIGHT } from '../traffic/matrix-rows';
import { command, expectFile, functionOutput, mermaidVerdicts, schemaViolations } from './support';

const GOLDEN = join(ROOT, 'test', 'explain', 'golden');
const FORMATS = [
  ['markdown', 'md'],
  ['mermaid', 'mmd'],
  ['json', 'json'],
] as const;

const cases = ENGINES.flatMap((engine) => {
  const main = functionOutput(engine, TIGHT);
  const change = functionOutput(engine, { ...TIGHT, ...EGRESS, ...DENY });
  return FORMATS.flatMap(([format, extension]) => [
    { engine, format, file: join(GOLDEN, engine, `explain.${extension}`), output: command(['explain', '--format', format], [change]) },
    { engine, format, file: join(GOLDEN, engine, `diff.${extension}`), output: command(['diff', '--format', format, 'main', 'change'], [main, change]) },
  ]);
});

test.each(cases.map((c) => [`${c.engine} ${c.file.split('/').at(-1)}`, c] as const))('%s', (_title, c) => {
  expect({ exitCode: c.output.exitCode, stderr: c.output.stderr }).toEqual({ exitCode: 0, stderr: '' });
  expectFile(c.file, c.output.stdout);
});

test('every JSON output follows functions/controller-network-policy/explain.schema.json', () => {
  const json = cases.filter((c) => c.format === 'json');
  expect(json).toHaveLength(ENGINES.length * 2);
  expect(json.map((c) => schemaViolations(JSON.parse(c.output.stdout)))).toEqual(json.map(() => []));
});

test("every Mermaid output is accepted by Mermaid's own parser", () => {
  const mermaid = cases.filter((c) => c.format === 'mermaid');
  expect(mermaid).toHaveLength(ENGINES.length * 2);
  expect(mermaidVerdicts(mermaid.map((c) => c.output.stdout))).toEqual(mermaid.map(() => null));
});

test("the checks are not vacuous: the schema refuses a renamed field, Mermaid's parser a broken chart", () => {
  const json = JSON.parse(cases.find((c) => c.format === 'json')!.output.stdout) as Record<string, unknown>;
  expect(schemaViolations({ ...json, engines: json.engine })).not.toEqual([]);
  const [verdict] = mermaidVerdicts([cases.find((c) => c.format === 'mermaid')!.output.stdout.replace('-->|', '-->|"unclosed')]);
  expect(verdict).toMatch(/Parse error|Lexical error/);
});
