import { FUNCTION_NAME } from '../constants.js';
import { DUMP_FILE } from './dump-command.js';

export function discoverUsage(): string {
  return `${FUNCTION_NAME} discover: read a cluster, or a saved dump of one, and print the values that fit it.

Prints a ${FUNCTION_NAME} configuration (fn.kpt.dev/v1alpha1 ControllerNetworkPolicy) with the
kube-apiserver's addresses and ports, where DNS answers, where Flux's source-controller and Prometheus
run, and the policy engines the cluster can apply. Every discovered value carries a comment saying where
it came from; the engine is recommended, never chosen for you. It only reads (get and list).

Usage:
  ${FUNCTION_NAME} discover [--kubeconfig FILE] [--context NAME] [--request-timeout 10s]
  ${FUNCTION_NAME} discover --from ${DUMP_FILE}
  ${FUNCTION_NAME} discover --dump-command     the kubectl commands that write ${DUMP_FILE}
  ${FUNCTION_NAME} discover --rbac             the read-only ClusterRole it needs

Options:
  --kubeconfig FILE        the kubeconfig (default: $KUBECONFIG, ~/.kube/config, then in-cluster config)
  --context NAME           the kubeconfig context (default: its current context)
  --request-timeout TIME   how long a request may take, e.g. 10s (default), 1m; then it fails
  --from FILE              read the objects from FILE instead of a cluster (no network)

Exit codes: 0 values printed (warnings on stderr and in the file say what could not be read),
1 the cluster, the kubeconfig or the dump could not be read, 2 wrong usage.
`;
}
