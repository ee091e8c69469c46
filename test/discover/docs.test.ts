import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dumpCommand } from '../../src/discover/dump-command';
import { discoverUsage } from '../../src/discover/discover-usage';
import { ROOT } from '../support/paths';

/** The README shows the exact commands `discover --dump-command` prints (offline.test.ts runs them with kubectl). */
test('the README holds the dump command, word for word', () => {
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`sh\n${dumpCommand()}\`\`\``);
});

test('the README and discover --help name the same options', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const option of ['--kubeconfig', '--context', '--request-timeout', '--from', '--dump-command', '--rbac']) {
    expect(discoverUsage()).toContain(option);
    expect(readme).toContain(option);
  }
});
