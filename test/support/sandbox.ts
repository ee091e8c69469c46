/**
 * Runs a command the way `docker run --rm -i --network none --user nobody
 * --security-opt=no-new-privileges` runs the image, on a machine without a Docker daemon: as uid/gid
 * 65534 with no supplementary groups and no-new-privileges (setpriv), in a new network namespace
 * (no network at all) and a new mount namespace where the world-writable directories and the staged
 * image are bind-mounted read-only, from cwd /, with an empty environment whose HOME and TMPDIR do
 * not exist. Needs root, setpriv and unshare (util-linux).
 */
import { delimiter } from 'node:path';
import { onPath, run, type RunResult } from './e2e';

const WORLD_WRITABLE = ['/tmp', '/var/tmp', '/dev/shm', '/run/lock'];

export function sandboxUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root (needed to switch to uid 65534 and to unshare)';
  const missing = ['setpriv', 'unshare', 'mount'].filter((t) => !onPath(t) && !onPath(t, '/usr/sbin:/sbin'));
  if (missing.length) return `${missing.join(', ')} not found`;
  const probe = run('unshare', ['--net', '--mount', '--', 'true']);
  if (probe.status !== 0) return `unshare --net --mount does not work here: ${probe.stderr.trim()}`;
  return undefined;
}

/** Runs argv inside the sandbox; readOnly lists extra paths to bind read-only (e.g. the staged image). */
export function runSandboxed(argv: readonly string[], options: { input?: string; readOnly?: readonly string[] } = {}): RunResult {
  const script = [
    'set -e',
    `for d in ${WORLD_WRITABLE.join(' ')} "$@"; do case "$d" in --) break;; esac; [ -d "$d" ] && mount --bind -o ro "$d" "$d"; done`,
    'while [ "$1" != -- ]; do shift; done; shift',
    'cd /',
    'exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs -- env -i PATH=/usr/bin:/bin HOME=/nonexistent TMPDIR=/nonexistent/tmp "$@"',
  ].join('\n');
  return run('unshare', ['--net', '--mount', '--', 'sh', '-c', script, 'sandbox', ...(options.readOnly ?? []), '--', ...argv], {
    input: options.input ?? '',
    path: ['/usr/sbin', '/sbin'].filter((d) => !(process.env.PATH ?? '').split(delimiter).includes(d)),
  });
}
