import type { Problem } from '../krm/result.js';
import type { Values } from '../config/values-schema.js';
import { kubernetes } from '../dialects/kubernetes/kubernetes.js';
import { validateObject } from '../validate/validate-object.js';
import { originOf } from '../dialects/validate-rendered.js';

/**
 * The values' NetworkPolicy-shaped rules (`*.from`, `additionalIngress`, `egress.to`) are the
 * engine-neutral vocabulary every dialect translates. They are checked once, as what they are — rules
 * of a NetworkPolicy, against its schema and the API server's rules — before any dialect sees them,
 * so a mistake is reported at the value the user wrote, whatever the engine.
 */
export function checkNeutralRules(values: Values): Problem[] {
  const np = values.networkPolicy;
  const ingress: unknown[] = [];
  const origins: { objectPath: string; valuesPath: string }[] = [];
  const enabled = { webhook: values.webhook.enabled, metrics: true, gate: values.gate.enabled, mcp: values.mcp.enabled };
  for (const name of ['webhook', 'metrics', 'gate', 'mcp'] as const) {
    if (!enabled[name] || np[name].from.length === 0) continue;
    origins.push({ objectPath: `spec.ingress[${ingress.length}].from`, valuesPath: `networkPolicy.${name}.from` });
    ingress.push({ from: np[name].from, ports: [{ protocol: 'TCP', port: values.ports[name] }] });
  }
  np.additionalIngress.forEach((rule, i) => {
    origins.push({ objectPath: `spec.ingress[${ingress.length}]`, valuesPath: `networkPolicy.additionalIngress[${i}]` });
    ingress.push(rule);
  });
  const egress = np.egress.enabled ? np.egress.to : [];
  egress.forEach((_rule, i) => origins.push({ objectPath: `spec.egress[${i}]`, valuesPath: `networkPolicy.egress.to[${i}]` }));
  if (origins.length === 0) return [];

  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'values', namespace: 'values' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
  const problems: Problem[] = [];
  for (const violation of validateObject(policy, kubernetes.validation)) {
    const origin = originOf(violation.path, origins);
    if (origin) problems.push({ path: `${origin.valuesPath}${violation.path.slice(origin.objectPath.length)}`, message: violation.message });
  }
  return problems;
}
