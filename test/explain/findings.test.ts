/** Each finding, from an input that has the problem, and none from one that does not; most severe first. */
import { parse, stringify } from 'yaml';
import { DEFAULT_SELECTOR } from '../../src/explain/arguments';
import { explain } from '../../src/explain/explain';
import type { Explanation, FindingKind } from '../../src/explain/model';
import { readObjects } from '../../src/explain/read-objects';
import type { KubeObject } from '../../src/k8s/kube-object';
import { controllerDeployment, controllerLabelledJob } from '../support/fixtures';
import { NAME } from '../traffic/matrix-rows';
import { functionOutput } from './support';

function explained(text: string, engine?: string): Explanation {
  const read = readObjects(text, 'test');
  if (read.error !== undefined) throw new Error(read.error);
  const out = explain(read.objects, { selector: DEFAULT_SELECTOR, ...(engine ? { engine } : {}) });
  if (out.error !== undefined) throw new Error(out.error);
  return out.explanation;
}
const kinds = (e: Explanation) => e.findings.map((f) => f.kind);
const controller = () => stringify(parse(controllerDeployment().replace(/^- /, '').replace(/^ {2}/gm, '')));
const policy = (object: Record<string, unknown>) => `---\n${stringify(object)}`;
const onlyFrom = (ports: readonly unknown[]) =>
  policy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'tight', namespace: 'stageset-system' }, spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }, ingress: [{ from: [{ namespaceSelector: NAME('monitoring') }], ports }] } });

test('the controller fixture is what the tests think it is', () => {
  expect((parse(controller()) as KubeObject).kind).toBe('Deployment');
});

test.each<[string, () => string, string | undefined, FindingKind[]]>([
  ['a port every pod reaches: the chart defaults open health, webhook, metrics and gate', () => functionOutput('kubernetes', {}), undefined, ['open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod']],
  ['a Cilium empty rule', () => controller() + policy({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'empty', namespace: 'stageset-system' }, spec: { endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller' } }, ingress: [{}] } }), undefined, ['open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'cilium-empty-rule']],
  ['a Cilium deny-all written as an empty list (the chart\'s)', () => controller() + onlyFrom([]) + policy({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'deny', namespace: 'stageset-system' }, spec: { endpointSelector: {}, ingress: [] } }), 'cilium', ['cilium-empty-section']],
  ['egress without the kube-apiserver', () => functionOutput('kubernetes', { metrics: { from: [{ namespaceSelector: NAME('monitoring') }] }, egress: { enabled: true } }), undefined, ['open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'egress-without-apiserver']],
  ['the kube-apiserver on 443 only', () => functionOutput('kubernetes', { egress: { enabled: true, to: [{ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: [{ port: 443 }] }] } }), undefined, ['open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'open-to-every-pod', 'apiserver-443-only']],
  ['a default-deny that cuts off neighbours', () => controller() + onlyFrom([]) + policy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'stageset-system' }, spec: { podSelector: {} } }), undefined, ['default-deny-cuts-off-neighbours']],
  ['a Baseline allowlist a developer NetworkPolicy overrides', () => functionOutput('clusterNetworkPolicy', { metrics: { from: [{ namespaceSelector: NAME('monitoring') }] } }) + onlyFrom([{ port: 8080 }]), undefined, ['baseline-overridden']],
  ['a rule that can never match: a named port no container declares', () => controller() + onlyFrom([{ port: 'metrcs' }]), undefined, ['rule-never-matches']],
  ['a rule that can never match: a Calico selector nothing satisfies', () => controller() + onlyFrom([]) + policy({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'never', namespace: 'stageset-system' }, spec: { selector: 'all()', ingress: [{ action: 'Deny', source: { selector: "app == 'a' && app == 'b'" } }] } }), 'calico', ['default-deny-cuts-off-neighbours', 'rule-never-matches']],
  ['nothing to say: one rule, from monitoring only', () => controller() + onlyFrom([]), undefined, []],
])('%s', (_title, input, engine, expected) => {
  expect(kinds(explained(input(), engine))).toEqual(expected);
});

test('findings come most severe first, and name what they are about', () => {
  const e = explained(functionOutput('cilium', { egress: { enabled: true }, defaultDeny: { enabled: true } }) + policy({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'empty', namespace: 'stageset-system' }, spec: { endpointSelector: { matchLabels: { app: 'nothing' } }, egress: [{}] } }));
  const order = ['high', 'medium', 'low'];
  const severities = e.findings.map((f) => order.indexOf(f.severity));
  expect(severities).toEqual([...severities].sort((a, b) => a - b));
  expect(e.findings.find((f) => f.kind === 'cilium-empty-rule')).toMatchObject({ object: { kind: 'CiliumNetworkPolicy', name: 'empty' }, path: 'spec.egress[0]' });
  expect(e.findings.find((f) => f.kind === 'open-to-every-pod')).toMatchObject({ port: { port: 8080, protocol: 'TCP' }, path: 'spec.ingress[2]' });
});

test('a Helm hook with the controller\'s labels is named in the notes, not shown, and no neighbour', () => {
  const job = controllerLabelledJob('stageset-controller-cleanup', true);
  const e = explained(controller() + `---\n${stringify(parse(job.replace(/^- /, '').replace(/^ {2}/gm, '')))}` + onlyFrom([]) + policy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'stageset-system' }, spec: { podSelector: {} } }));
  expect(e.notes).toEqual(['Job stageset-system/stageset-controller-cleanup is not shown: it is a Helm hook']);
  expect(e.subjects.map((s) => s.id)).toEqual(['Deployment/stageset-system/stageset-controller', 'neighbours/stageset-system']);
  expect(e.findings.find((f) => f.kind === 'default-deny-cuts-off-neighbours')?.message).not.toContain('cleanup');
});
