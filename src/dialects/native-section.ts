import * as z from 'zod/mini';

/** Verbatim rules of one dialect; their shape is checked against that dialect's API at render time. */
const verbatimItems = z.array(z.record(z.string(), z.unknown()));

function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

/**
 * The lists every engine's section holds: native `ingress` and `egress` rules, appended verbatim to the
 * allowlist (and validated with it). `api` names the API whose rules they are, for the docs.
 */
export function nativeRuleLists(api: string) {
  return {
    ingress: described(
      z._default(verbatimItems, []),
      `Extra spec.ingress rules appended verbatim (${api} schema, validated). A rule that allows one of the controller's ports (but health) replaces that port's generated rule.`,
    ),
    egress: described(z._default(verbatimItems, []), `Extra spec.egress rules appended verbatim (${api} schema, validated); rendered only when egress.enabled.`),
  };
}

export { described };
