/**
 * Line ends. Everything after reading sees LF only (YAML itself reads CRLF and a lone CR as one line
 * break); what came with CR is written back from the input's own bytes, and lines the function writes
 * end like the input's first line.
 */
export interface LineEnds {
  /** The ending of lines the function writes: that of the input's first line. */
  eol: '\n' | '\r\n';
  /** The input as it came (with a final line break), when it held a CR; undefined for plain LF input. */
  original?: string;
  /** Offsets in the normalized text of each `\n` that stood for `\r\n`: 1 character shorter there. */
  crlfAt?: number[];
}

/** Normalizes CRLF and CR to LF and makes sure the text ends with a line break. */
export function normalizeLineEnds(input: string): { text: string; ends: LineEnds } {
  if (!input.includes('\r')) return { text: input.endsWith('\n') ? input : `${input}\n`, ends: { eol: '\n' } };
  const firstBreak = input.search(/[\r\n]/);
  const eol = input.startsWith('\r\n', firstBreak) ? '\r\n' : '\n';
  const original = /[\r\n]$/.test(input) ? input : input + eol;
  const crlfAt: number[] = [];
  let dropped = 0;
  const text = original.replace(/\r\n?/g, (match, at: number) => {
    if (match.length === 2) crlfAt.push(at - dropped++);
    return '\n';
  });
  return { text, ends: { eol, original, crlfAt } };
}

/**
 * The input's own bytes for consecutive pieces of the normalized text that start at `from` (each
 * ending at a line start); undefined when the pieces do not tile it (a list rebuilt from flow style).
 */
export function originalPieces(normalized: string, pieces: readonly string[], ends: LineEnds, from = 0): string[] | undefined {
  const { original, crlfAt } = ends;
  if (original === undefined || crlfAt === undefined) return undefined;
  const out: string[] = [];
  let at = from;
  let crs = countBelow(crlfAt, at);
  for (const piece of pieces) {
    if (!normalized.startsWith(piece, at)) return undefined;
    const end = at + piece.length;
    let endCrs = crs;
    while (endCrs < crlfAt.length && crlfAt[endCrs]! < end) endCrs++;
    out.push(original.slice(at + crs, end + endCrs));
    [at, crs] = [end, endCrs];
  }
  return out;
}

/** Lines the function writes, in the input's line ending. */
export function withLineEnds(text: string, ends: LineEnds): string {
  return ends.eol === '\n' ? text : text.replace(/\n/g, '\r\n');
}

function countBelow(sorted: readonly number[], limit: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
