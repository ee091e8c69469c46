import { BIN, freshDir, runAsync, type RunResult } from '../support/e2e';

/**
 * `controller-network-policy discover …` through the real entry point, without blocking this process
 * (the fake API server answers from it), in an environment that holds no kubeconfig of the machine's:
 * HOME is empty and KUBECONFIG unset unless given.
 */
export function discover(args: readonly string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<RunResult> {
  return runAsync(BIN, ['discover', ...args], {
    env: { HOME: freshDir('cnp-discover-home-'), KUBECONFIG: undefined, KUBERNETES_SERVICE_HOST: undefined, ...env },
    timeoutMs: 30_000,
    ...(cwd ? { cwd } : {}),
  });
}

/** Node's stack lines (`    at fn (file:1:2)`): none may reach a user. */
export const STACK_TRACE = /^\s+at .+[:(]/m;
