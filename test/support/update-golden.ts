/**
 * Whether this run rewrites expected files (golden cases, examples, generated docs) instead of
 * comparing with them: `UPDATE_GOLDEN=1`, for a change made on purpose and reviewed in `git diff`.
 * CI checks those files, so rewriting them there would pass whatever the code does: refused.
 */
export function updatingGoldens(): boolean {
  if (process.env.UPDATE_GOLDEN !== '1') return false;
  if (process.env.CI === 'true') throw new Error('UPDATE_GOLDEN=1 rewrites the expected files and is refused under CI=true: run it locally and commit the reviewed change');
  return true;
}
