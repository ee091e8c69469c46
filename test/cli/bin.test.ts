import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN, ROOT } from '../support/paths';

/** The built entry point, as kustomize and kpt start it (npm test builds it first). */
function bin(args: string[], input?: string | Buffer) {
  const out = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8' });
  return { stdout: out.stdout, stderr: out.stderr, status: out.status };
}

describe('bin/controller-network-policy', () => {
  test('--help, --version and --schema', () => {
    expect(bin(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage:') });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(bin(['--version'])).toMatchObject({ status: 0, stdout: `controller-network-policy ${version}\n` });
    const schema = bin(['--schema']);
    expect(schema.status).toBe(0);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'functions', 'controller-network-policy', 'schema.json'), 'utf8')));
  });

  test('an unknown argument is a usage error (exit 2)', () => {
    const out = bin(['--frobnicate']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('unknown argument "--frobnicate"');
  });

  test('the quickstart example renders what its expected output says', () => {
    const input = readFileSync(join(ROOT, 'examples', 'quickstart', 'resource-list.yaml'), 'utf8');
    const out = bin([], input);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(readFileSync(join(ROOT, 'examples', 'quickstart', 'expected-output.yaml'), 'utf8'));
  });

  test.each([
    ['empty stdin', ''],
    ['binary junk', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe])],
    ['malformed YAML', 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [\n'],
    ['not a ResourceList', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'],
  ])('%s: one error line on stderr, exit 1, a valid ResourceList on stdout, no stack trace', (_name, input) => {
    const out = bin([], input);
    expect(out.status).toBe(1);
    expect(out.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^\[error\] /)]);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    const list = parse(out.stdout) as { kind: string; items: unknown[]; results: { severity: string }[] };
    expect(list).toMatchObject({ kind: 'ResourceList', items: [], results: [{ severity: 'error' }] });
  });

  test('a user mistake keeps the input items unchanged on stdout and exits 1', () => {
    const input = readFileSync(join(ROOT, 'examples', 'quickstart', 'resource-list.yaml'), 'utf8').replace('    metrics:\n      from:', '    metrics:\n      form:');
    const out = bin([], input);
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('[error] fn.kpt.dev/v1alpha1/ControllerNetworkPolicy/network-policy networkPolicy.metrics.form: unknown key "form" (did you mean "from"?)\n');
    expect(out.stdout.startsWith(input.slice(0, input.indexOf('functionConfig:')))).toBe(true);
    expect(out.stdout).not.toContain('kind: NetworkPolicy');
  });

  test('stdin that arrives slowly through a pipe is read whole (no EAGAIN)', async () => {
    const input = readFileSync(join(ROOT, 'examples', 'quickstart', 'resource-list.yaml'), 'utf8');
    const child = spawn(BIN, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const half = Math.floor(input.length / 2);
    child.stdin.write(input.slice(0, half));
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.end(input.slice(half));
    expect(await exited).toBe(0);
    expect(stdout).toBe(readFileSync(join(ROOT, 'examples', 'quickstart', 'expected-output.yaml'), 'utf8'));
  });

  test('a code cache that does not fit (another Node.js, or damaged) is ignored, never trusted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnp-cache-'));
    try {
      cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'controller-network-policy.cjs.cache'), Buffer.from('not a V8 code cache'));
      const input = readFileSync(join(ROOT, 'examples', 'quickstart', 'resource-list.yaml'), 'utf8');
      const out = spawnSync(join(dir, 'bin', 'controller-network-policy'), [], { input, encoding: 'utf8' });
      expect(out.status).toBe(0);
      expect(out.stdout).toBe(readFileSync(join(ROOT, 'examples', 'quickstart', 'expected-output.yaml'), 'utf8'));
      rmSync(join(dir, 'dist', 'controller-network-policy.cjs.cache'));
      expect(spawnSync(join(dir, 'bin', 'controller-network-policy'), [], { input, encoding: 'utf8' }).stdout).toBe(out.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
