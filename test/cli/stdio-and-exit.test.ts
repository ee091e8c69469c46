/**
 * How the built entry point meets its file descriptors and reports its own faults: stdin and stdout
 * that are non-blocking pipes running empty or full (EAGAIN), a terminal as stdin, the spellings of the
 * options, and an internal error's exit code (README "Troubleshooting": 2 is wrong usage or an
 * internal error). Each test starts bin/controller-network-policy as kustomize and kpt do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, cpSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/paths';

const QUICKSTART = join(ROOT, 'examples', 'quickstart', 'resource-list.yaml');
const QUICKSTART_OUTPUT = join(ROOT, 'examples', 'quickstart', 'expected-output.yaml');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnp-stdio-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fifos = 0;
function mkfifo(): string {
  const path = join(dir, `pipe-${fifos++}`);
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  return path;
}

/** A run takes well under a second; one still running after this hangs (a bug), and the test fails. */
const HANG_MS = 10_000;

/** Starts the function (or argv) with the given stdio and collects its stdout, stderr and exit code. */
function start(argv: string[], stdio: [number | 'pipe', number | 'pipe', number | 'pipe']) {
  const child = spawn(argv[0]!, argv.slice(1), { stdio, timeout: HANG_MS });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.on('exit', () => (exited = true));
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  /**
   * Resolves once the child waits in its event loop (Linux: /proc/PID/wchan), which the function
   * only enters when a read found stdin empty, or a write found stdout full (EAGAIN), or once it exited.
   * Timing alone cannot tell: on a busy machine Node.js may start after both halves were written.
   */
  const waiting = async () => {
    const deadline = Date.now() + HANG_MS;
    while (!exited && Date.now() < deadline) {
      let wchan = '';
      try {
        wchan = readFileSync(`/proc/${child.pid}/wchan`, 'utf8');
      } catch {
        return; // gone
      }
      if (wchan.includes('epoll')) return;
      await sleep(10);
    }
  };
  return { child, done, waiting };
}

/**
 * argv, with the given standard descriptors made non-blocking first (O_NONBLOCK), as a parent that
 * shares its own pipe with the function may have left them. It takes a process in between: when
 * Node.js starts a child it makes the child's stdio blocking. Perl is on every Debian (perl-base).
 */
function nonBlocking(handles: ('STDIN' | 'STDOUT' | 'STDERR')[], argv: string[]): string[] {
  const set = handles.map((h) => `fcntl(${h}, F_SETFL, fcntl(${h}, F_GETFL, 0) | O_NONBLOCK) or die "fcntl: $!";`).join(' ');
  return ['perl', '-MFcntl', '-e', `${set} exec { $ARGV[0] } @ARGV or die "exec: $!"`, ...argv];
}

/**
 * Runs the function with stdout or stderr a non-blocking FIFO that nobody reads yet, and resolves once
 * the pipe is full and the function waits to write the rest; the caller reads (or closes) `readEnd`.
 */
async function runIntoFullPipe(handle: 'STDOUT' | 'STDERR', input: string) {
  const fifo = mkfifo();
  const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeEnd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  const stdio: [number | 'pipe', number | 'pipe', number | 'pipe'] = handle === 'STDOUT' ? ['pipe', writeEnd, 'pipe'] : ['pipe', 'pipe', writeEnd];
  const { child, done, waiting } = start(nonBlocking([handle], [BIN]), stdio);
  closeSync(writeEnd);
  child.stdin!.end(input);
  await waiting();
  return { readEnd, done };
}

/** Reads a non-blocking FIFO until its writer (the function) closes it, then closes it too. */
async function drain(readEnd: number): Promise<string> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  try {
    for (;;) {
      let read: number;
      try {
        read = readSync(readEnd, buffer);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        await sleep(5);
        continue;
      }
      if (read === 0) return Buffer.concat(chunks).toString('utf8'); // the function closed its end: it exited
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    closeSync(readEnd);
  }
}

describe('stdin', () => {
  test('the harness: a Node.js child started that way gets EAGAIN from reading its empty stdin', async () => {
    const probe = `try { require('fs').readSync(0, Buffer.alloc(16)); process.stdout.write('read') } catch (e) { process.stdout.write(String(e.code)) }`;
    const { child, done } = start(nonBlocking(['STDIN'], [process.execPath, '-e', probe]), ['pipe', 'pipe', 'pipe']);
    const out = await done;
    child.stdin!.end();
    expect(out).toEqual({ status: 0, stdout: 'EAGAIN', stderr: '' });
  });

  test('a non-blocking pipe that runs empty mid-way (EAGAIN) is read whole: the part read so far is kept', async () => {
    const input = readFileSync(QUICKSTART, 'utf8');
    const { child, done, waiting } = start(nonBlocking(['STDIN'], [BIN]), ['pipe', 'pipe', 'pipe']);
    const half = Math.floor(input.length / 2);
    child.stdin!.write(input.slice(0, half));
    await waiting(); // the function has read the first half and found the pipe empty
    child.stdin!.end(input.slice(half));
    expect(await done).toEqual({ status: 0, stdout: readFileSync(QUICKSTART_OUTPUT, 'utf8'), stderr: '' });
  });

  test('a non-blocking pipe that stays empty until its writer closes is an empty input (exit 1), not a hang', async () => {
    const { child, done, waiting } = start(nonBlocking(['STDIN'], [BIN]), ['pipe', 'pipe', 'pipe']);
    await waiting();
    child.stdin!.end();
    const out = await done;
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('[error] input is empty: expected a ResourceList on stdin\n');
  });

  const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  (script ? test : test.skip)('a terminal as stdin is a usage error (exit 2) at once, never a wait for typed input (needs `script`, util-linux)', () => {
    // script(1) runs the command on a new pseudo-terminal: stdin, stdout and stderr are that terminal
    const out = spawnSync('script', ['--quiet', '--return', '--flush', '--command', JSON.stringify(BIN), '/dev/null'], { input: '', encoding: 'utf8', timeout: HANG_MS });
    expect(out.error).toBeUndefined(); // no timeout
    expect(out.status).toBe(2);
    expect(out.stdout.replace(/\r\n/g, '\n')).toMatch(/^controller-network-policy: expected a ResourceList on stdin\n\ncontroller-network-policy: a KRM function [\s\S]*\nUsage:\n/);
  });

  test('a character device that is no terminal (/dev/null) is read as input: the empty-input error result, exit 1', () => {
    const devNull = openSync('/dev/null', 'r');
    try {
      const out = spawnSync(BIN, [], { timeout: HANG_MS, stdio: [devNull, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(out.stderr).toBe('[error] input is empty: expected a ResourceList on stdin\n');
      expect(out.status).toBe(1);
    } finally {
      closeSync(devNull);
    }
  });
});

describe('stdout', () => {
  test('a non-blocking pipe that fills up (EAGAIN) still gets the whole list, as a blocking pipe does', async () => {
    // far more output than a pipe holds (64 KiB): the first writes fill it while nobody reads
    const item = (i: number) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c${i}\n    namespace: ns\n  data:\n    text: "${'x'.repeat(200)}"\n`;
    const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${Array.from({ length: 2_000 }, (_, i) => item(i)).join('')}`;
    const blocking = spawnSync(BIN, [], { timeout: HANG_MS, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(blocking.stdout.length).toBeGreaterThan(256 * 1024);

    const { readEnd, done } = await runIntoFullPipe('STDOUT', input);
    const drained = await drain(readEnd);
    const out = await done;
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: blocking.status, stderr: blocking.stderr });
    expect(drained).toBe(blocking.stdout);
  });
  test('a non-blocking stdout whose reader goes away while the function waits to write the rest: quiet, exit 3', async () => {
    const item = (i: number) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c${i}\n  data:\n    text: "${'x'.repeat(200)}"\n`;
    const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${Array.from({ length: 2_000 }, (_, i) => item(i)).join('')}`;
    const { readEnd, done } = await runIntoFullPipe('STDOUT', input);
    closeSync(readEnd); // like `| head` giving up
    const out = await done;
    expect(out.status).toBe(3);
    // the list's own warning (no functionConfig) went out meanwhile; the broken pipe adds no word
    expect(out.stderr).toMatch(/^\[warning\] networkPolicy\.enabled: is not set [^\n]*\n$/);
  });
});

describe('stderr', () => {
  test('a non-blocking pipe that fills up (EAGAIN) still gets every result line, as a blocking pipe does', async () => {
    // 3,000 unknown keys: an error line each, far more than a pipe holds (64 KiB)
    const keys = Array.from({ length: 3_000 }, (_, i) => `    networkPolicy.unknownKey${i}: "x"\n`).join('');
    const input = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  data:\n${keys}`;
    const blocking = spawnSync(BIN, [], { timeout: HANG_MS, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(blocking.status).toBe(1);
    expect(blocking.stderr.length).toBeGreaterThan(256 * 1024);

    const { readEnd, done } = await runIntoFullPipe('STDERR', input);
    const drained = await drain(readEnd);
    const out = await done;
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: blocking.status, stdout: blocking.stdout });
    expect(drained).toBe(blocking.stderr);
  });
});

describe('descriptors that cannot be used: one line naming the cause, exit 3', () => {
  let readOnly: number;
  let writeOnly: number;
  beforeAll(() => {
    writeFileSync(join(dir, 'file.txt'), 'x');
    readOnly = openSync(join(dir, 'file.txt'), 'r');
    writeOnly = openSync(join(dir, 'out.txt'), 'w');
  });
  afterAll(() => {
    closeSync(readOnly);
    closeSync(writeOnly);
  });

  test('stdin open for writing only', () => {
    const out = spawnSync(BIN, [], { timeout: HANG_MS, stdio: [writeOnly, 'pipe', 'pipe'], encoding: 'utf8' });
    expect({ status: out.status, stdout: out.stdout, stderr: out.stderr }).toEqual({ status: 3, stdout: '', stderr: 'controller-network-policy: cannot read stdin: it is not open\n' });
  });

  test('stdout open for reading only', () => {
    const out = spawnSync(BIN, ['--version'], { timeout: HANG_MS, stdio: ['pipe', readOnly, 'pipe'], encoding: 'utf8' });
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 3, stderr: 'controller-network-policy: cannot write stdout: it is not open\n' });
  });

  test('stderr open for reading only: exit 3 all the same, with nowhere to say why', () => {
    const out = spawnSync(BIN, ['--frobnicate'], { timeout: HANG_MS, stdio: ['pipe', 'pipe', readOnly], encoding: 'utf8' });
    expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 3, stdout: '' });
  });

  test('stderr a pipe nobody reads (EPIPE): exit 3, where a closed stdout would be the reader\'s choice', () => {
    const fifo = mkfifo();
    const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeEnd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(readEnd); // no reader left: a write fails with EPIPE
    try {
      const out = spawnSync(BIN, ['--frobnicate'], { timeout: HANG_MS, stdio: ['pipe', 'pipe', writeEnd], encoding: 'utf8' });
      expect({ status: out.status, stdout: out.stdout }).toEqual({ status: 3, stdout: '' });
    } finally {
      closeSync(writeEnd);
    }
  });

  test('an error without a wording of its own (here EINVAL: stdin an unconnected socket) is named in the system\'s words', () => {
    const argv = ['perl', '-MSocket', '-e', 'socket(my $s, PF_UNIX, SOCK_STREAM, 0) or die "socket: $!"; open(STDIN, "<&", $s) or die "dup: $!"; exec { $ARGV[0] } @ARGV or die "exec: $!"', BIN];
    const out = spawnSync(argv[0]!, argv.slice(1), { timeout: HANG_MS, encoding: 'utf8' });
    expect({ status: out.status, stdout: out.stdout, stderr: out.stderr }).toEqual({ status: 3, stdout: '', stderr: 'controller-network-policy: cannot read stdin: invalid argument\n' });
  });

  test('stdout open for reading only while stderr still works: a user mistake still exits 3, after its results', () => {
    const input = readFileSync(QUICKSTART, 'utf8').replace('    metrics:\n      from:', '    metrics:\n      form:');
    const out = spawnSync(BIN, [], { timeout: HANG_MS, input, stdio: ['pipe', readOnly, 'pipe'], encoding: 'utf8' });
    expect(out.status).toBe(3);
    expect(out.stderr).toBe('controller-network-policy: cannot write stdout: it is not open\n');
  });
});

describe('options', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const schema = JSON.parse(readFileSync(join(ROOT, 'functions', 'controller-network-policy', 'schema.json'), 'utf8')) as unknown;

  test.each(['--help', '-h', 'help'])('%s prints the usage on stdout, exit 0', (arg) => {
    const out = spawnSync(BIN, [arg], { timeout: HANG_MS, encoding: 'utf8' });
    expect(out).toMatchObject({ status: 0, stderr: '' });
    expect(out.stdout).toMatch(/^controller-network-policy: a KRM function .*\n[\s\S]*\nUsage:\n[\s\S]*\nExit codes: /);
  });

  test.each(['--version', 'version'])('%s prints the name and version, exit 0', (arg) => {
    expect(spawnSync(BIN, [arg], { timeout: HANG_MS, encoding: 'utf8' })).toMatchObject({ status: 0, stdout: `controller-network-policy ${version}\n`, stderr: '' });
  });

  test.each(['--schema', 'schema'])('%s prints the functionConfig JSON schema, exit 0', (arg) => {
    const out = spawnSync(BIN, [arg], { timeout: HANG_MS, encoding: 'utf8' });
    expect(out).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(out.stdout)).toEqual(schema);
  });

  test('the bundle started directly (node dist/controller-network-policy.cjs) runs the same', () => {
    const out = spawnSync(process.execPath, [join(ROOT, 'dist', 'controller-network-policy.cjs'), '--version'], { timeout: HANG_MS, encoding: 'utf8' });
    expect(out).toMatchObject({ status: 0, stdout: `controller-network-policy ${version}\n`, stderr: '' });
  });

  test('an unknown argument: the message, then the usage, on stderr; nothing on stdout; exit 2', () => {
    const out = spawnSync(BIN, ['--frobnicate'], { timeout: HANG_MS, input: readFileSync(QUICKSTART), encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^controller-network-policy: unknown argument "--frobnicate"\n\ncontroller-network-policy: a KRM function [\s\S]*\nUsage:\n/);
  });
});

describe('an internal error', () => {
  test('(here: an install missing dist/values.schema.json) says so with its stack trace, exit 2', () => {
    const install = mkdtempSync(join(dir, 'install-'));
    cpSync(join(ROOT, 'bin'), join(install, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(install, 'dist'), { recursive: true });
    rmSync(join(install, 'dist', 'values.schema.json'));
    writeFileSync(join(install, 'README'), 'a damaged install\n');
    const out = spawnSync(join(install, 'bin', 'controller-network-policy'), ['--schema'], { timeout: HANG_MS, encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^controller-network-policy: internal error, please report it: Error: ENOENT: no such file or directory, open '.*values\.schema\.json'\n {4}at /);

    // with stderr unusable too, the exit code is all that is left, and it is still 2
    const readOnly = openSync(join(install, 'README'), 'r');
    try {
      const silent = spawnSync(join(install, 'bin', 'controller-network-policy'), ['--schema'], { timeout: HANG_MS, stdio: ['pipe', 'pipe', readOnly], encoding: 'utf8' });
      expect({ status: silent.status, stdout: silent.stdout }).toEqual({ status: 2, stdout: '' });
    } finally {
      closeSync(readOnly);
    }
  });
});
