import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree } from '../support/e2e';
import { CHART } from '../support/helm';
import { FIXTURES, ROOT } from '../support/paths';

/** `find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum` of a directory, as SOURCES.txt records it. */
function treeDigest(dir: string): string {
  const files = [...readTree(dir)].map(([path]) => `./${path}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = files.map((path) => `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')}  ${path}\n`).join('');
  return createHash('sha256').update(lines).digest('hex');
}

describe('the vendored chart', () => {
  test('is the tree SOURCES.txt records (a byte-exact upstream copy: replace it, never edit it)', () => {
    const recorded = /Tree digest[\s\S]*?\n\s+([0-9a-f]{64})\n/.exec(readFileSync(join(FIXTURES, 'SOURCES.txt'), 'utf8'))?.[1];
    expect(treeDigest(CHART)).toBe(recorded);
  });

  test("examples/kustomize-helm-chart carries the same chart", () => {
    expect(treeDigest(join(ROOT, 'examples', 'kustomize-helm-chart', 'charts', 'stageset-controller'))).toBe(treeDigest(CHART));
  });
});
