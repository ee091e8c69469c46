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

/** Keys this function adds to the chart's values: marked so in the JSON schema and the docs' table. */
export const EXTENSION = 'Function extension (not a chart value): ';
const extension = <T extends z.ZodMiniType>(schema: T, description: string): T => described(schema, EXTENSION + description);

/** A CIDR as the API writes it; checked strictly (no host bits) where the plan uses it. */
const cidrList = z.array(z.string().check(z.regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'must be a CIDR such as 10.0.0.1/32 or fd00::1/128')));

/** DNS setups whose servers the chart's rule (the whole DNS namespace on port 53) does not reach. */
export const DNS_PRESETS = ['kube-dns', 'openshift', 'node-local-dns', 'gke-cloud-dns', 'eks-auto-mode'] as const;
export type DnsPreset = (typeof DNS_PRESETS)[number];

const apiserverSchema = z.strictObject({
  cidrs: described(z._default(cidrList, []), 'Endpoint addresses of default/kubernetes (kubectl get endpointslice -n default -l kubernetes.io/service-name=kubernetes), as /32 or /128 CIDRs.'),
  ports: described(z._default(z.array(portNumber).check(z.minLength(1, 'must name at least one port')), [443, 6443]), 'TCP ports of the endpoints: 443 (the Service) and 6443 (kubeadm, k3s, kubespray, OpenShift endpoints).'),
  serviceIP: described(z.optional(z.string().check(z.regex(/^[0-9a-fA-F:.]+$/, 'must be an IP address such as 10.96.0.1'))), 'ClusterIP of default/kubernetes, also allowed for CNIs that enforce egress before the Service is translated.'),
  external: flag(false, 'The control plane runs outside the cluster (EKS, GKE, AKS, HyperShift): Cilium then also allows the cidrs.'),
});

const derivedSchema = z.strictObject({
  enabled: flag(false, 'Derive egress rules from the chart values and the items (tracing, rollback store, action hosts, Flux, StageSets, MetricSources); off: an info result lists what would be derived.'),
  tracing: flag(true, 'The OTLP collector of controller.tracing.endpoint.'),
  rollbackStore: flag(true, 'The S3 endpoint of rollbackStore.s3.endpoint (rollbackStore.backend: s3).'),
  actionHosts: flag(true, 'The host globs of controller.allowedActionHosts.'),
  fluxSource: flag(true, "Flux's source-controller (its pods on TCP 9090) in fluxNamespace."),
  fluxNamespace: described(z._default(z.string(), 'flux-system'), "Namespace of Flux's source-controller."),
  items: flag(true, 'StageSet kubeConfig ConfigMaps and MetricSource addresses among the items.'),
});

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
      to: verbatimList('Extra NetworkPolicy egress rules (to + ports): verbatim under kubernetes, translated under the other engines.'),
      apiserver: extension(z.optional(apiserverSchema), 'The kube-apiserver, declared once and rendered in each engine\'s working idiom (Cilium: the kube-apiserver entity; Calico: the default/kubernetes Service when no cidrs; NetworkPolicy and ClusterNetworkPolicy: the cidrs).'),
      dnsPreset: extension(z.optional(z.enum(DNS_PRESETS)), 'DNS setup whose servers the chart\'s rule misses: kube-dns (CoreDNS pods), openshift (openshift-dns, port 5353), node-local-dns (169.254.20.10 and kube-dns), gke-cloud-dns (169.254.169.254), eks-auto-mode (dnsAddresses).'),
      dnsAddresses: extension(z.optional(cidrList), 'DNS server addresses for the presets that use addresses (eks-auto-mode: required, the DNS Service IP; node-local-dns: default 169.254.20.10/32; gke-cloud-dns: default 169.254.169.254/32).'),
      derived: extension(z.prefault(derivedSchema, {}), 'Egress derived from what the controller is configured to reach.'),
    }),
    'Opt-in egress.',
  ),
  companions: extension(
    z.prefault(
      z.strictObject({
        fluxSource: section(
          z.strictObject({
            enabled: flag(false, "A NetworkPolicy in egress.derived.fluxNamespace that admits the controller's namespace to source-controller's port 9090 (Flux's own allow-egress policy admits only flux-system)."),
          }),
          "Flux's side of the controller's artifact downloads.",
        ),
      }),
      {},
    ),
    'Policies on the other side of a flow, in other namespaces.',
  ),
  explain: extension(z._default(boolean, false), 'Add the traffic matrix of the output (Markdown, as `controller-network-policy explain` prints it) as one info result.'),
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

/** The chart's `controller` and `rollbackStore` keys that imply egress (the rest is accepted and ignored). */
const controllerSchema = z.looseObject({
  allowedActionHosts: described(z._default(z.array(z.string()), []), 'Host globs permitted for http actions and metric sources (derived egress).'),
  tracing: section(z.looseObject({ endpoint: described(z._default(z.string(), ''), 'OTLP gRPC collector host:port (derived egress).') }), 'OpenTelemetry tracing.'),
});

const rollbackStoreSchema = z.looseObject({
  backend: described(z._default(z.enum(['none', 'pvc', 's3']), 'none'), 'Rollback store backend; s3 implies egress to rollbackStore.s3.endpoint.'),
  s3: section(
    z.looseObject({
      endpoint: described(z._default(z.string(), ''), 'S3 endpoint host[:port] (derived egress).'),
      useSSL: flag(true, 'TLS to the S3 endpoint: port 443 when the endpoint names none, else 80.'),
    }),
    'S3-compatible bucket.',
  ),
});

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
  controller: section(controllerSchema, "The chart's controller settings."),
  rollbackStore: section(rollbackStoreSchema, "The chart's rollback store."),
  networkPolicy: section(networkPolicySchema, 'The network policies to render.'),
  target: extension(z.prefault(targetSchema, {}), 'Which workloads to protect.'),
});

export type Values = z.output<typeof valuesSchema>;
export type ValuesInput = z.input<typeof valuesSchema>;
export type LabelSelectorValue = z.output<typeof labelSelector>;
