/**
 * The golden cases as data folders (layout and workflow: README.md next to this file). A case is a
 * folder under cases/ holding resources.yaml; its name is its path there, e.g. `kubernetes/egress`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { applyLineDiff, unifiedLineDiff } from './line-diff';

export const CASES_DIR = join(__dirname, 'cases');

const RESOURCES = 'resources.yaml';
const FNCONFIG = '_fnconfig.yaml';
const EXPECTED = '.expected';
const DIFF = join(EXPECTED, 'diff.patch');
const RESULTS = join(EXPECTED, 'results.yaml');
/** The labels of diff.patch: what it turns into what. */
const DIFF_LABELS = ['input', 'output'] as const;

export interface GoldenCase {
  /** The folder's path under cases/. */
  name: string;
  dir: string;
  /** The ResourceList as the function reads it, without functionConfig (exact bytes). */
  resources: string;
  /** The functionConfig object as its own document; undefined when the case has none. */
  fnconfig: string | undefined;
}

/** What the function gave, as the folder holds it. */
export interface Expected {
  exitCode: number;
  /** The output's `results:` block, exactly as written ('' when there are no results). */
  resultsBlock: string;
  /** The same block, parsed. */
  results: ResultLine[];
  /** From the input to the output without its results; '' when they are equal. */
  diff: string;
}

/** The fields of a KRM result that its stderr line shows. */
export interface ResultLine {
  message: string;
  severity: string;
  resourceRef?: { apiVersion: string; kind: string; namespace?: string; name: string };
  field?: { path?: string };
}

/** The output the function writes: the list it was given, changed, then its results. */
export interface SplitOutput {
  list: string;
  resultsBlock: string;
}

/** Every case folder, sorted by name (any folder holding resources.yaml, at any depth). */
export function listCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const walk = (dir: string) => {
    if (existsSync(join(dir, RESOURCES))) {
      const fnconfig = join(dir, FNCONFIG);
      cases.push({
        name: relative(CASES_DIR, dir),
        dir,
        resources: readFileSync(join(dir, RESOURCES), 'utf8'),
        fnconfig: existsSync(fnconfig) ? readFileSync(fnconfig, 'utf8') : undefined,
      });
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(join(dir, entry.name));
  };
  walk(CASES_DIR);
  return cases.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Files under cases/ that no case reads: a misspelt name would otherwise be a silently ignored input. */
export function strayFiles(): string[] {
  const known = new Set([RESOURCES, FNCONFIG, DIFF, RESULTS]);
  const stray: string[] = [];
  const walk = (dir: string, caseDir: string | undefined) => {
    const here = caseDir ?? (existsSync(join(dir, RESOURCES)) ? dir : undefined);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, here);
      else if (here === undefined || !known.has(relative(here, path))) stray.push(relative(CASES_DIR, path));
    }
  };
  walk(CASES_DIR, undefined);
  return stray;
}

/**
 * The function's stdin: resources.yaml, then `functionConfig:` with _fnconfig.yaml indented under it.
 * functionConfig comes last and no results come in, so the output's results are the last block.
 */
export function inputOf(c: GoldenCase): string {
  for (const key of ['functionConfig', 'results']) {
    if (new RegExp(`^${key}:`, 'm').test(c.resources)) throw new Error(`${c.name}/${RESOURCES} has a top-level ${key}: (the functionConfig goes in ${FNCONFIG}; input results are not supported here)`);
  }
  if (c.fnconfig === undefined) return c.resources;
  return `${c.resources}functionConfig:\n${c.fnconfig.replace(/^(?=.)/gm, '  ')}`;
}

/** The output's list and its results block (the function writes it last, see inputOf). */
export function splitOutput(stdout: string): SplitOutput {
  const at = stdout.search(/^results:\n/m);
  return at < 0 ? { list: stdout, resultsBlock: '' } : { list: stdout.slice(0, at), resultsBlock: stdout.slice(at) };
}

/** The stdout the folder expects: its input with diff.patch applied, then the results block. */
export function expectedStdout(c: GoldenCase, expected: Expected): string {
  return applyLineDiff(inputOf(c), expected.diff) + expected.resultsBlock;
}

/** What .expected/ holds for this output: a diff of the list and, in results.yaml, the exit code above the results block. */
export function expectedFiles(c: GoldenCase, stdout: string, exitCode: number): { diff: string; results: string } {
  const { list, resultsBlock } = splitOutput(stdout);
  return { diff: unifiedLineDiff(inputOf(c), list, DIFF_LABELS), results: `exitCode: ${exitCode}\n${resultsBlock}` };
}

export function readExpected(c: GoldenCase): Expected | undefined {
  const [diffFile, resultsFile] = [join(c.dir, DIFF), join(c.dir, RESULTS)];
  if (!existsSync(diffFile) || !existsSync(resultsFile)) return undefined;
  const results = readFileSync(resultsFile, 'utf8');
  const header = /^exitCode: (\d+)\n/.exec(results);
  if (!header) throw new Error(`${c.name}/${RESULTS} must start with an exitCode: line`);
  const parsed = parse(results) as { results?: ResultLine[] } | null;
  return { exitCode: Number(header[1]), resultsBlock: results.slice(header[0].length), results: parsed?.results ?? [], diff: readFileSync(diffFile, 'utf8') };
}

/** Writes .expected/ for this output; true when a file changed (an unchanged case is left untouched). */
export function writeExpected(c: GoldenCase, stdout: string, exitCode: number): boolean {
  const files = expectedFiles(c, stdout, exitCode);
  let changed = false;
  mkdirSync(join(c.dir, EXPECTED), { recursive: true });
  for (const [path, text] of [[DIFF, files.diff], [RESULTS, files.results]] as const) {
    const file = join(c.dir, path);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    writeFileSync(file, text);
    changed = true;
  }
  return changed;
}

/**
 * The stderr a run with these results writes: one `[severity] ref field: message` line per warning
 * and error (kpt's shape; kpt shows the infos itself). Spelt out here, not imported from src, so that
 * a change of the format fails the goldens as it did when stderr was stored.
 */
export function stderrOf(results: readonly ResultLine[]): string {
  return results
    .filter((r) => r.severity !== 'info')
    .map((r) => {
      const ref = r.resourceRef ? `${r.resourceRef.apiVersion}/${r.resourceRef.kind}/${r.resourceRef.namespace ? `${r.resourceRef.namespace}/` : ''}${r.resourceRef.name}` : '';
      const where = [ref, r.field?.path ?? ''].filter(Boolean).join(' ');
      return `[${r.severity}] ${where ? `${where}: ` : ''}${r.message}\n`;
    })
    .join('');
}
