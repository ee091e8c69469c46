import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { clusterRole } from '../../src/discover/rbac';
import { QUERIES } from '../../src/discover/queries';
import { ROOT } from '../support/paths';

/**
 * The ClusterRole discover needs is generated from its queries (`discover --rbac`) and shipped as
 * deploy/discover-clusterrole.yaml: the two are the same text, it grants every query and nothing but
 * get and list.
 */
interface Rule {
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  verbs: string[];
}

const role = parse(clusterRole()) as { kind: string; rules: Rule[] };

test('deploy/discover-clusterrole.yaml is what `discover --rbac` prints', () => {
  expect(readFileSync(join(ROOT, 'deploy', 'discover-clusterrole.yaml'), 'utf8')).toBe(clusterRole());
});

test('it grants get and list only', () => {
  expect(role.kind).toBe('ClusterRole');
  expect([...new Set(role.rules.flatMap((r) => r.verbs))].sort()).toEqual(['get', 'list']);
  // a get is limited to the objects discover reads by name
  expect(role.rules.filter((r) => r.verbs.includes('get') && !r.resourceNames?.length)).toEqual([]);
});

test.each(QUERIES.map((q) => [q.id, q] as const))('it grants query %s', (_id, query) => {
  const verb = query.name ? 'get' : 'list';
  const granted = role.rules.some(
    (r) => r.apiGroups.includes(query.group) && r.resources.includes(query.resource) && r.verbs.includes(verb) && (!query.name || (r.resourceNames ?? []).includes(query.name)),
  );
  expect(granted).toBe(true);
});
