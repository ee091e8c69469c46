import * as z from 'zod/mini';
import { allDialects, DIALECTS, ENGINES, type Engine } from '../dialects/index.js';

/**
 * The function's values: the StageSet chart's `networkPolicy`, `ports`, `webhook`, `gate` and `mcp`
 * keys (defaults from the chart's values.yaml) plus the function-only `target`. This schema is the
 * single source of truth: types, defaults, messages, the JSON schema and the docs' table derive from it.
 */

// Registering (rather than .check(z.describe())) keeps the same instance: no clone per description.
const described = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

// Leaf schemas are shared: building zod schemas is a measurable part of a cold start.
const portNumber = z.int().check(z.gte(1), z.lte(65535));
const boolean = z.boolean();
const string = z.string();
/** Verbatim rules or peers of one dialect; their shape is checked against that dialect's API at render time. */
const verbatimItems = z.array(z.record(string, z.unknown()));

const port = (fallback: number, description: string) => described(z._default(portNumber, fallback), description);

const flag = (fallback: boolean, description: string) => described(z._default(boolean, fallback), description);

const verbatimList = (description: string) => described(z._default(verbatimItems, []), description);

const section = <T extends z.ZodMiniObject>(schema: T, description: string) =>
  described(z.prefault(schema, {} as z.input<T>), description);

const labelSelectorObject = z.strictObject({
  matchLabels: z.optional(z.record(string, string)),
  matchExpressions: z.optional(
    z.array(
      z.strictObject({
        key: string,
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.optional(z.array(string)),
      }),
    ),
  ),
});

/** A Kubernetes label selector, or its kubectl string form (`app=x,tier in (a,b),!legacy`). */
export const labelSelector = z.union([z.string(), labelSelectorObject]);

export { ENGINES, type Engine };

const portFrom = (port: string, extra = '') =>
  section(
    z.strictObject({
      from: verbatimList(`NetworkPolicy peers allowed to reach the ${port} port; empty = open.${extra} Translated into every engine's own peers.`),
    }),
    `Sources of the ${port} port.`,
  );

/** Each engine's own section, `networkPolicy.<engine>`, from the dialect registry. */
type SectionOf<E extends Engine> = (typeof DIALECTS)[E] extends { section: { schema: infer S extends z.ZodMiniObject } } ? S : never;
type SectionSchemas = { [E in Engine as [SectionOf<E>] extends [never] ? never : E]: ReturnType<typeof section<SectionOf<E>>> };
const sections = Object.fromEntries(
  allDialects().flatMap((d) => (d.section ? [[d.engine, section(d.section.schema, d.section.description)]] : [])),
) as SectionSchemas;

export const networkPolicySchema = z.strictObject({
  enabled: flag(false, 'Render anything at all. false: nothing is rendered and previously generated objects are removed.'),
  engine: described(z._default(z.enum(ENGINES), 'kubernetes'), 'Policy dialect to render: explicit, never detected.'),
  defaultDeny: section(
    z.strictObject({
      enabled: flag(false, 'Also render the namespace-wide default-deny (only when the controller owns its namespace).'),
      order: described(
        z._default(z.number(), 2000),
        'Calico order / ClusterNetworkPolicy priority of the deny-all. Calico: any order (the deny-all has no rules, so it takes no action). ClusterNetworkPolicy: must rank after the allowlist; the chart default 2000 (out of range) means 1000.',
      ),
    }),
    'Namespace-wide default-deny.',
  ),
  webhook: portFrom('webhook', ' The kube-apiserver is not a pod: keep it open.'),
  metrics: portFrom('metrics'),
  gate: portFrom('gate'),
  mcp: portFrom('mcp'),
  ...sections,
  additionalIngress: verbatimList('Extra NetworkPolicy ingress rules (from + ports), added to the per-port rules: verbatim under kubernetes, translated under the other engines.'),
  egress: section(
    z.strictObject({
      enabled: flag(false, 'Render egress (adds Egress to the policy types: everything not allowed is denied).'),
      dns: flag(true, 'Allow UDP+TCP 53 to the DNS namespace.'),
      dnsNamespace: described(
        z._default(z.string().check(z.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a namespace name (DNS-1123 label)')), 'kube-system'),
        'Namespace of the cluster DNS, matched by kubernetes.io/metadata.name.',
      ),
      to: verbatimList('Extra NetworkPolicy egress rules (to + ports; the kube-apiserver goes here): verbatim under kubernetes, translated under the other engines.'),
    }),
    'Opt-in egress.',
  ),
  explain: flag(false, 'Function-only: add the traffic matrix of the output (Markdown, as `controller-network-policy explain` prints it) as one info result.'),
});

export const targetSchema = z.strictObject({
  selector: described(
    z._default(labelSelector, { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }),
    "Label selector matched against the pod-template labels of the items' workloads.",
  ),
  namespace: described(z.optional(z.string()), 'Only protect workloads in this namespace; also the namespace of workloads that have none.'),
  pods: described(
    z.optional(
      z.strictObject({
        name: described(z._default(z.string(), 'stageset-controller'), 'Name of the allowlist (the chart names it after the controller).'),
        namespace: described(z.string(), 'Namespace of the pods.'),
        selector: described(labelSelector, 'Label selector of the pods, as an object or in kubectl syntax.'),
      }),
    ),
    'Explicit pods to protect when the items hold no workload (kustomize generators:); replaces discovery.',
  ),
});

const enabledSection = (fallback: boolean, what: string) =>
  section(z.looseObject({ enabled: flag(fallback, `Whether the ${what} port's ingress rule renders.`) }), `The chart's ${what} settings.`);

export const valuesSchema = z.looseObject({
  ports: section(
    z.strictObject({
      metrics: port(8080, 'controller-runtime Prometheus metrics'),
      health: port(8081, '/healthz and /readyz probes; always open'),
      gate: port(8082, 'read-only Flagger stage-gate endpoint'),
      mcp: port(8084, 'MCP server'),
      webhook: port(9443, 'validating admission webhook'),
    }),
    'Container ports of the controller.',
  ),
  webhook: enabledSection(true, 'webhook'),
  gate: enabledSection(true, 'gate'),
  mcp: enabledSection(false, 'mcp'),
  networkPolicy: section(networkPolicySchema, 'The network policies to render.'),
  target: section(targetSchema, 'Which workloads to protect (function-only, not a chart value).'),
});

export type Values = z.output<typeof valuesSchema>;
export type ValuesInput = z.input<typeof valuesSchema>;
export type LabelSelectorValue = z.output<typeof labelSelector>;
