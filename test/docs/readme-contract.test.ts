import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';

/**
 * The README opens with the two commands that set up, run and test the project from a fresh clone,
 * and CI (.ci/run) runs exactly those commands: a README that drifts from CI fails here. The output of
 * `diff` it shows is the review-a-change example's, which test/examples runs.
 */

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');

/** The commands of the first `sh` block of the README's first section. */
function readmeCommands(): { section: string; commands: string[] } {
  const first = /^## (.+)$/m.exec(readme);
  const body = first ? readme.slice(first.index).split(/^## /m)[1] ?? '' : '';
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(body);
  const commands = (block?.[1] ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  return { section: first?.[1] ?? '', commands };
}

/** The command lines .ci/run executes (comments and shell plumbing aside). */
function ciLines(): string[] {
  return ci.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

test('the README starts with "Set up, run, test": install, build and run the quickstart, then every test', () => {
  const { section, commands } = readmeCommands();
  expect(section).toBe('Set up, run, test');
  expect(commands).toEqual(['npm ci && npm run build && bin/controller-network-policy < examples/quickstart/resource-list.yaml', 'npm test']);
});

test('.ci/run runs exactly the README\'s commands', () => {
  const lines = ciLines();
  for (const command of readmeCommands().commands) {
    // `|| exit 1` is shell plumbing (set -e ignores a failure inside an && list); the command is the README's
    expect(lines.filter((line) => line === command || line === `${command} || exit 1`)).toHaveLength(1);
  }
});

test('the README shows the real output of examples/review-a-change, with its command', () => {
  const start = readme.indexOf('<!-- explain-output:start');
  const end = readme.indexOf('<!-- explain-output:end -->');
  expect(start).toBeGreaterThan(0);
  const block = /````markdown\n([\s\S]*)````\n$/.exec(readme.slice(readme.indexOf('\n', start) + 1, end));
  expect(block?.[1]).toBe(readFileSync(join(ROOT, 'examples', 'review-a-change', '.expected', 'review.md'), 'utf8'));
  const command = (readFileSync(join(ROOT, 'examples', 'review-a-change', '.expected', 'config.yaml'), 'utf8').match(/^command: (.*)$/m) ?? [])[1];
  expect(readme.slice(0, start)).toContain(`$ ${command}\n`);
});
