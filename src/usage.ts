import { FUNCTION_NAME } from './constants.js';

export function usage(): string {
  return `${FUNCTION_NAME}: a KRM function that renders the StageSet controller's network policies.

Reads a ResourceList on stdin (functionConfig: fn.kpt.dev/v1alpha1 ControllerNetworkPolicy holding the
chart's values, or a v1 ConfigMap with dotted keys), adds or updates one allowlist per controller
workload (and an optional namespace default-deny), and writes the ResourceList to stdout.

Usage:
  ${FUNCTION_NAME} < resource-list.yaml
  kpt fn eval DIR --exec ${FUNCTION_NAME} -- networkPolicy.enabled=true networkPolicy.engine=cilium
  kustomize build --enable-alpha-plugins --enable-exec DIR
  ${FUNCTION_NAME} discover [--help]    print the values that fit a cluster (or a dump of one)

Options:
  --help      this text
  --version   the version
  --schema    the functionConfig's JSON schema

Review (docs/explain.md): who can reach what, for each protected workload, judged by the engine:
  ${FUNCTION_NAME} explain [--format markdown|mermaid|json] [--engine E] [--selector S] [--namespace NS] [--apiserver IP] [FILE|-]
  ${FUNCTION_NAME} diff [same options] [--fail-on-widening] OLD NEW      (files, or - for stdin)
  They read a ResourceList or plain multi-document YAML (helm template, kustomize build).

Exit codes: 0 success, 1 an error result (see stderr and results), 2 wrong usage or an internal error,
3 stdin, stdout or stderr failed (a directory as stdin, a full disk, a closed pipe), or for
diff --fail-on-widening, a flow became allowed.
`;
}
