import { existsSync, fstatSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunOutput } from './run.js';
import { FUNCTION_NAME } from './constants.js';
import { usage } from './usage.js';
import { loadExplain } from './explain/load-explain.js';

declare const __VERSION__: string;

/** Exit codes (docs/troubleshooting.md): 1 is an error result, set by run(). */
const EXIT_USAGE_OR_BUG = 2;
const EXIT_ENVIRONMENT = 3;

/**
 * Stack for a second attempt when the input is nested deeper than the main thread's stack (about 1 MB)
 * can follow: kpt sends up to 10,000 levels of flow nesting, and 64 MB reads twice that.
 */
const LARGE_STACK_MB = 64;

/** How long `discover` lets pending writes finish after answering before it exits regardless. */
const DISCOVER_LINGER_MS = 1000;

/**
 * The only module that touches the process: arguments, stdin, stdout, stderr and the exit code.
 * It uses file descriptors directly: `process.stdin/stdout/stderr` load the net and stream modules,
 * a tenth of a cold start, and touching `process.stdin` turns a pipe non-blocking.
 */
export function main(argv: readonly string[]): void {
  try {
    dispatch(argv);
  } catch (error) {
    fail(error);
  }
}

function dispatch(argv: readonly string[]): void {
  const [arg] = argv;
  if (arg === '--help' || arg === '-h' || arg === 'help') return write(1, usage());
  if (arg === '--version' || arg === 'version') return write(1, `${FUNCTION_NAME} ${__VERSION__}\n`);
  if (arg === '--schema' || arg === 'schema') return write(1, `${JSON.stringify(valuesJsonSchema(), null, 2)}\n`);
  if (arg === 'discover') return discover(argv.slice(1));
  if (arg === 'explain' || arg === 'diff') return explainCommand(argv);
  if (arg !== undefined) return usageError(`unknown argument ${JSON.stringify(arg)}`);
  if (stdinIsTerminal()) return usageError('expected a ResourceList on stdin');
  const chunks: Buffer[] = [];
  if (readStdinSync(chunks)) return respond(Buffer.concat(chunks));
  readRestAsync(chunks).then(respond).catch(fail);
}

/** `explain` and `diff` (docs/explain.md): their code is loaded only here, from its own bundle. */
function explainCommand(argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) return write(1, usage());
  const bundle = loadExplain();
  const parsed = bundle.parseArguments(argv);
  if (parsed.error !== undefined) return usageError(parsed.error, bundle.EXIT_USAGE);
  const { command } = parsed;
  const finish = (stdin: Buffer | undefined) => {
    const inputs = command.inputs.map((file) => (file === '-' ? (stdin ?? Buffer.alloc(0)) : readFile(file)));
    const output = bundle.runCommand(command, inputs);
    write(1, output.stdout);
    // Stryker disable next-line ConditionalExpression: writing empty stderr writes nothing
    if (output.stderr) write(2, output.stderr);
    process.exitCode = output.exitCode;
  };
  if (!command.inputs.includes('-')) return finish(undefined);
  if (stdinIsTerminal()) return usageError(`${command.command}: expected YAML on stdin (or name a file)`, bundle.EXIT_USAGE);
  const chunks: Buffer[] = [];
  if (readStdinSync(chunks)) return finish(Buffer.concat(chunks));
  readRestAsync(chunks).then(finish).catch(fail);
}

/** A named input: its bytes, or why it cannot be read (a user's mistake, reported as such). */
function readFile(file: string): Buffer | { error: string } {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : reasonOf(code, error) };
  }
}

function respond(input: Buffer): void {
  const output = run(input);
  // Stryker disable next-line ConditionalExpression: always taking the large stack gives the same output, only slower
  if (output.exhaustedStack) {
    runOnLargeStack(input).then(emit).catch(fail);
    return;
  }
  emit(output);
}

function emit(output: RunOutput): void {
  write(1, output.stdout);
  // Stryker disable next-line ConditionalExpression: writing empty stderr writes nothing
  if (output.stderr) write(2, output.stderr);
  process.exitCode = output.exitCode;
}

/** run() again in a worker thread whose stack is large enough for deep input (rare, so worth a thread). */
function runOnLargeStack(input: Buffer): Promise<RunOutput> {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const code = `const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(require(workerData.bundle).run(workerData.input));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { bundle: __filename, input }, resourceLimits: { stackSizeMb: LARGE_STACK_MB } });
    worker.once('message', (output: RunOutput) => resolve(output));
    // Only a worker that dies without answering (out of memory) gets here: no test can provoke it
    // without starving the machine, yet without these the process would end quietly with exit 0.
    // Stryker disable next-line StringLiteral: see above
    worker.once('error', reject);
    // Stryker disable next-line StringLiteral,ArrowFunction: see above
    worker.once('exit', (code) => reject(new Error(`the worker thread stopped without an answer (exit code ${code})`)));
  });
}

function usageError(message: string, exitCode = EXIT_USAGE_OR_BUG): void {
  write(2, `${FUNCTION_NAME}: ${message}\n\n${usage()}`);
  process.exitCode = exitCode;
}

function stdinIsTerminal(): boolean {
  // A terminal is a character device; only then is the tty module (and what it loads) worth asking.
  // (fstat cannot fail: Node.js opens /dev/null in place of a closed stdin before any code runs.)
  // Stryker disable next-line ConditionalExpression: asking isatty of every stdin gives the same answer, only slower
  if (!fstatSync(0).isCharacterDevice()) return false;
  return (require('node:tty') as typeof import('node:tty')).isatty(0);
}

/**
 * Reads stdin synchronously (the fast way) into `chunks`; false when it is a non-blocking pipe that ran
 * momentarily empty (EAGAIN), so the rest must be read asynchronously without losing what was read.
 */
function readStdinSync(chunks: Buffer[]): boolean {
  for (;;) {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let read: number;
    try {
      read = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') return false;
      // Stryker disable next-line ConditionalExpression,StringLiteral,BooleanLiteral: only Windows throws EOF (a pipe whose writer closed); Linux returns 0
      if (code === 'EOF') return true;
      throw new IoError('read stdin', error);
    }
    // Stryker disable next-line BooleanLiteral: reading the rest of a stdin at its end asynchronously gives the same input, only slower
    if (read === 0) return true;
    chunks.push(buffer.subarray(0, read));
  }
}

async function readRestAsync(chunks: Buffer[]): Promise<Buffer> {
  try {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  } catch (error) {
    throw new IoError('read stdin', error);
  }
  return Buffer.concat(chunks);
}

/** Writes synchronously; a non-blocking pipe that is full (EAGAIN) gets the rest through its stream. */
function write(fd: 1 | 2, text: string): void {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a stderr that fails cannot carry a message naming itself; the exit code is 3 either way
  const what = fd === 1 ? 'write stdout' : 'write stderr';
  // Stryker disable next-line StringLiteral: an empty encoding is Buffer's default, UTF-8
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw new IoError(what, error);
      const stream = fd === 1 ? process.stdout : process.stderr;
      stream.once('error', (late) => fail(new IoError(what, late)));
      stream.write(bytes.subarray(offset));
      return;
    }
  }
}

/** stdin, stdout or stderr failed: a problem of the environment, not of the input, and not a bug. */
class IoError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly what: 'read stdin' | 'write stdout' | 'write stderr',
    cause: unknown,
  ) {
    // Stryker disable next-line OptionalChaining: every cause is an error that fs threw
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`cannot ${what}: ${reasonOf(code, cause)}`);
    this.code = code;
  }
}

/**
 * Wordings where Node.js's own (libuv's) would puzzle a user. ENOSPC, EDQUOT, EFBIG, EACCES, EIO and
 * ECONNRESET need none: `no space left on device`, `i/o error`, `connection reset by peer` are already
 * its words. No EPIPE: a closed stdout ends quietly, and a closed stderr cannot say so.
 */
const REASONS: Record<string, string> = {
  EISDIR: 'is a directory',
  EBADF: 'it is not open',
};

function reasonOf(code: string | undefined, cause: unknown): string {
  if (code && REASONS[code]) return REASONS[code];
  // Node's message is `CODE: description, syscall`
  const message = cause instanceof Error ? cause.message : String(cause);
  // Stryker disable next-line Regex: Node's message starts with its code, so the anchor changes nothing
  return /^[A-Z0-9]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

function fail(error: unknown): void {
  if (error instanceof IoError) {
    // a closed stdout (`| head`) is the reader's choice: end quietly; anything else gets one line
    // (a closed stderr is the other EPIPE, and cannot carry it)
    if (error.code !== 'EPIPE') {
      try {
        writeSync(2, `${FUNCTION_NAME}: ${error.message}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left
      }
    }
    process.exitCode = EXIT_ENVIRONMENT;
    return;
  }
  // Any other exception is a bug in this function, never a user mistake: say so, with the stack.
  try {
    write(2, `${FUNCTION_NAME}: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
  } catch {
    // nowhere to report it
  }
  process.exitCode = EXIT_USAGE_OR_BUG;
}

/**
 * `discover` is a bundle of its own, dist/discover.cjs, with the Kubernetes client in it: a computed
 * require() path, which esbuild leaves alone, so the function never loads or parses it (from src/
 * under jest, the built file in dist/). The client's own dependencies use APIs Node.js deprecates
 * (node-fetch 2 calls url.parse(), DEP0169 on Node.js 24): their warnings are not the user's concern.
 * Once it has answered, a request it cancelled or a credentials plugin still running must not keep the
 * process alive.
 */
function discover(args: readonly string[]): void {
  process.noDeprecation = true;
  const candidates = [join(__dirname, 'discover.cjs'), join(__dirname, '..', 'dist', 'discover.cjs')];
  const bundle = candidates.find((file) => existsSync(file));
  if (!bundle) throw new Error(`the discover bundle is missing (looked in ${candidates.join(', ')}): run npm run build`);
  const { discover: read } = require(bundle) as typeof import('./discover/discover-command.js');
  read(args, process.env)
    .then((output) => {
      emit(output);
      setTimeout(() => process.exit(), DISCOVER_LINGER_MS).unref();
    })
    .catch(fail);
}

/** The JSON schema generated from the values schema at build time (keeps the generator out of start-up). */
function valuesJsonSchema(): unknown {
  return JSON.parse(readFileSync(join(__dirname, 'values.schema.json'), 'utf8')) as unknown;
}

export { run };

// `node dist/controller-network-policy.cjs` runs it too; bin/controller-network-policy calls main itself.
if (require.main === module) main(process.argv.slice(2));
