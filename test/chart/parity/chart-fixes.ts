import type { Values } from '../../../src/config/values-schema';
import type { ChartEngine } from './chart-engines';
import { DIALECTS } from '../../../src/dialects/index';
import type { KubeObject } from '../../../src/k8s/kube-object';
import { PORT_NAMES, type PortName } from '../../../src/dialects/plan';

/**
 * The deviations from the chart (docs/differences.md), each as what it does to
 * the chart's rendered policies: apply a fix and the chart's objects make the function's choice on that
 * one point. The parity test applies them one after another; a flow whose verdict one of them changes
 * is explained by it. Ids are the first column of the differences table in docs/differences.md.
 */
export type DeviationId =
  | 'named-ports'
  | 'native-replaces'
  | 'cilium-empty-section'
  | 'cilium-dns'
  | 'calico-dns'
  | 'calico-order'
  | 'cnp-isolation'
  | 'cnp-deny-networks'
  | 'cnp-priority'
  | 'translated-knobs';

export interface ChartFix {
  id: DeviationId;
  engine: ChartEngine;
  apply(objects: readonly KubeObject[], values: Values): KubeObject[];
}

type Rule = Record<string, unknown>;
interface Spec {
  ingress?: Rule[] | null;
  egress?: Rule[] | null;
  priority?: number;
  order?: number;
}

const isDeny = (object: KubeObject) => object.metadata.name.includes('-default-deny');

/** A copy of every object, with `change` applied to the spec of the allowlist (or of the deny-all). */
function edit(objects: readonly KubeObject[], which: 'allowlist' | 'deny', change: (spec: Spec) => void): KubeObject[] {
  return objects.map((object) => {
    const copy = structuredClone(object);
    if (isDeny(copy) === (which === 'deny')) change(copy.spec as Spec);
    return copy;
  });
}

/** The controller's ports the chart renders a rule for, in its order (health, webhook, metrics, gate, mcp). */
function enabledPorts(values: Values): PortName[] {
  const enabled: Record<PortName, boolean> = { health: true, webhook: values.webhook.enabled, metrics: true, gate: values.gate.enabled, mcp: values.mcp.enabled };
  return PORT_NAMES.filter((name) => enabled[name]);
}

const DNS_NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';
const EVERY_NETWORK = ['0.0.0.0/0', '::/0'];

export const CHART_FIXES: readonly ChartFix[] = [
  // the native list's rule for a port replaces the chart's open rule for it (the chart's generated rules come first, one per enabled port)
  ...(['cilium', 'calico', 'clusterNetworkPolicy'] as const).map(
    (engine): ChartFix => ({
      id: 'native-replaces',
      engine,
      apply: (objects, values) =>
        edit(objects, 'allowlist', (spec) => {
          const native = values.networkPolicy[engine].ingress;
          const ports = enabledPorts(values);
          spec.ingress = (spec.ingress ?? []).filter((_rule, i) => {
            const name = ports[i];
            return i >= ports.length || name === 'health' || !native.some((rule) => DIALECTS[engine].namesPort(rule, values.ports[name!]));
          });
        }),
    }),
  ),
  {
    id: 'named-ports',
    engine: 'kubernetes',
    apply: (objects, values) =>
      edit(objects, 'allowlist', (spec) => {
        const count = enabledPorts(values).length;
        for (const rule of (spec.ingress ?? []).slice(0, count)) {
          for (const port of (rule.ports as Rule[] | undefined) ?? []) if (typeof port.port === 'string' && port.port in values.ports) port.port = values.ports[port.port as PortName];
        }
      }),
  },
  {
    id: 'cilium-dns',
    engine: 'cilium',
    apply: (objects, values) =>
      edit(objects, 'allowlist', (spec) => {
        for (const rule of spec.egress ?? []) {
          const peers = rule.toEndpoints as { matchLabels?: Record<string, string> }[] | undefined;
          if (peers?.[0]?.matchLabels?.['k8s:k8s-app'] !== 'kube-dns') continue;
          rule.toEndpoints = [{ matchLabels: { [DNS_NAMESPACE_LABEL]: values.networkPolicy.egress.dnsNamespace } }];
          for (const ports of (rule.toPorts as Rule[] | undefined) ?? []) delete ports.rules;
        }
      }),
  },
  {
    id: 'cilium-empty-section',
    engine: 'cilium',
    apply: (objects, values) => {
      const denies = edit(objects, 'deny', (spec) => {
        if (Array.isArray(spec.ingress) && spec.ingress.length === 0) spec.ingress = [{ fromEntities: ['none'] }];
        if (Array.isArray(spec.egress) && spec.egress.length === 0) spec.egress = [{ toEntities: ['none'] }];
      });
      return edit(denies, 'allowlist', (spec) => {
        if (values.networkPolicy.egress.enabled && (spec.egress ?? []).length === 0) spec.egress = [{ toEntities: ['none'] }];
      });
    },
  },
  {
    id: 'calico-dns',
    engine: 'calico',
    apply: (objects, values) =>
      edit(objects, 'allowlist', (spec) => {
        for (const rule of spec.egress ?? []) {
          const destination = rule.destination as Rule | undefined;
          if (rule.action !== 'Allow' || Object.keys(destination ?? {}).join() !== 'ports' || JSON.stringify(destination?.ports) !== '[53]') continue;
          destination!.namespaceSelector = `kubernetes.io/metadata.name == '${values.networkPolicy.egress.dnsNamespace}'`;
        }
      }),
  },
  { id: 'calico-order', engine: 'calico', apply: (objects) => edit(objects, 'allowlist', (spec) => void (spec.order = 100)) },
  {
    id: 'cnp-isolation',
    engine: 'clusterNetworkPolicy',
    apply: (objects, values) =>
      edit(objects, 'allowlist', (spec) => {
        spec.ingress = [...(spec.ingress ?? []), { name: 'deny-everything-else', action: 'Deny', from: [{ namespaces: {} }] }];
        if (values.networkPolicy.egress.enabled) spec.egress = [...(spec.egress ?? []), { name: 'deny-everything-else', action: 'Deny', to: [{ namespaces: {} }, { networks: EVERY_NETWORK }] }];
      }),
  },
  {
    id: 'cnp-deny-networks',
    engine: 'clusterNetworkPolicy',
    apply: (objects) =>
      edit(objects, 'deny', (spec) => {
        for (const rule of spec.egress ?? []) if (rule.action === 'Deny') rule.to = [...((rule.to as Rule[] | undefined) ?? []), { networks: EVERY_NETWORK }];
      }),
  },
  {
    id: 'cnp-priority',
    engine: 'clusterNetworkPolicy',
    apply: (objects) => {
      const withDeny = objects.some(isDeny);
      const denies = edit(objects, 'deny', (spec) => void (spec.priority === 2000 && (spec.priority = 1000)));
      return edit(denies, 'allowlist', (spec) => void (withDeny && spec.priority === 1000 && (spec.priority = 900)));
    },
  },
];
