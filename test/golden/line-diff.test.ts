import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyLineDiff, splitLines, unifiedLineDiff } from './line-diff';

/** Texts from few distinct lines, so that most lines repeat and the diff has choices to make. */
const text = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', 'c', '- x: 1', '  y', ''), { maxLength: 30 }), fc.boolean())
  .map(([lines, newlineAtEnd]) => lines.join('\n') + (newlineAtEnd && lines.length > 0 ? '\n' : ''));

/** The length of the longest common subsequence of lines, by the textbook table. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const changedLines = (patch: string) => patch.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;

describe('unifiedLineDiff and applyLineDiff', () => {
  test('applying the diff of two texts to the first gives the second, byte for byte', () => {
    fc.assert(fc.property(text, text, (a, b) => expect(applyLineDiff(a, unifiedLineDiff(a, b))).toBe(b)), { numRuns: 2000 });
  });

  test('the diff is a shortest one: it adds and removes only the lines outside a longest common subsequence', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [x, y] = [splitLines(a), splitLines(b)];
        expect(changedLines(unifiedLineDiff(a, b))).toBe(x.length + y.length - 2 * lcs(x, y));
      }),
      { numRuns: 2000 },
    );
  });

  test('equal texts give an empty diff, and an empty diff changes nothing', () => {
    expect(unifiedLineDiff('a\nb\n', 'a\nb\n')).toBe('');
    expect(applyLineDiff('a\nb\n', '')).toBe('a\nb\n');
  });

  test('a new item shows up whole after the one it follows, even when both end alike', () => {
    const item = (name: string) => `- name: ${name}\n  ports:\n  - 80\n`;
    const before = `items:\n${item('a')}config: {}\n`;
    expect(unifiedLineDiff(before, `items:\n${item('a')}${item('b')}config: {}\n`, ['input', 'output'])).toBe(
      ['--- input', '+++ output', '@@ -2,4 +2,7 @@', ' - name: a', '   ports:', '   - 80', '+- name: b', '+  ports:', '+  - 80', ' config: {}', ''].join('\n'),
    );
  });

  test('hunks have three lines of context and merge when their contexts touch', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i}\n`);
    const changed = (at: number[]) => lines.map((l, i) => (at.includes(i) ? `x${l}` : l)).join('');
    const headers = (patch: string) => patch.split('\n').filter((l) => l.startsWith('@@'));
    expect(headers(unifiedLineDiff(lines.join(''), changed([3, 10])))).toEqual(['@@ -1,14 +1,14 @@']); // 6 lines apart
    expect(headers(unifiedLineDiff(lines.join(''), changed([3, 11])))).toEqual(['@@ -1,7 +1,7 @@', '@@ -9,7 +9,7 @@']); // 7 lines apart
  });

  test('a missing newline at the end is marked as diff marks it', () => {
    expect(unifiedLineDiff('a\nb\n', 'a\nb', ['x', 'y'])).toBe('--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n');
    expect(unifiedLineDiff('', 'a\n', ['x', 'y'])).toBe('--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n');
  });

  test('a patch that does not fit its input fails and says where', () => {
    const patch = unifiedLineDiff('a\nb\nc\n', 'a\nB\nc\n');
    expect(() => applyLineDiff('a\nb2\nc\n', patch)).toThrow(/line 2 is "b2\\n", the patch expects "b\\n"/);
    expect(() => applyLineDiff('a\n', 'not a patch\n')).toThrow(/not a unified diff/);
    expect(() => applyLineDiff('a\nb\nc\n', patch.replace('@@ -1,3 +1,3 @@', '@@ -1,3 +1,4 @@'))).toThrow(/line counts/);
  });

  // the diff must stay an ordinary patch, readable by the usual tools
  const git = spawnSync('git', ['--version']).status === 0;
  (git ? test : test.skip)('git apply reads the diff and gets the same text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnp-line-diff-'));
    try {
      fc.assert(
        fc.property(text, text, (a, b) => {
          writeFileSync(join(dir, 'file'), a);
          // git apply wants the same name on both sides; the labels are this module's choice
          const patch = unifiedLineDiff(a, b, ['a/file', 'b/file']);
          if (patch === '') return; // git apply refuses an empty patch
          writeFileSync(join(dir, 'patch'), patch);
          const applied = spawnSync('git', ['apply', '--whitespace=nowarn', 'patch'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
          expect([applied.status, applied.stderr]).toEqual([0, '']);
          expect(readFileSync(join(dir, 'file'), 'utf8')).toBe(b);
        }),
        { numRuns: 40 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
