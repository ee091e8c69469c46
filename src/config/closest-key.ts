import { closestName } from '../krm/closest-name.js';

/** Values keys are short: up to two edits away (or a third of the key) still reads as a typo. */
const KEY_TOLERANCE = { edits: (key: string) => Math.max(2, Math.floor(key.length / 3)), minLength: 0 };

/** The known key nearest to a typo, if it is near enough to be what was meant. */
export function closestKey(typo: string, known: readonly string[]): string | undefined {
  return closestName(typo, known, KEY_TOLERANCE);
}
