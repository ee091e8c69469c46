/** Traffic from and to hosts under Calico: the local host is not policed; other hosts match nets only. */
import { allowedBy, apiserver, endOfTier, expectVerdict, flow, internet, localHost, managedApiserver, nodeA, nodeB, noPolicy, notAPod, objects, pod, ruleOf } from './calico-fixtures';

describe('host traffic', () => {
  const webhook = pod('ctrl-system', 'webhook', { app: 'webhook' }, { node: 'node-a' });
  const denyIngress = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ctrl-system}
spec:
  selector: all()
  types: [Ingress, Egress]
`);

  test('kubelet probes from the local node are not policed (felix filterOutputChain, eBPF tc.c); the IPVS exception is recorded', () => {
    expectVerdict(denyIngress, flow(nodeA, webhook, 8081), notAPod('source'), localHost, [/^traffic from the local host to ctrl-system\/webhook is not policed .* IPVS .*end of tier "default"/]);
  });

  test('with no policy denying it, nothing is recorded', () => {
    expectVerdict([], flow(nodeA, webhook, 8081), notAPod('source'), localHost);
  });

  test('an apiserver on the pod\'s own node is the local host too', () => {
    const local = { ...apiserver, node: 'node-a' };
    expectVerdict(denyIngress, flow(local, webhook, 9443), notAPod('source'), localHost, [/IPVS/]);
  });

  test('a remote node is policed: it matches nets only', () => {
    expectVerdict(denyIngress, flow(nodeB, webhook, 8081), notAPod('source'), endOfTier('default'));
    const byNets = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: from-nodes, namespace: ctrl-system}
spec:
  ingress: [{action: Allow, source: {nets: [10.0.0.0/24]}}]
`);
    expectVerdict(byNets, flow(nodeB, webhook, 8081), notAPod('source'), allowedBy(ruleOf('NetworkPolicy', 'from-nodes', 'spec.ingress[0]', 'ctrl-system')), [/rests on matching 10\.0\.0\.2 by address, but with an IPIP or VXLAN overlay .* tunnel address$/]);
    expectVerdict(byNets, flow(apiserver, webhook, 9443), notAPod('source'), allowedBy(ruleOf('NetworkPolicy', 'from-nodes', 'spec.ingress[0]', 'ctrl-system')), [/rests on matching 10\.0\.0\.10 by address/]);
    // A managed apiserver is outside the cluster: no tunnel.
    const managed = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: from-cp, namespace: ctrl-system}
spec:
  ingress: [{action: Allow, source: {nets: [172.16.0.0/24]}}]
`);
    expectVerdict(managed, flow(managedApiserver, webhook, 9443), notAPod('source'), allowedBy(ruleOf('NetworkPolicy', 'from-cp', 'spec.ingress[0]', 'ctrl-system')));
  });

  test('the apiserver on another node, allowed by a rule without a source', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: webhook, namespace: ctrl-system}
spec:
  ingress: [{action: Allow, protocol: TCP, destination: {ports: [9443]}}]
`);
    expectVerdict(policy, flow(apiserver, webhook, 9443), notAPod('source'), allowedBy(ruleOf('NetworkPolicy', 'webhook', 'spec.ingress[0]', 'ctrl-system')));
    expectVerdict(policy, flow(apiserver, webhook, 8080), notAPod('source'), endOfTier('default'));
  });

  test('a pod to its own host passes egress policy, then DefaultEndpointToHostAction (recorded)', () => {
    expectVerdict([], flow(webhook, nodeA, 10250), noPolicy, notAPod('destination'), [/defaultEndpointToHostAction/]);
    expectVerdict([], flow(webhook, nodeB, 10250), noPolicy, notAPod('destination'));
    expectVerdict(denyIngress, flow(webhook, nodeA, 10250), endOfTier('default'), notAPod('destination'));
  });

  test('non-pod endpoints are never policed', () => {
    expectVerdict(denyIngress, flow(nodeB, internet, 443), notAPod('source'), notAPod('destination'));
  });
});
