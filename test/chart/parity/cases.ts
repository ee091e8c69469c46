import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHART_ENGINES, type ChartEngine } from './chart-engines';
import { CHART } from '../../support/helm';
import { DENY, EGRESS, NAME, TIGHT } from '../../traffic/matrix-rows';

/** One values file, rendered by the chart (helm template) and by the function, under one engine. */
export interface ParityCase {
  /** Where the values come from, as the table in docs/differences.md shows it. */
  label: string;
  engine: ChartEngine;
  values: Record<string, unknown>;
}

type Values = Record<string, unknown>;
const withEngine = (values: Values, engine: ChartEngine): Values => ({ ...values, networkPolicy: { ...(values.networkPolicy as Values), engine } });

/** The chart's chart-testing values file, under every engine. */
function ciValues(): ParityCase[] {
  const values = parse(readFileSync(join(CHART, 'ci', 'networkpolicy-values.yaml'), 'utf8')) as Values;
  return CHART_ENGINES.map((engine) => ({ label: '`ci/networkpolicy-values.yaml`', engine, values: withEngine(values, engine) }));
}

export const SUITES = ['networkpolicy_test.yaml', 'networkpolicy-default-deny_test.yaml', 'ciliumnetworkpolicy_test.yaml', 'caliconetworkpolicy_test.yaml', 'clusternetworkpolicy_test.yaml'];

/**
 * Every distinct `set:` of the chart's network-policy suites that enables the policies, under the engine
 * it names (the chart's default, kubernetes, when it names none), labelled with its first case.
 */
function suiteValues(): ParityCase[] {
  const seen = new Map<string, ParityCase>();
  for (const file of SUITES) {
    const suite = parse(readFileSync(join(CHART, 'tests', file), 'utf8')) as { tests: { it: string; set?: Values }[] };
    for (const { it, set = {} } of suite.tests) {
      const np = set.networkPolicy as { enabled?: boolean; engine?: ChartEngine | null } | undefined;
      if (np?.enabled !== true) continue;
      const key = JSON.stringify(set);
      if (!seen.has(key)) seen.set(key, { label: `${file.replace('_test.yaml', '')}: ${it}`, engine: np.engine ?? 'kubernetes', values: set });
    }
  }
  return [...seen.values()];
}

/**
 * Values that exercise every engine: the traffic matrix's tightened ports, egress (DNS, the apiserver,
 * Flux) and default-deny; and the same tightening written in each engine's own rules, as the chart's
 * README says to tighten a port under a non-kubernetes engine.
 */
function engineValues(): ParityCase[] {
  const matrix = CHART_ENGINES.map((engine) => ({ label: 'matrix: tightened, egress, default-deny', engine, values: { networkPolicy: { enabled: true, engine, ...TIGHT, ...EGRESS, ...DENY } } }));
  const native: Record<Exclude<ChartEngine, 'kubernetes'>, Values> = {
    cilium: {
      ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'monitoring' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
      egress: [{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }],
    },
    calico: {
      ingress: [{ action: 'Allow', protocol: 'TCP', source: { namespaceSelector: "kubernetes.io/metadata.name == 'monitoring'" }, destination: { ports: [8080] } }],
      egress: [{ action: 'Allow', protocol: 'TCP', destination: { nets: ['10.0.0.10/32'], ports: [6443] } }],
    },
    clusterNetworkPolicy: {
      ingress: [{ name: 'metrics-from-monitoring', action: 'Accept', from: [{ namespaces: NAME('monitoring') }], protocols: [{ tcp: { destinationPort: { number: 8080 } } }] }],
      egress: [{ name: 'apiserver', action: 'Accept', to: [{ networks: ['10.0.0.10/32'] }], protocols: [{ tcp: { destinationPort: { number: 6443 } } }] }],
    },
  };
  const nativeCases = (Object.keys(native) as (keyof typeof native)[]).map((engine) => ({
    label: 'native rules: metrics from monitoring, egress to the apiserver, default-deny',
    engine,
    values: { networkPolicy: { enabled: true, engine, [engine]: native[engine], egress: { enabled: true }, ...DENY } },
  }));
  return [...matrix, ...nativeCases];
}

export function parityCases(): ParityCase[] {
  return [...ciValues(), ...suiteValues(), ...engineValues()];
}
