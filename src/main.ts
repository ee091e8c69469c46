import { readSync } from 'node:fs';
import { isatty } from 'node:tty';
import { run } from './run.js';
import { FUNCTION_NAME } from './constants.js';
import { usage } from './usage.js';

declare const __VERSION__: string;

/** The only module that touches the process: arguments, stdin, stdout, stderr and the exit code. */
function main(argv: readonly string[]): void {
  const [arg] = argv;
  if (arg === '--help' || arg === '-h' || arg === 'help') return void process.stdout.write(usage());
  if (arg === '--version' || arg === 'version') return void process.stdout.write(`${FUNCTION_NAME} ${__VERSION__}\n`);
  if (arg === '--schema' || arg === 'schema') return void process.stdout.write(`${JSON.stringify(valuesJsonSchema(), null, 2)}\n`);
  if (arg !== undefined) {
    process.stderr.write(`${FUNCTION_NAME}: unknown argument ${JSON.stringify(arg)}\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  // isatty(0), not process.stdin.isTTY: touching process.stdin turns a pipe non-blocking (EAGAIN below)
  if (isatty(0)) {
    process.stderr.write(`${FUNCTION_NAME}: expected a ResourceList on stdin\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  const chunks: Buffer[] = [];
  if (readStdinSync(chunks)) return respond(Buffer.concat(chunks).toString('utf8'));
  readRestAsync(chunks).then(respond, fail);
}

function respond(input: string): void {
  const output = run(input);
  process.stdout.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
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
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return false;
      if ((error as NodeJS.ErrnoException).code === 'EOF') return true;
      throw error;
    }
    if (read === 0) return true;
    chunks.push(buffer.subarray(0, read));
  }
}

async function readRestAsync(chunks: Buffer[]): Promise<string> {
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function fail(error: unknown): void {
  // A thrown exception is a bug in this function, never a user mistake: say so, with the stack.
  process.stderr.write(`${FUNCTION_NAME}: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
}

function valuesJsonSchema(): unknown {
  // Only `--schema` needs the generator, so it is required on demand.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./config/values-json-schema.js') as typeof import('./config/values-json-schema.js')).valuesJsonSchema();
}

try {
  main(process.argv.slice(2));
} catch (error) {
  fail(error);
}
