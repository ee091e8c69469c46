/**
 * A unified line diff (Myers) and its strict inverse, for the golden cases' `.expected/diff.patch`.
 * Written here rather than shelling out to `git diff` so the bytes do not depend on the machine's git
 * (its version, its algorithm and heuristics, the user's configuration).
 */

interface Edit {
  kind: ' ' | '-' | '+';
  /** The line with its terminator; only the file's last line may lack one. */
  line: string;
}

/** Lines of unchanged text shown around each change, as `diff -u` and git do. */
const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';

/** Every line with its `\n`; a last line without one stays as it is. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * A unified diff turning `before` into `after` ('' when they are equal). Deterministic: the shortest
 * edit script (Myers), each run of added or removed lines slid as far down as it can go (git's rule,
 * so a new item shows up whole after its predecessor), three lines of context.
 */
export function unifiedLineDiff(before: string, after: string, labels: readonly [string, string] = ['before', 'after']): string {
  if (before === after) return '';
  const edits = slideDown(shortestEditScript(splitLines(before), splitLines(after)));
  let out = `--- ${labels[0]}\n+++ ${labels[1]}\n`;
  for (const hunk of hunksOf(edits)) out += hunk;
  return out;
}

/** Myers' O((N+M)D) algorithm, keeping each round's frontier to walk the path back. */
function shortestEditScript(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  search: for (let d = 0; d <= n + m; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = frontier[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ kind: ' ', line: a[x]! });
    }
    if (d > 0) edits.push(x === prevX ? { kind: '+', line: b[prevY]! } : { kind: '-', line: a[prevX]! });
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

/**
 * Among equally short scripts, the one whose runs of added (or removed) lines sit lowest: a run whose
 * first line equals the unchanged line after it may as well end with that line.
 */
function slideDown(edits: Edit[]): Edit[] {
  let i = 0;
  while (i < edits.length) {
    const kind = edits[i]!.kind;
    if (kind === ' ') {
      i++;
      continue;
    }
    let end = runEnd(edits, i);
    while (end < edits.length && edits[end]!.kind === ' ' && edits[end]!.line === edits[i]!.line) {
      const run = edits.slice(i, end);
      edits.splice(i, end - i + 1, edits[end]!, ...run.slice(1), run[0]!);
      i++;
      end = runEnd(edits, i);
    }
    i = end;
  }
  return edits;
}

function runEnd(edits: readonly Edit[], start: number): number {
  let end = start;
  while (end < edits.length && edits[end]!.kind === edits[start]!.kind) end++;
  return end;
}

/** The hunks, each change with its context; changes at most twice the context apart share a hunk. */
function hunksOf(edits: readonly Edit[]): string[] {
  const changed = edits.flatMap((e, i) => (e.kind === ' ' ? [] : [i]));
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups.at(-1);
    if (last && i - last[1] - 1 <= 2 * CONTEXT) last[1] = i; // the two contexts would touch
    else groups.push([i, i]);
  }
  // line numbers (0-based) of both files where each edit starts
  const aAt: number[] = [];
  const bAt: number[] = [];
  let a = 0;
  let b = 0;
  for (const e of edits) {
    aAt.push(a);
    bAt.push(b);
    if (e.kind !== '+') a++;
    if (e.kind !== '-') b++;
  }
  return groups.map(([first, last]) => {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(edits.length, last + CONTEXT + 1);
    const body = edits.slice(from, to);
    const aCount = body.filter((e) => e.kind !== '+').length;
    const bCount = body.filter((e) => e.kind !== '-').length;
    const lines = body.map((e) => (e.line.endsWith('\n') ? `${e.kind}${e.line}` : `${e.kind}${e.line}\n${NO_NEWLINE}\n`));
    return `@@ -${range(aAt[from]!, aCount)} +${range(bAt[from]!, bCount)} @@\n${lines.join('')}`;
  });
}

/** `start,count` as diff writes it: 1-based, `,1` left out, an empty range numbered by the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * `before` with the patch applied, strictly: every context and removed line must be exactly there (no
 * offset, no fuzz), so a patch that no longer fits its input fails instead of guessing.
 */
export function applyLineDiff(before: string, patch: string): string {
  if (patch === '') return before;
  const source = splitLines(before);
  const lines = patch.replace(/\n$/, '').split('\n');
  if (!lines[0]?.startsWith('--- ') || !lines[1]?.startsWith('+++ ')) throw new Error('not a unified diff: it must start with a --- line and a +++ line');
  const out: string[] = [];
  let at = 0; // next unread line of `before`
  let i = 2;
  while (i < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(lines[i]!);
    if (!header) throw new Error(`line ${i + 1} of the patch: expected a hunk header (@@ -a,b +c,d @@), found ${JSON.stringify(lines[i])}`);
    const aCount = header[2] === undefined ? 1 : Number(header[2]);
    const bCount = header[4] === undefined ? 1 : Number(header[4]);
    const aStart = aCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    if (aStart < at) throw new Error(`line ${i + 1} of the patch: hunks overlap or are out of order`);
    out.push(...source.slice(at, aStart));
    at = aStart;
    i++;
    const body: Edit[] = [];
    while (i < lines.length && !lines[i]!.startsWith('@@')) {
      const line = lines[i]!;
      if (line === NO_NEWLINE) {
        const previous = body.at(-1);
        if (!previous) throw new Error(`line ${i + 1} of the patch: "${NO_NEWLINE}" follows no line`);
        previous.line = previous.line.replace(/\n$/, '');
      } else {
        const kind = line[0];
        if (kind !== ' ' && kind !== '-' && kind !== '+') throw new Error(`line ${i + 1} of the patch: ${JSON.stringify(line)} is not a context, removed or added line`);
        body.push({ kind, line: `${line.slice(1)}\n` });
      }
      i++;
    }
    if (body.filter((e) => e.kind !== '+').length !== aCount || body.filter((e) => e.kind !== '-').length !== bCount) {
      throw new Error(`hunk ${header[0]}: its line counts do not match its body`);
    }
    for (const edit of body) {
      if (edit.kind === '+') {
        out.push(edit.line);
        continue;
      }
      if (source[at] !== edit.line) {
        throw new Error(`hunk ${header[0]} does not apply: line ${at + 1} is ${JSON.stringify(source[at] ?? '(end of input)')}, the patch expects ${JSON.stringify(edit.line)}`);
      }
      if (edit.kind === ' ') out.push(edit.line);
      at++;
    }
  }
  out.push(...source.slice(at));
  return out.join('');
}
