/** The Calico evaluator against the upstream documentation's own examples (tigera/docs, each block naming its page). */
import { allowedBy, apiserver, deniedBy, dns, endOfTier, example, expectVerdict, flow, frontendServicePod, internet, noPolicy, notAPod, objects, passedToProfile, pod, ruleOf, verdict } from './calico-fixtures';

describe('upstream examples: tigera/docs calico/reference/resources/networkpolicy.mdx, "Sample YAML"', () => {
  const sample = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-tcp-6379
  namespace: production
spec:
  selector: role == 'database'
  types:
    - Ingress
    - Egress
  ingress:
    - action: Allow
      metadata:
        annotations:
          from: frontend
          to: database
      protocol: TCP
      source:
        selector: role == 'frontend'
      destination:
        ports:
          - 6379
  egress:
    - action: Allow
`);
  const database = pod('production', 'database', { role: 'database' });
  const frontend = pod('production', 'frontend', { role: 'frontend' });
  const stagingFrontend = pod('staging', 'frontend', { role: 'frontend' });
  const ingress0 = ruleOf('NetworkPolicy', 'allow-tcp-6379', 'spec.ingress[0]', 'production');

  test('"allows TCP traffic from frontend endpoints to port 6379 on database endpoints"', () => {
    expectVerdict(sample, flow(frontend, database, 6379), noPolicy, allowedBy(ingress0));
  });

  test('another port reaches the end of the default tier', () => {
    expectVerdict(sample, flow(frontend, database, 6380), noPolicy, endOfTier('default'));
  });

  test('UDP to 6379 does not match the TCP rule', () => {
    expectVerdict(sample, flow(frontend, database, 6379, 'UDP'), noPolicy, endOfTier('default'));
  });

  test("a frontend of another namespace does not match: the rule's selector is limited to the policy's namespace", () => {
    expectVerdict(sample, flow(stagingFrontend, database, 6379), noPolicy, endOfTier('default'));
  });

  test('the egress rule without criteria allows everything, the internet included', () => {
    expectVerdict(sample, flow(database, internet, 443), allowedBy(ruleOf('NetworkPolicy', 'allow-tcp-6379', 'spec.egress[0]', 'production')), notAPod('destination'));
  });
});

describe('upstream examples: tigera/docs calico/network-policy/get-started/kubernetes-default-deny.mdx', () => {
  const app = pod('engineering', 'web', { app: 'web' });
  const other = pod('engineering', 'api', { app: 'api' });
  const system = pod('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' });

  test('"Enable default deny Calico global network policy": every pod is denied both ways', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: default-deny
spec:
  selector: all()
  types:
    - Ingress
    - Egress
`);
    expectVerdict(policy, flow(app, other, 8080), endOfTier('default'), endOfTier('default'));
    expectVerdict(policy, flow(app, internet, 443), endOfTier('default'), notAPod('destination'));
  });

  describe('"deny-app-policy": default deny for non-system namespaces, with DNS allowed', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-app-policy
spec:
  namespaceSelector: has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}
  types:
  - Ingress
  - Egress
  egress:
  # allow all namespaces to communicate to DNS pods
  - action: Allow
    protocol: UDP
    destination:
      selector: 'k8s-app == "kube-dns"'
      ports:
      - 53
  - action: Allow
    protocol: TCP
    destination:
      selector: 'k8s-app == "kube-dns"'
      ports:
      - 53
`);
    test('DNS over UDP and TCP is allowed; kube-system (the DNS pod) is not selected', () => {
      expectVerdict(policy, flow(app, dns, 53, 'UDP'), allowedBy(ruleOf('GlobalNetworkPolicy', 'deny-app-policy', 'spec.egress[0]')), noPolicy);
      expectVerdict(policy, flow(app, dns, 53), allowedBy(ruleOf('GlobalNetworkPolicy', 'deny-app-policy', 'spec.egress[1]')), noPolicy);
    });

    test('anything else from or to an application namespace is denied at the end of the default tier', () => {
      expectVerdict(policy, flow(app, other, 8080), endOfTier('default'), endOfTier('default'));
    });

    test('the excluded kube-system namespace is untouched', () => {
      expectVerdict(policy, flow(system, internet, 443), noPolicy, notAPod('destination'));
    });
  });

  test('"Enable default deny Calico network policy, namespaced"', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: engineering
spec:
  selector: all()
  types:
    - Ingress
    - Egress
`);
    expectVerdict(policy, flow(app, dns, 53, 'UDP'), endOfTier('default'), noPolicy);
    expect(verdict(policy, flow(app, dns, 53, 'UDP')).egress.reason).toContain('NetworkPolicy engineering/default-deny applies to engineering/web for Egress');
  });

  test('"Enable default deny Kubernetes policy, namespaced"', () => {
    const policy = objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: engineering
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
`);
    expectVerdict(policy, flow(other, app, 80), endOfTier('default'), endOfTier('default'));
  });

  test('"implicit default deny policy always occurs last; if any other policy allows the traffic, then the deny does not come into effect"', () => {
    const policies = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: engineering
spec:
  order: 1
  selector: all()
  types:
    - Ingress
    - Egress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: engineering
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - ports:
    - {protocol: UDP, port: 53}
`);
    expectVerdict(policies, flow(app, dns, 53, 'UDP'), allowedBy(ruleOf('K8sNetworkPolicy', 'allow-dns', 'spec.egress[0]', 'engineering')), noPolicy);
    expectVerdict(policies, flow(app, dns, 53), endOfTier('default'), noPolicy);
  });
});

describe('upstream examples: tigera/docs calico/network-policy/policy-rules/namespace-policy.mdx', () => {
  const red = pod('production', 'red', { color: 'red' });
  const blue = pod('production', 'blue', { color: 'blue' });
  const blueCircle = pod('circles', 'blue', { color: 'blue' });
  const policy = (source: string) =>
    objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-tcp-6379
  namespace: production
spec:
  selector: color == 'red'
  ingress:
    - action: Allow
      protocol: TCP
      source:
${source}
      destination:
        ports:
          - 6379
`);
  const ingress0 = ruleOf('NetworkPolicy', 'allow-tcp-6379', 'spec.ingress[0]', 'production');

  test('"only from a pod in the same namespace with color: blue"', () => {
    const same = policy("        selector: color == 'blue'");
    expectVerdict(same, flow(blue, red, 6379), noPolicy, allowedBy(ingress0));
    expectVerdict(same, flow(blueCircle, red, 6379), noPolicy, endOfTier('default'));
  });

  test('"from endpoints with color: blue in namespaces with shape: circle" (the namespaceSelector replaces the same-namespace scope)', () => {
    const circles = policy("        selector: color == 'blue'\n        namespaceSelector: shape == 'circle'");
    expectVerdict(circles, flow(blueCircle, red, 6379), noPolicy, allowedBy(ingress0));
    expectVerdict(circles, flow(blue, red, 6379), noPolicy, endOfTier('default'));
  });

  describe('"restrict-development-access": a GlobalNetworkPolicy with namespaceSelector', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: restrict-development-access
spec:
  namespaceSelector: 'environment == "development"'
  ingress:
    - action: Allow
      source:
        namespaceSelector: 'environment == "development"'
  egress:
    - action: Allow
      destination:
        namespaceSelector: 'environment == "development"'
`);
    const devA = pod('dev', 'a');
    const devB = pod('dev', 'b');
    const prodPod = pod('prod', 'p');

    test('development talks to development', () => {
      expectVerdict(
        policy,
        flow(devA, devB, 80),
        allowedBy(ruleOf('GlobalNetworkPolicy', 'restrict-development-access', 'spec.egress[0]')),
        allowedBy(ruleOf('GlobalNetworkPolicy', 'restrict-development-access', 'spec.ingress[0]')),
      );
    });

    test('development cannot reach production, nor the internet (a namespaceSelector matches pods only)', () => {
      expectVerdict(policy, flow(devA, prodPod, 80), endOfTier('default'), noPolicy);
      expectVerdict(policy, flow(devA, internet, 443), endOfTier('default'), notAPod('destination'));
    });

    test('production cannot reach development', () => {
      expectVerdict(policy, flow(prodPod, devA, 80), noPolicy, endOfTier('default'));
    });
  });
});

describe('upstream examples: tigera/docs calico/network-policy/policy-rules/service-policy.mdx', () => {
  const client = pod('my-app', 'client');
  test('"Allow access to the Kubernetes API for a specific namespace": the endpoints (apiserver:6443) of default/kubernetes', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-api-access
  namespace: my-app
spec:
  selector: all()
  egress:
    - action: Allow
      destination:
        services:
          name: kubernetes
          namespace: default
`);
    expectVerdict(policy, flow(client, apiserver, 6443), allowedBy(ruleOf('NetworkPolicy', 'allow-api-access', 'spec.egress[0]', 'my-app')), notAPod('destination'));
    // "Endpoint addresses and ports to allow will be automatically detected from the service": not another port.
    expectVerdict(policy, flow(client, apiserver, 443), endOfTier('default'), notAPod('destination'));
    expectVerdict(policy, flow(client, internet, 443), endOfTier('default'), notAPod('destination'));
    // Only egress rules: types default to Egress, ingress stays open.
    expectVerdict(policy, flow(pod('my-app', 'peer'), client, 8080), endOfTier('default'), noPolicy);
  });

  test('"Allow access to Kubernetes DNS for the entire cluster"', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-kube-dns
spec:
  selector: all()
  egress:
    - action: Allow
      destination:
        services:
          name: kube-dns
          namespace: kube-system
`);
    const egress0 = allowedBy(ruleOf('GlobalNetworkPolicy', 'allow-kube-dns', 'spec.egress[0]'));
    expectVerdict(policy, flow(client, dns, 53, 'UDP'), egress0, noPolicy);
    expectVerdict(policy, flow(client, dns, 53), egress0, noPolicy);
    // "This policy also enacts a default-deny behavior for all pods".
    expectVerdict(policy, flow(client, dns, 9153), endOfTier('default'), noPolicy);
  });

  describe('"Allow access from a specified service"', () => {
    const backend = pod('backend', 'api');
    const otherFrontend = pod('frontend', 'other', { app: 'other' });
    const ingress0 = ruleOf('NetworkPolicy', 'allow-frontend-service-access', 'spec.ingress[0]', 'backend');
    test('the pods behind frontend/frontend-service', () => {
      const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-frontend-service-access
  namespace: backend
spec:
  selector: all()
  ingress:
    - action: Allow
      source:
        services:
          name: frontend-service
          namespace: frontend
`);
      expectVerdict(policy, flow(frontendServicePod, backend, 8080), noPolicy, allowedBy(ingress0));
      expectVerdict(policy, flow(otherFrontend, backend, 8080), noPolicy, endOfTier('default'));
    });

    test('"further specify the ports": port 80 only', () => {
      const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-frontend-service-access
  namespace: backend
spec:
  selector: all()
  ingress:
    - action: Allow
      protocol: TCP
      source:
        services:
          name: frontend-service
          namespace: frontend
      destination:
        ports: [80]
`);
      expectVerdict(policy, flow(frontendServicePod, backend, 80), noPolicy, allowedBy(ingress0));
      expectVerdict(policy, flow(frontendServicePod, backend, 8080), noPolicy, endOfTier('default'));
    });
  });
});

describe('upstream examples: tigera/docs calico/network-policy/policy-tiers/tiered-policy.mdx and reference/resources/tier.mdx', () => {
  const stageA = pod('production', 'stage-a', { env: 'stage' });
  const stageB = pod('production', 'stage-b', { env: 'stage' });
  const devPod = pod('production', 'dev', { env: 'dev' });
  const devopsTier = (extra = '') => `
apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: devops
spec:
  order: 300${extra}
`;
  const stageEnv = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: devops.stage-env
spec:
  tier: devops
  order: 255
  selector: env == "stage"
  ingress:
    - action: Deny
      source:
        selector: env != "stage"
    - action: Pass
  egress:
    - action: Deny
      destination:
        selector: env != "stage"
    - action: Pass
  types:
    - Ingress
    - Egress
`;
  const rule = (path: string) => ruleOf('GlobalNetworkPolicy', 'devops.stage-env', path);

  test('"Pass action rule example": non-stage traffic to stage is denied in the devops tier', () => {
    expectVerdict(objects(devopsTier() + '---' + stageEnv), flow(devPod, stageA, 80), noPolicy, deniedBy(rule('spec.ingress[0]')));
  });

  test('"Pass action rule example": stage to stage is passed on; no later tier applies, so the profile allows', () => {
    expectVerdict(objects(devopsTier() + '---' + stageEnv), flow(stageB, stageA, 80), passedToProfile('production'), passedToProfile('production'));
    expect(verdict(objects(devopsTier() + '---' + stageEnv), flow(stageB, stageA, 80)).ingress.reason).toBe(
      'tier "devops" passed by GlobalNetworkPolicy devops.stage-env spec.ingress[1]; past the last tier the namespace profile kns.production allows it',
    );
  });

  test('a Deny whose destination is a selector never matches the internet: stage to the internet is passed on', () => {
    expectVerdict(objects(devopsTier() + '---' + stageEnv), flow(stageA, internet, 443), passedToProfile('production'), notAPod('destination'));
  });

  test('"Pass ... skips to the next tier that contains a policy that applies": the default tier then decides', () => {
    const withDefaultDeny = objects(
      devopsTier() +
        '---' +
        stageEnv +
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: production}
spec: {podSelector: {}, policyTypes: [Ingress]}
`,
    );
    expectVerdict(withDefaultDeny, flow(stageB, stageA, 80), passedToProfile('production'), endOfTier('default'));
  });

  const telnetDeny = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: devops.no-telnet
spec:
  tier: devops
  selector: env == "stage"
  ingress:
    - action: Deny
      protocol: TCP
      destination:
        ports: [23]
`;

  test('tier.mdx: "If the Tier applies to the endpoint, but takes no action on the packet the packet is dropped"', () => {
    expectVerdict(objects(devopsTier() + '---' + telnetDeny), flow(stageB, stageA, 80), noPolicy, endOfTier('devops'));
    expectVerdict(objects(devopsTier() + '---' + telnetDeny), flow(stageB, stageA, 23), noPolicy, deniedBy(ruleOf('GlobalNetworkPolicy', 'devops.no-telnet', 'spec.ingress[0]')));
  });

  test('"Pass default action tier example": defaultAction Pass lets unmatched traffic through to the next tier', () => {
    const passing = objects(devopsTier('\n  defaultAction: Pass') + '---' + telnetDeny);
    expectVerdict(
      passing,
      flow(stageB, stageA, 80),
      noPolicy,
      { allowed: true, reason: 'tier "devops" ended with its defaultAction Pass; past the last tier the namespace profile kns.production allows it' },
      ['tier "devops" passed production/stage-a for Ingress by its defaultAction Pass, which Calico releases without the Tier defaultAction field (calico PR #9232) ignore: they drop'],
    );
    expectVerdict(passing, flow(stageB, stageA, 23), noPolicy, deniedBy(ruleOf('GlobalNetworkPolicy', 'devops.no-telnet', 'spec.ingress[0]')));
  });

  test('"if no policies within a tier apply to endpoints, the tier is skipped, and the tier\'s implicit deny behavior is not executed"', () => {
    expectVerdict(objects(devopsTier() + '---' + telnetDeny), flow(stageA, devPod, 80), noPolicy, noPolicy);
  });

  test('NetworkPolicySpec.tier: "The specified tier must exist": a policy in a tier without a Tier object is never enforced', () => {
    expectVerdict(objects(telnetDeny), flow(stageB, stageA, 23), noPolicy, noPolicy);
  });

  test('"Tiers are sorted by their orders, starting from the lowest order": the first tier decides', () => {
    const tiersAndPolicies = (securityOrder: number) =>
      objects(`
apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: ${securityOrder}}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: security.allow-web}
spec:
  tier: security
  selector: all()
  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
---
${devopsTier()}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: devops.deny-web}
spec:
  tier: devops
  selector: all()
  ingress: [{action: Deny, protocol: TCP, destination: {ports: [80]}}]
`);
    expectVerdict(tiersAndPolicies(100), flow(stageB, stageA, 80), noPolicy, allowedBy(ruleOf('GlobalNetworkPolicy', 'security.allow-web', 'spec.ingress[0]')));
    expectVerdict(tiersAndPolicies(500), flow(stageB, stageA, 80), noPolicy, deniedBy(ruleOf('GlobalNetworkPolicy', 'devops.deny-web', 'spec.ingress[0]')));
  });
});

describe('upstream examples: tigera/docs calico/network-policy/get-started/calico-policy/calico-network-policy.mdx', () => {
  const red = pod('production', 'red', { color: 'red' });
  const blue = pod('staging', 'blue', { color: 'blue' });

  test('"deny-blue": TCP from blue to red is denied in every namespace; the policy also isolates red for other ingress', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-blue
spec:
  selector: color == 'red'
  ingress:
    - action: Deny
      protocol: TCP
      source:
        selector: color == 'blue'
`);
    expectVerdict(policy, flow(blue, red, 6379), noPolicy, deniedBy(ruleOf('GlobalNetworkPolicy', 'deny-blue', 'spec.ingress[0]')));
    expectVerdict(policy, flow(blue, red, 53, 'UDP'), noPolicy, endOfTier('default'));
  });

  test('"allow-egress-external" (its rule is in fact a Deny to 1.2.3.0/24)', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-egress-external
  namespace: production
spec:
  selector: color == 'red'
  types:
    - Egress
  egress:
    - action: Deny
      destination:
        nets:
          - 1.2.3.0/24
`);
    expectVerdict(policy, flow(red, example, 443), deniedBy(ruleOf('NetworkPolicy', 'allow-egress-external', 'spec.egress[0]', 'production')), notAPod('destination'));
    expectVerdict(policy, flow(red, internet, 443), endOfTier('default'), notAPod('destination'));
  });

  test('"Apply network policies in specific order": allow-cluster-internal-ingress (order 10) before drop-other-ingress (order 20)', () => {
    const policies = (allowOrder: number) =>
      objects(`
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: drop-other-ingress
spec:
  order: 20
  selector: color == 'red'
  ingress: [{action: Deny}]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-cluster-internal-ingress
spec:
  order: ${allowOrder}
  selector: color == 'red'
  ingress: [{action: Allow, source: {nets: [10.0.0.0/8]}}]
`);
    expectVerdict(policies(10), flow(blue, red, 80), noPolicy, allowedBy(ruleOf('GlobalNetworkPolicy', 'allow-cluster-internal-ingress', 'spec.ingress[0]')));
    expectVerdict(policies(10), flow(internet, red, 80), notAPod('source'), deniedBy(ruleOf('GlobalNetworkPolicy', 'drop-other-ingress', 'spec.ingress[0]')));
    expectVerdict(policies(30), flow(blue, red, 80), noPolicy, deniedBy(ruleOf('GlobalNetworkPolicy', 'drop-other-ingress', 'spec.ingress[0]')));
  });

  test('"Generate logs for specific traffic": Log goes on to the next rule, which denies', () => {
    const policy = objects(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-tcp-6379
  namespace: production
spec:
  selector: role == 'database'
  types:
    - Ingress
    - Egress
  ingress:
    - action: Log
      protocol: TCP
      source:
        selector: role == 'frontend'
    - action: Deny
      protocol: TCP
      source:
        selector: role == 'frontend'
`);
    const database = pod('production', 'database', { role: 'database' });
    const frontend = pod('production', 'frontend', { role: 'frontend' });
    expectVerdict(policy, flow(frontend, database, 6379), noPolicy, deniedBy(ruleOf('NetworkPolicy', 'allow-tcp-6379', 'spec.ingress[1]', 'production')));
    expectVerdict(policy, flow(frontend, database, 53, 'UDP'), noPolicy, endOfTier('default'));
    // types lists Egress without egress rules: the database is isolated for egress too.
    expectVerdict(policy, flow(database, frontend, 8080), endOfTier('default'), noPolicy);
  });
});
