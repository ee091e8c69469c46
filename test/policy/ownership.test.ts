import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, ORIGINS_ANNOTATION, OWNER_ANNOTATION } from '../../src/constants';
import type { KubeObject } from '../../src/k8s/kube-object';
import { ownershipFor, stampOwner } from '../../src/policy/ownership';

const OWNER = 'ControllerNetworkPolicy/network-policy';
const object = (apiVersion: string, kind: string, annotations?: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'stageset-controller', namespace: 'stageset-system', ...(annotations ? { annotations } : {}), ...(labels ? { labels } : {}) },
});
const ours = { [OWNER_ANNOTATION]: OWNER };
const legacy = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };

describe('ownershipFor', () => {
  test.each<[string, KubeObject, string]>([
    ['our annotation on a NetworkPolicy', object('networking.k8s.io/v1', 'NetworkPolicy', ours), 'mine'],
    ['our annotation on a Calico NetworkPolicy (same kind, other group)', object('projectcalico.org/v3', 'NetworkPolicy', ours), 'mine'],
    ['our annotation on a CiliumNetworkPolicy of another version', object('cilium.io/v2alpha1', 'CiliumNetworkPolicy', ours), 'mine'],
    ['our annotation on a ClusterNetworkPolicy', object('policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy', ours), 'mine'],
    ["another configuration's annotation", object('networking.k8s.io/v1', 'NetworkPolicy', { [OWNER_ANNOTATION]: 'ConfigMap/function-input [namespace=team-a]' }), 'sibling'],
    ['only the managed-by label of an earlier version: adopted', object('networking.k8s.io/v1', 'NetworkPolicy', undefined, legacy), 'mine'],
    ['the managed-by label of another tool', object('networking.k8s.io/v1', 'NetworkPolicy', undefined, { [MANAGED_BY_LABEL]: 'Helm' }), 'foreign'],
    ['neither annotation nor label', object('networking.k8s.io/v1', 'NetworkPolicy'), 'foreign'],
    ['a NetworkPolicy kind of an unrelated API group, even with our annotation', object('example.com/v1', 'NetworkPolicy', ours, legacy), 'foreign'],
    ['a kind no dialect renders, with our annotation', object('v1', 'ConfigMap', ours, legacy), 'foreign'],
    ['the kind without any group (core)', object('v1', 'NetworkPolicy', ours), 'foreign'],
  ])('%s → %s', (_title, subject, expected) => {
    expect(ownershipFor(OWNER)(subject)).toBe(expected);
  });
});

describe('stampOwner', () => {
  test('adds the owner annotation and the managed-by label, keeping what the object has', () => {
    const [stamped] = stampOwner([{ object: object('networking.k8s.io/v1', 'NetworkPolicy', { keep: 'me' }, { team: 'a' }) }], OWNER);
    expect(stamped!.object.metadata).toEqual({
      name: 'stageset-controller',
      namespace: 'stageset-system',
      annotations: { keep: 'me', [OWNER_ANNOTATION]: OWNER, [ORIGINS_ANNOTATION]: '{}' },
      labels: { team: 'a', [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
    });
  });

  test('stamps where each part came from in the values, as compact JSON explain reads back', () => {
    const origins = [
      { objectPath: 'spec.ingress[2].from', valuesPath: 'networkPolicy.metrics.from', verbatim: true },
      { objectPath: 'spec.egress[1]', valuesPath: 'networkPolicy.egress.to[0]', verbatim: false },
    ];
    const [stamped] = stampOwner([{ object: object('networking.k8s.io/v1', 'NetworkPolicy'), origins }], OWNER);
    expect(stamped!.object.metadata.annotations?.[ORIGINS_ANNOTATION]).toBe('{"spec.ingress[2].from":"networkPolicy.metrics.from","spec.egress[1]":"networkPolicy.egress.to[0]"}');
  });
});
