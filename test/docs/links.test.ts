import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from '../support/paths';

/**
 * The repository's Markdown links stay valid: every relative link names a file or directory of the
 * repository, and every `#anchor` a heading of the page it points to (GitHub's anchors). External
 * links (https:, mailto:) are not fetched. Vendored third-party files (the chart copies) are left out.
 */

/** Build output, dependencies, and vendored third-party trees (the chart's copies). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'out', 'charts', 'fixtures']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : markdownFiles(join(dir, entry.name));
    return entry.name.endsWith('.md') ? [join(dir, entry.name)] : [];
  });
}

const FENCED = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;

/** The text outside fenced code blocks and inline code, where a link is a link (lines kept in place). */
function prose(text: string): string {
  return text.replace(FENCED, (block) => block.replace(/[^\n]/g, '')).replace(/`[^`\n]*`/g, '``');
}

interface Link {
  target: string;
  line: number;
}

function linksOf(text: string): Link[] {
  const body = prose(text);
  const links: Link[] = [];
  const lineOf = (index: number) => body.slice(0, index).split('\n').length;
  for (const m of body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line: lineOf(m.index) });
  for (const m of body.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) links.push({ target: m[1]!, line: lineOf(m.index) });
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const withoutCode = text.replace(FENCED, '');
  for (const m of withoutCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const rendered = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link shows its text
      .replace(/[`*]/g, '')
      .replace(/<[^>]+>/g, '');
    const slug = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const seen = counts.get(slug) ?? 0;
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
    counts.set(slug, seen + 1);
  }
  return anchors;
}

const files = markdownFiles(ROOT).sort();

test('the docs are found', () => {
  const names = files.map((f) => relative(ROOT, f));
  for (const name of ['README.md', 'CONTRIBUTING.md', join('docs', 'architecture.md'), join('examples', 'README.md')]) expect(names).toContain(name);
});

test.each(files.map((f) => [relative(ROOT, f), f]))('%s: relative links and anchors resolve', (_name, file) => {
  const text = readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const { target, line } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
    if (path.startsWith('/')) {
      broken.push(`line ${line}: ${target} is an absolute path: link inside the repository with a relative path, or to an upstream URL`);
      continue;
    }
    const to = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    if (to !== ROOT && !to.startsWith(ROOT + sep)) {
      broken.push(`line ${line}: ${target} points outside the repository`);
      continue;
    }
    if (!existsSync(to)) {
      broken.push(`line ${line}: ${target} does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    if (statSync(to).isDirectory() || !to.endsWith('.md')) {
      broken.push(`line ${line}: ${target} has an anchor, but ${relative(ROOT, to)} is not a Markdown page`);
      continue;
    }
    if (!anchorsOf(readFileSync(to, 'utf8')).has(anchor)) broken.push(`line ${line}: ${target}: no heading with the anchor #${anchor}`);
  }
  expect(broken).toEqual([]);
});

/**
 * The documentation for users and contributors stands on its own: it cites upstream sources
 * (repository paths, docs URLs), never notes that exist only outside this repository.
 */
const OWN_DOCS = files.filter((f) => {
  const name = relative(ROOT, f);
  return !name.includes(sep) || ['docs', 'examples', 'functions'].includes(name.split(sep)[0]!);
});

test.each(OWN_DOCS.map((f) => [relative(ROOT, f), f]))('%s refers to nothing outside the repository', (_name, file) => {
  const text = readFileSync(file, 'utf8');
  const found = [/\/work\//, /\.\.\/shared\//, /shared\/reference/, /field-facts/, /engines\.md §/].filter((pattern) => pattern.test(text)).map(String);
  expect(found).toEqual([]);
});
