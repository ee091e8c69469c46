// @ts-check
import { asListItem } from '../fixtures/as-list-item.mjs';
import { controllerDeploymentYaml } from '../fixtures/stageset-controller.mjs';

/**
 * The engines the values schema allows (`networkPolicy.engine`'s enum). The schema is derived from the
 * dialect registry, so a new engine is trained without touching the build.
 * @param {unknown} valuesSchema the function's JSON schema (functions/controller-network-policy/schema.json)
 * @returns {string[]}
 */
export function enginesOf(valuesSchema) {
  const engine = /** @type {{ properties?: { networkPolicy?: { properties?: { engine?: { enum?: unknown[] } } } } }} */ (valuesSchema)
    .properties?.networkPolicy?.properties?.engine;
  const engines = engine?.enum;
  if (!Array.isArray(engines) || engines.length === 0 || !engines.every((e) => typeof e === 'string')) {
    throw new Error('the values schema lists no engines under networkPolicy.engine.enum');
  }
  return /** @type {string[]} */ (engines);
}

/** A Service the function does not own, so the training also runs the lossless pass-through. */
const SERVICE = `- apiVersion: v1
  kind: Service
  metadata:
    name: web # a comment
    namespace: stageset-system
  spec:
    ports:
    - port: 443
`;

/** Each engine alone, then with the default-deny and egress: every renderer and validator runs. */
const VARIANTS = ['', '    defaultDeny: {enabled: true}\n    egress: {enabled: true}\n'];

/**
 * The ResourceLists the code cache is trained on: the controller fixture under every engine, so the
 * bytecode of everything a run needs is in the cache.
 * @param {readonly string[]} engines
 * @returns {string[]}
 */
export function trainingInputs(engines) {
  const items = asListItem(controllerDeploymentYaml({ annotations: { 'config.kubernetes.io/path': 'controller.yaml' } })) + SERVICE;
  return engines.flatMap((engine) =>
    VARIANTS.map(
      (extra) =>
        `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}functionConfig:\n  apiVersion: fn.kpt.dev/v1alpha1\n  kind: ControllerNetworkPolicy\n  metadata:\n    name: np\n  networkPolicy:\n    enabled: true\n    engine: ${engine}\n${extra}`,
    ),
  );
}
