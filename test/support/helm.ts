/**
 * The real helm and the real chart: the helm binary test/tools/fetch-helm.mjs put in place (pinned in
 * test/tools/helm.json; `npm test` runs the fetch first) and the vendored stageset-controller chart.
 */
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import pin from '../tools/helm.json';
import { run } from './e2e';
import { FIXTURES, ROOT } from './paths';

export const HELM = join(ROOT, 'node_modules', '.cache', 'controller-network-policy', `helm-${pin.helm}`, 'helm');
export const HELM_VERSION = pin.helm;
/** The vendored chart (test/fixtures/SOURCES.txt). */
export const CHART = join(FIXTURES, 'chart', 'stageset-controller');

/** Why helm cannot run here, or undefined when it can (for describeUnless). */
export function helmMissing(): string | undefined {
  try {
    accessSync(HELM, constants.X_OK);
    return undefined;
  } catch {
    return `helm ${pin.helm} is not at ${HELM} (node test/tools/fetch-helm.mjs puts it there; npm test runs it)`;
  }
}

export interface TemplateOptions {
  release?: string;
  namespace?: string;
  /** Passed as one values file (-f), like a user's values.yaml. */
  values?: Record<string, unknown>;
  /** Values files of the chart itself, relative to it (`ci/networkpolicy-values.yaml`). */
  valuesFiles?: readonly string[];
  args?: readonly string[];
}

/** `helm template` of the vendored chart: the multi-document YAML a user would pipe on. */
export function helmTemplate(options: TemplateOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnp-helm-values-'));
  try {
    const args = ['template', options.release ?? 'stageset-controller', CHART, '--namespace', options.namespace ?? 'stageset-system'];
    for (const file of options.valuesFiles ?? []) args.push('-f', join(CHART, file));
    if (options.values) {
      writeFileSync(join(dir, 'values.yaml'), stringify(options.values));
      args.push('-f', join(dir, 'values.yaml'));
    }
    const result = run(HELM, [...args, ...(options.args ?? [])], { env: { HELM_CONFIG_HOME: dir, HELM_CACHE_HOME: dir, HELM_DATA_HOME: dir } });
    if (result.status !== 0) throw new Error(result.report);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
