import { readFileSync } from 'node:fs';
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
  if (process.stdin.isTTY) {
    process.stderr.write(`${FUNCTION_NAME}: expected a ResourceList on stdin\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  const output = run(readStdin());
  process.stdout.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}

function readStdin(): string {
  return readFileSync(0).toString('utf8');
}

function valuesJsonSchema(): unknown {
  // Only `--schema` needs the generator, so it is required on demand.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./config/values-json-schema.js') as typeof import('./config/values-json-schema.js')).valuesJsonSchema();
}

try {
  main(process.argv.slice(2));
} catch (error) {
  // A thrown exception is a bug in this function, never a user mistake: say so, with the stack.
  process.stderr.write(`${FUNCTION_NAME}: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
}
