import { folderScore, scopeSuffix, scoreTable } from '../../scripts/mutation/mutation-score.mjs';

function report(files: Record<string, string[]>) {
  return { files: Object.fromEntries(Object.entries(files).map(([file, statuses]) => [file, { mutants: statuses.map((status) => ({ status })) }])) };
}

describe('folderScore: a Stryker report scored per folder, as Stryker scores it', () => {
  const sample = report({
    'src/krm/a.ts': ['Killed', 'Killed', 'Timeout', 'Survived', 'Ignored', 'RuntimeError'],
    'src/krm/deep/b.ts': ['NoCoverage', 'Killed', 'CompileError'],
    'src/krmx/c.ts': ['Survived', 'Survived'],
    'src/main.ts': ['Killed', 'Survived'],
    'src/main.tsx': ['Survived'],
  });

  test.each([
    // detected (killed + timeout) over valid (detected + survived + no coverage)
    ['src/krm', { killed: 3, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, invalid: 2, score: (100 * 4) / 6 }],
    // a file is its own folder; a name it prefixes is not inside it
    ['src/main.ts', { killed: 1, timeout: 0, survived: 1, noCoverage: 0, ignored: 0, invalid: 0, score: 50 }],
    ['src/krmx', { killed: 0, timeout: 0, survived: 2, noCoverage: 0, ignored: 0, invalid: 0, score: 0 }],
  ])('%s', (folder, expected) => {
    expect(folderScore(sample, folder)).toEqual({ folder, ...expected });
  });

  test('a folder without valid mutants has no score, which is below every floor', () => {
    const score = folderScore(report({ 'src/x.ts': ['Ignored'] }), 'src/x.ts').score;
    expect(score).toBeNaN();
    expect(score >= 90).toBe(false);
  });
});

test('scoreTable: one Markdown row per folder, the score to one decimal', () => {
  const row = { ...folderScore(report({ 'src/w/a.ts': ['Killed', 'Killed', 'Survived'] }), 'src/w'), tests: 'test/w' };
  expect(scoreTable([row]).split('\n')).toEqual([
    '| mutated | tests | killed | timeout | survived | no coverage | ignored | invalid | score |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
    '| src/w | test/w | 2 | 0 | 1 | 0 | 0 | 0 | 66.7% |',
  ]);
});

test.each([
  [undefined, ''],
  ['', ''],
  ['test/krm', '-test_krm'],
  ['test/cli,test/explain', '-test_cli_test_explain'],
])('scopeSuffix(%p) is %p: a narrowed run keeps reports of its own', (tests, suffix) => {
  expect(scopeSuffix(tests)).toBe(suffix);
});
