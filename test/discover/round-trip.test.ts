import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DIALECTS } from '../../src/dialects/index';
import { ENGINES } from '../../src/config/values-schema';
import type { KubeObject } from '../../src/k8s/kube-object';
import { run } from '../../src/run';
import type { Cluster, Endpoint, PodEndpoint, Protocol } from '../../src/traffic/model';
import { controllerDeployment, resourceList, typedConfig } from '../support/fixtures';
import { PEERS } from '../support/traffic-cluster';
import { CLUSTERS } from './clusters';

/**
 * discover → the function → each engine's traffic evaluator: the values discover printed for a cluster
 * (test/discover/expected/<cluster>.yaml, the live and the offline mode's output), with each engine in
 * turn, must let the controller reach that cluster's kube-apiserver on its endpoints and port, and its
 * DNS where it answers. Needs issue 13's keys (networkPolicy.egress.apiserver, dnsPreset, dnsAddresses,
 * derived): until they are in the values schema the function refuses them and this file fails.
 */
interface Discovered {
  networkPolicy: {
    egress: {
      dnsNamespace?: string;
      dnsPreset?: string;
      dnsAddresses?: string[];
      apiserver: { cidrs: string[]; ports: number[]; external: boolean };
      derived?: { fluxSource?: boolean; fluxNamespace?: string };
    };
  } & Record<string, unknown>;
}

const address = (cidr: string) => cidr.split('/')[0]!;

/** The cluster as the evaluators model it: the controller, the apiserver and DNS where the fixture puts them. */
function clusterOf(name: string, values: Discovered): { cluster: Cluster; apiservers: Endpoint[]; dns: { to: Endpoint; port: number }[]; flux?: PodEndpoint } {
  const objects = CLUSTERS[name]!;
  const { egress } = values.networkPolicy;
  const external = egress.apiserver.external;
  const apiservers: Endpoint[] = egress.apiserver.cidrs.map((cidr, i) => (external ? { kind: 'apiserver', ip: address(cidr) } : { kind: 'apiserver', ip: address(cidr), node: `control-plane-${i}` }));
  const nodes = [...(external ? [] : egress.apiserver.cidrs.map((cidr, i) => ({ kind: 'node' as const, name: `control-plane-${i}`, ip: address(cidr), labels: { 'node-role.kubernetes.io/control-plane': '' } }))), PEERS.kubelet as Extract<Endpoint, { kind: 'node' }>];
  const podOf = (pod: KubeObject): PodEndpoint => ({ kind: 'pod', name: pod.metadata.name, namespace: pod.metadata.namespace!, labels: pod.metadata.labels ?? {}, ip: (pod.status as { podIP: string }).podIP, node: 'worker-b' });
  const dnsNamespace = egress.dnsNamespace ?? 'kube-system';
  const dnsPods = objects.filter((o) => o.kind === 'Pod' && o.metadata.namespace === dnsNamespace && (o.metadata.labels?.['k8s-app'] === 'kube-dns' || o.metadata.labels?.['dns.operator.openshift.io/daemonset-dns'] === 'default')).map(podOf);
  const dns: { to: Endpoint; port: number }[] = egress.dnsAddresses
    ? egress.dnsAddresses.map((cidr) => ({ to: egress.dnsPreset === 'node-local-dns' ? { kind: 'node', name: 'worker-a', ip: address(cidr) } : { kind: 'external', ip: address(cidr) }, port: 53 }))
    : dnsPods.map((pod) => ({ to: pod, port: egress.dnsPreset === 'openshift' ? 5353 : 53 }));
  const fluxPod = objects.find((o) => o.kind === 'Pod' && o.metadata.labels?.app === 'source-controller');
  const namespaces = [...new Set(['stageset-system', 'default', 'kube-system', dnsNamespace, ...objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : []))])].map((n) => ({ name: n, labels: {} }));
  const cluster: Cluster = {
    namespaces,
    nodes,
    services: [
      { namespace: 'default', name: 'kubernetes', endpoints: apiservers, ports: egress.apiserver.ports.map((port) => ({ port })) },
      ...(dnsPods.length ? [{ namespace: dnsNamespace, name: dnsNamespace === 'openshift-dns' ? 'dns-default' : 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, endpoints: dnsPods }] : []),
    ],
  };
  return { cluster, apiservers, dns, ...(fluxPod && egress.derived?.fluxSource ? { flux: podOf(fluxPod) } : {}) };
}

describe.each(Object.keys(CLUSTERS))('%s', (name) => {
  const text = readFileSync(join(__dirname, 'expected', `${name}.yaml`), 'utf8');
  const values = parse(text) as Discovered;
  const { cluster, apiservers, dns, flux } = clusterOf(name, values);

  describe.each(ENGINES)('engine %s', (engine) => {
    let objects: KubeObject[];
    beforeAll(() => {
      const output = run(resourceList([controllerDeployment()], typedConfig(stringify({ networkPolicy: { ...values.networkPolicy, engine } }))));
      if (output.exitCode !== 0) throw new Error(`the function refused the values discover printed:\n${output.stderr}`);
      objects = (parse(output.stdout) as { items: KubeObject[] }).items;
    });
    const evaluate = (to: Endpoint, port: number, protocol: Protocol) => DIALECTS[engine].evaluate(objects, cluster, { from: PEERS.controller, to, port, protocol });

    test('the controller reaches the kube-apiserver on every endpoint and port', () => {
      const flows = apiservers.flatMap((to) => values.networkPolicy.egress.apiserver.ports.map((port) => ({ to: to.ip, port, allowed: evaluate(to, port, 'TCP').allowed })));
      expect(flows.filter((f) => !f.allowed)).toEqual([]);
      expect(flows.length).toBeGreaterThan(0);
    });

    test('the controller reaches DNS over UDP and TCP', () => {
      const flows = dns.flatMap(({ to, port }) => (['UDP', 'TCP'] as const).map((protocol) => ({ to: to.ip, port, protocol, allowed: evaluate(to, port, protocol).allowed })));
      expect(flows.filter((f) => !f.allowed)).toEqual([]);
      expect(flows.length).toBeGreaterThan(0);
    });

    test("the controller reaches Flux's source-controller where discover found it", () => {
      if (!flux) {
        expect(values.networkPolicy.egress.derived?.fluxSource).toBe(false);
        return;
      }
      expect(evaluate(flux, 9090, 'TCP').allowed).toBe(true);
    });

    test('egress is on: the internet is not reached', () => {
      expect(evaluate(PEERS.internet, 443, 'TCP').allowed).toBe(false);
    });
  });
});
