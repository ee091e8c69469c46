/** Calico rule criteria: selectors and namespaces, labels, nets, ports, protocols, services; what is not enforced. */
import { allowedBy, apiserver, deniedBy, endOfTier, example, expectVerdict, flow, internet, nodeB, noPolicy, notAPod, objects, pod, ruleOf } from './calico-fixtures';

describe('entity rules', () => {
  const target = pod('production', 'target', { app: 'target' });
  const sameNs = pod('production', 'same', { app: 'peer' });
  const otherNs = pod('staging', 'other', { app: 'peer' });
  const ingressPolicy = (source: string, kind = 'NetworkPolicy') => {
    const ns = kind === 'NetworkPolicy' ? '\n  namespace: production' : '';
    return objects(`
apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: rule${ns}
spec:
  selector: app == 'target'
  ingress:
  - action: Allow
    source: ${source}
`);
  };
  const allowed = (kind: 'NetworkPolicy' | 'GlobalNetworkPolicy' = 'NetworkPolicy') => allowedBy(ruleOf(kind, 'rule', 'spec.ingress[0]', kind === 'NetworkPolicy' ? 'production' : undefined));

  describe('namespaceSelector', () => {
    test('all(): pods of every namespace, but no non-pod address', () => {
      const policy = ingressPolicy("{namespaceSelector: 'all()'}");
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(internet, target, 80), notAPod('source'), endOfTier('default'));
      expectVerdict(policy, flow(nodeB, target, 80), notAPod('source'), endOfTier('default'));
    });

    test('global(): only non-namespaced resources (host endpoints, global network sets), so no pod', () => {
      const policy = ingressPolicy("{namespaceSelector: 'global()'}");
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, endOfTier('default'));
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, endOfTier('default'));
    });

    test.each(["projectcalico.org/name == 'staging'", "kubernetes.io/metadata.name == 'staging'"])('%s selects the namespace by name', (selector) => {
      const policy = ingressPolicy(`{namespaceSelector: "${selector}"}`);
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, endOfTier('default'));
    });

    test('a namespace label: circles has shape=circle; != is true where the label is absent', () => {
      const circle = pod('circles', 'c');
      expectVerdict(ingressPolicy("{namespaceSelector: \"shape == 'circle'\"}"), flow(circle, target, 80), noPolicy, allowed());
      expectVerdict(ingressPolicy("{namespaceSelector: \"shape != 'circle'\"}"), flow(circle, target, 80), noPolicy, endOfTier('default'));
      expectVerdict(ingressPolicy("{namespaceSelector: \"shape != 'circle'\"}"), flow(otherNs, target, 80), noPolicy, allowed());
    });

    test('no namespaceSelector in a NetworkPolicy: the selector covers its own namespace only', () => {
      const policy = ingressPolicy("{selector: 'all()'}");
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, endOfTier('default'));
      expectVerdict(policy, flow(internet, target, 80), notAPod('source'), endOfTier('default'));
    });

    test('no namespaceSelector in a GlobalNetworkPolicy: every namespace', () => {
      const policy = ingressPolicy("{selector: \"app == 'peer'\"}", 'GlobalNetworkPolicy');
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, allowed('GlobalNetworkPolicy'));
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, allowed('GlobalNetworkPolicy'));
    });

    test('no selector field at all: every source, the internet included', () => {
      const policy = ingressPolicy('{}');
      expectVerdict(policy, flow(internet, target, 80), notAPod('source'), allowed());
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, allowed());
    });
  });

  describe('notSelector', () => {
    const blocked = pod('production', 'blocked', { app: 'blocked' });
    test('in a NetworkPolicy it still limits the rule to the namespace, so the internet does not match', () => {
      const policy = ingressPolicy("{notSelector: \"app == 'blocked'\"}");
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(blocked, target, 80), noPolicy, endOfTier('default'));
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, endOfTier('default'));
      expectVerdict(policy, flow(internet, target, 80), notAPod('source'), endOfTier('default'));
    });

    test('in a GlobalNetworkPolicy: "matches packets from/to anywhere (including outside the cluster), except ..."', () => {
      const policy = ingressPolicy("{notSelector: \"app == 'blocked'\"}", 'GlobalNetworkPolicy');
      expectVerdict(policy, flow(internet, target, 80), notAPod('source'), allowed('GlobalNetworkPolicy'));
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, allowed('GlobalNetworkPolicy'));
      expectVerdict(policy, flow(blocked, target, 80), noPolicy, endOfTier('default'));
    });
  });

  describe("Calico's automatic labels", () => {
    test('projectcalico.org/namespace and projectcalico.org/orchestrator', () => {
      const policy = ingressPolicy("{selector: \"projectcalico.org/namespace == 'staging' && projectcalico.org/orchestrator == 'k8s'\"}", 'GlobalNetworkPolicy');
      expectVerdict(policy, flow(otherNs, target, 80), noPolicy, allowed('GlobalNetworkPolicy'));
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, endOfTier('default'));
    });

    test('serviceAccounts names, and a pod without one runs as default', () => {
      const policy = ingressPolicy('{serviceAccounts: {names: [controller, default]}}');
      expectVerdict(policy, flow(pod('production', 'sa', {}, { serviceAccount: 'controller' }), target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(pod('production', 'no-sa'), target, 80), noPolicy, allowed());
      expectVerdict(policy, flow(pod('production', 'other-sa', {}, { serviceAccount: 'other' }), target, 80), noPolicy, endOfTier('default'));
      expectVerdict(policy, flow(pod('staging', 'sa', {}, { serviceAccount: 'controller' }), target, 80), noPolicy, endOfTier('default'));
    });

    test('serviceAccountSelector on the policy matches projectcalico.org/name of the service account', () => {
      const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: by-sa, namespace: production}
spec:
  serviceAccountSelector: projectcalico.org/name == 'controller'
  ingress: [{action: Deny}]
`);
      const controller = pod('production', 'controller', {}, { serviceAccount: 'controller' });
      expectVerdict(policy, flow(sameNs, controller, 80), noPolicy, deniedBy(ruleOf('NetworkPolicy', 'by-sa', 'spec.ingress[0]', 'production')));
      expectVerdict(policy, flow(sameNs, target, 80), noPolicy, noPolicy);
    });
  });

  describe('nets and notNets', () => {
    const egressTo = (destination: string, extra = '') =>
      objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: nets, namespace: production}
spec:
  selector: app == 'target'
  egress:
  - action: Allow${extra}
    destination: ${destination}
`);
    const egress0 = allowedBy(ruleOf('NetworkPolicy', 'nets', 'spec.egress[0]', 'production'));

    test('nets matches any address in it, pods and non-pods alike', () => {
      const policy = egressTo('{nets: [1.2.3.0/24, 10.1.0.0/16]}');
      expectVerdict(policy, flow(target, example, 443), egress0, notAPod('destination'));
      expectVerdict(policy, flow(target, otherNs, 80), egress0, noPolicy);
      expectVerdict(policy, flow(target, internet, 443), endOfTier('default'), notAPod('destination'));
    });

    test('notNets excludes', () => {
      const policy = egressTo('{notNets: [10.0.0.0/8]}');
      expectVerdict(policy, flow(target, internet, 443), egress0, notAPod('destination'));
      expectVerdict(policy, flow(target, otherNs, 80), endOfTier('default'), noPolicy);
      expectVerdict(policy, flow(target, apiserver, 6443), endOfTier('default'), notAPod('destination'));
    });

    test('a bare address is a /32, and host bits are masked (ParseCIDROrIP)', () => {
      expectVerdict(egressTo('{nets: [8.8.8.8]}'), flow(target, internet, 53), egress0, notAPod('destination'));
      expectVerdict(egressTo('{nets: [1.2.3.77/24]}'), flow(target, example, 53), egress0, notAPod('destination'));
    });

    test('IPv6, and ipVersion restricting a rule to one family', () => {
      const v6: typeof internet = { kind: 'external', ip: '2001:db8::1' };
      expectVerdict(egressTo("{nets: ['2001:db8::/32']}"), flow(target, v6, 443), egress0, notAPod('destination'));
      expectVerdict(egressTo("{nets: ['2001:db8::/32']}"), flow(target, internet, 443), endOfTier('default'), notAPod('destination'));
      expectVerdict(egressTo('{}', '\n    ipVersion: 6'), flow(target, internet, 443), endOfTier('default'), notAPod('destination'));
      expectVerdict(egressTo('{}', '\n    ipVersion: 4'), flow(target, internet, 443), egress0, notAPod('destination'));
    });
  });

  describe('ports and protocols', () => {
    const webhook = pod('production', 'webhook', { app: 'target' }, { namedPorts: { webhook: 9443 } });
    const ingressPorts = (rule: string) =>
      objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: ports, namespace: production}
spec:
  selector: app == 'target'
  ingress: [${rule}]
`);
    const ingress0 = allowedBy(ruleOf('NetworkPolicy', 'ports', 'spec.ingress[0]', 'production'));

    test.each<[string, number, boolean]>([
      ["{action: Allow, protocol: TCP, destination: {ports: ['9400:9500']}}", 9443, true],
      ["{action: Allow, protocol: TCP, destination: {ports: ['9000:9100']}}", 9443, false],
      ["{action: Allow, protocol: TCP, destination: {ports: ['9443']}}", 9443, true],
      ['{action: Allow, protocol: TCP, destination: {ports: [webhook]}}', 9443, true],
      ['{action: Allow, protocol: TCP, destination: {ports: [webhook]}}', 8443, false],
      ['{action: Allow, protocol: TCP, destination: {notPorts: [22]}}', 9443, true],
      ['{action: Allow, protocol: TCP, destination: {notPorts: [22]}}', 22, false],
      ['{action: Allow, protocol: 6, destination: {ports: [9443]}}', 9443, true],
      ['{action: Allow, protocol: tcp, destination: {ports: [9443]}}', 9443, true],
      ['{action: Allow, protocol: UDP, destination: {ports: [9443]}}', 9443, false],
      ['{action: Allow, notProtocol: UDP}', 9443, true],
      ['{action: Allow, notProtocol: TCP}', 9443, false],
    ])('%s, port %p', (rule, port, allowed) => {
      expectVerdict(ingressPorts(rule), flow(sameNs, webhook, port), noPolicy, allowed ? ingress0 : endOfTier('default'));
    });

    test('a named port matches only a pod that declares it', () => {
      expectVerdict(ingressPorts('{action: Allow, protocol: TCP, destination: {ports: [webhook]}}'), flow(sameNs, target, 9443), noPolicy, endOfTier('default'));
    });

    test('a policy with ports but no protocol fails validation and is never enforced', () => {
      expectVerdict(ingressPorts('{action: Deny, destination: {ports: [9443]}}'), flow(sameNs, webhook, 9443), noPolicy, noPolicy);
    });
  });
});

describe('services', () => {
  const client = pod('ctrl-system', 'client');
  test('default/kubernetes from a GlobalNetworkPolicy needs the namespace spelled out', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: api}
spec:
  selector: all()
  egress:
  - {action: Allow, destination: {services: {name: kubernetes, namespace: default}}}
  - {action: Allow, destination: {services: {name: kubernetes}}}
`);
    expectVerdict(policy, flow(client, apiserver, 6443), allowedBy(ruleOf('GlobalNetworkPolicy', 'api', 'spec.egress[0]')), notAPod('destination'));
  });

  test("a NetworkPolicy's services default to its own namespace", () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: api, namespace: ctrl-system}
spec:
  egress: [{action: Allow, destination: {services: {name: kubernetes}}}]
`);
    expectVerdict(policy, flow(client, apiserver, 6443), endOfTier('default'), notAPod('destination'));
  });

  test('an unknown Service matches nothing', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: api, namespace: ctrl-system}
spec:
  egress: [{action: Allow, destination: {services: {name: missing, namespace: default}}}]
`);
    expectVerdict(policy, flow(client, apiserver, 6443), endOfTier('default'), notAPod('destination'));
  });
});

describe('what Calico does not enforce', () => {
  const x = pod('production', 'x');
  const y = pod('production', 'y');
  test.each([
    ['a doNotTrack GlobalNetworkPolicy (host endpoints only)', 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: raw}\nspec: {selector: all(), doNotTrack: true, applyOnForward: true, ingress: [{action: Deny}]}'],
    ['a preDNAT GlobalNetworkPolicy (host endpoints only)', 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: pre}\nspec: {selector: all(), preDNAT: true, applyOnForward: true, ingress: [{action: Deny}]}'],
    ['a policy whose selector does not parse', "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: production}\nspec: {selector: app == web, ingress: [{action: Deny}]}"],
    ['a StagedNetworkPolicy', 'apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: {name: staged, namespace: production}\nspec: {selector: all(), ingress: [{action: Deny}]}'],
    ['a CiliumNetworkPolicy', 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cnp, namespace: production}\nspec: {endpointSelector: {}, ingress: [{}]}'],
    ['the crd.projectcalico.org/v1 backing store', 'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: v1, namespace: production}\nspec: {selector: all(), ingress: [{action: Deny}]}'],
  ])('%s', (_title, yaml) => {
    expectVerdict(objects(yaml), flow(x, y, 80), noPolicy, noPolicy);
  });
});

describe('criteria the model cannot judge take the most permissive reading, recorded', () => {
  const x = pod('production', 'x');
  const y = pod('production', 'y', { app: 'y' });
  const withRule = (rule: string) =>
    objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: p, namespace: production}
spec:
  selector: app == 'y'
  ingress: [${rule}]
`);
  test('an Allow on the source port counts as matching', () => {
    expectVerdict(withRule('{action: Allow, protocol: TCP, source: {ports: [1234]}}'), flow(x, y, 80), noPolicy, allowedBy(ruleOf('NetworkPolicy', 'p', 'spec.ingress[0]', 'production')), [
      'NetworkPolicy production/p spec.ingress[0]: it tests the source port, which the flow does not carry; read as matching',
    ]);
  });

  test('a Deny on the source port counts as not matching', () => {
    expectVerdict(withRule('{action: Deny, protocol: TCP, source: {ports: [1234]}}'), flow(x, y, 80), noPolicy, endOfTier('default'), [/spec\.ingress\[0\]: it tests the source port.*; read as not matching$/]);
  });

  test('an HTTP match is application layer policy: its L3/L4 part decides', () => {
    expectVerdict(withRule("{action: Allow, protocol: TCP, http: {methods: ['GET']}}"), flow(x, y, 80), noPolicy, allowedBy(ruleOf('NetworkPolicy', 'p', 'spec.ingress[0]', 'production')), [
      /spec\.ingress\[0\]: its HTTP match is enforced only by application layer policy/,
    ]);
  });
});
