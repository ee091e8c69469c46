/**
 * Failures of the environment, not of the input: stdin that cannot be read, stdout or stderr that
 * cannot be written. Each is one line naming the cause and exit code 3; no stack trace. A closed
 * stdout (`| head`) ends quietly. (A closed descriptor, `<&-` or `>&-`, is another matter: Node.js
 * opens /dev/null in its place before any code runs.)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/paths';

const QUICKSTART = join(ROOT, 'examples', 'quickstart', 'resource-list.yaml');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnp-env-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A list whose output is far bigger than a pipe's buffer, so the writer is still writing when the reader goes. */
function bigList(): string {
  const file = join(dir, 'big.yaml');
  if (!existsSync(file)) {
    const item = (i: number) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c${i}\n  data:\n    text: "${'x'.repeat(200)}"\n`;
    writeFileSync(file, `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${Array.from({ length: 2_000 }, (_, i) => item(i)).join('')}`);
  }
  return file;
}

/** Runs `bin < input | reader` in bash and returns the function's own exit status and stderr. */
function piped(input: string, reader: string) {
  const errFile = join(dir, 'stderr.txt');
  const out = spawnSync('bash', ['-c', `"$0" < "$1" 2>"$2" | ${reader}; echo "\${PIPESTATUS[0]}"`, BIN, input, errFile], { encoding: 'utf8' });
  return { status: Number(out.stdout.trim().split('\n').at(-1)), stderr: readFileSync(errFile, 'utf8') };
}

describe('environment errors', () => {
  test('a closed stdout (| head) ends quietly: no message, exit 3', () => {
    const out = piped(bigList(), 'head -c 100 >/dev/null');
    expect(out).toEqual({ status: 3, stderr: '' });
  });

  test('a reader that never reads and exits at once: the same', () => {
    const out = piped(bigList(), 'true');
    expect(out).toEqual({ status: 3, stderr: '' });
  });

  test('a full disk (/dev/full as stdout): one line naming the cause, exit 3', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const out = spawnSync(BIN, [], { input: readFileSync(QUICKSTART), stdio: ['pipe', full, 'pipe'], encoding: 'utf8' });
      expect(out.stderr).toBe('controller-network-policy: cannot write stdout: no space left on device\n');
      expect(out.status).toBe(3);
    } finally {
      closeSync(full);
    }
  });

  test('a full disk for stderr: exit 3, and stdout still carries the list', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const input = readFileSync(QUICKSTART, 'utf8').replace('    metrics:\n      from:', '    metrics:\n      form:');
      const out = spawnSync(BIN, [], { input, stdio: ['pipe', 'pipe', full], encoding: 'utf8' });
      expect(out.status).toBe(3);
      expect(out.stdout).toContain('severity: error');
    } finally {
      closeSync(full);
    }
  });

  test('a directory as stdin: one line naming the cause, exit 3', () => {
    const stdin = openSync(dir, 'r');
    try {
      const out = spawnSync(BIN, [], { stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(out.stderr).toBe('controller-network-policy: cannot read stdin: is a directory\n');
      expect(out.status).toBe(3);
      expect(out.stdout).toBe('');
    } finally {
      closeSync(stdin);
    }
  });

  test('a closed stdin reads as empty (Node.js puts /dev/null in its place): the empty-input error result, exit 1', () => {
    const out = spawnSync('bash', ['-c', 'exec "$0" <&-', BIN], { encoding: 'utf8' });
    expect(out.stderr).toBe('[error] input is empty: expected a ResourceList on stdin\n');
    expect(out.status).toBe(1);
  });
});
