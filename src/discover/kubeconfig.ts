import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeconfigOptions {
  kubeconfig?: string;
  context?: string;
  env: Readonly<Record<string, string | undefined>>;
}

export type LoadedKubeconfig = { config: KubeConfig; source: string; server: string } | { error: string };

/** Where a ServiceAccount's token is mounted in a pod (what in-cluster config reads). */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The cluster to read, as kubectl finds it: `--kubeconfig`, else $KUBECONFIG (its files merged), else
 * ~/.kube/config, else the pod's ServiceAccount (in-cluster config); then `--context` or the current
 * context. Every failure is a message naming the file and what is wrong in it.
 */
export function loadKubeconfig(options: KubeconfigOptions): LoadedKubeconfig {
  const config = new KubeConfig();
  const home = options.env.HOME ?? options.env.USERPROFILE;
  const defaultFile = home ? join(home, '.kube', 'config') : undefined;
  let described: string;
  try {
    if (options.kubeconfig !== undefined) {
      described = `kubeconfig ${options.kubeconfig}`;
      config.loadFromFile(options.kubeconfig);
    } else if (options.env.KUBECONFIG) {
      described = `kubeconfig ${options.env.KUBECONFIG} (KUBECONFIG)`;
      const [first, ...rest] = options.env.KUBECONFIG.split(':').filter(Boolean);
      config.loadFromFile(first!);
      for (const file of rest) {
        const next = new KubeConfig();
        next.loadFromFile(file);
        config.mergeConfig(next, true);
      }
    } else if (defaultFile && existsSync(defaultFile)) {
      described = `kubeconfig ${defaultFile}`;
      config.loadFromFile(defaultFile);
    } else if (options.env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
      described = 'in-cluster config';
      config.loadFromCluster();
    } else {
      return { error: `no kubeconfig: --kubeconfig is not given, KUBECONFIG is not set, ${defaultFile ?? '~/.kube/config'} does not exist, and this is not a pod with a ServiceAccount; pass --kubeconfig FILE, or read a dump with --from FILE` };
    }
  } catch (error) {
    return { error: `cannot load ${described!}: ${reasonOf(error)}` };
  }
  const contexts = config.getContexts().map((c) => c.name);
  if (options.context !== undefined) {
    if (!contexts.includes(options.context)) return { error: `context "${options.context}" is not in ${described} (its contexts: ${contexts.join(', ') || 'none'})` };
    config.setCurrentContext(options.context);
  }
  const current = config.getCurrentContext();
  const context = current ? config.getContextObject(current) : null;
  if (!context) return { error: `${described} sets no current context${contexts.length ? `: pass --context (its contexts: ${contexts.join(', ')})` : ' and has no context'}` };
  const cluster = config.getCluster(context.cluster);
  if (!cluster) return { error: `context "${context.name}" names cluster "${context.cluster}", which ${described} does not define` };
  return { config, source: described === 'in-cluster config' ? 'the in-cluster config (the pod\'s ServiceAccount)' : `context "${context.name}"`, server: cluster.server };
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}
