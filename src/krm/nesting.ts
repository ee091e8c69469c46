/**
 * Deep nesting. kpt reads up to 10,000 levels of flow and as many of block nesting (go-yaml's limits),
 * so a list it sends can be nested that deep; js-yaml stops at 100 unless told otherwise.
 */
export const MAX_NESTING = 20_000;

/** The parsers and the code after them recurse: a deep enough input exhausts the stack, which is not a bug. */
export function isStackExhausted(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** `yaml` reports a stack overflow as a document error; it is rethrown as one, so no caller mistakes it for bad YAML. */
export function rethrowStackExhaustion(errors: readonly { code: string; message: string }[]): void {
  const exhausted = errors.find((e) => e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message));
  if (exhausted) throw new RangeError('Maximum call stack size exceeded');
}
