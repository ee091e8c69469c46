import { parse, stringify } from 'yaml';
import { run } from '../../src/run';
import { controllerDeployment, resourceList } from '../support/fixtures';
import type { Doc } from './helm-unittest';

export interface Outcome {
  exitCode: number;
  stderr: string;
  docs: Doc[];
}

/** Runs the function on the chart's Deployment with chart values as the functionConfig. */
export function render(values: Record<string, unknown>, namespace: string): Outcome {
  const functionConfig = stringify({ functionConfig: { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'ControllerNetworkPolicy', metadata: { name: 'chart-values' }, ...values } });
  const mcp = (values.mcp as { enabled?: boolean } | undefined)?.enabled === true;
  const out = run(resourceList([controllerDeployment(namespace, 'stageset-controller', { mcp })], functionConfig));
  const list = parse(out.stdout) as { items: Doc[] };
  const docs = list.items.filter((d) => (d.metadata as { labels?: Record<string, string> }).labels?.['app.kubernetes.io/managed-by'] === 'controller-network-policy');
  return { exitCode: out.exitCode, stderr: out.stderr, docs };
}

