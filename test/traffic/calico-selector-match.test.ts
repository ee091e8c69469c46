/** The Calico selector evaluator (libcalico-go lib/selector parser/ast.go semantics), on the grammar the syntax check shares. */
import { calicoSelectorMatches } from '../../src/dialects/calico/traffic/selector-match';
import { checkCalicoSelector } from '../../src/dialects/calico/selector-grammar';

const LABELS = { app: 'web', tier: 'frontend', env: 'prod-eu', empty: '', 'app.kubernetes.io/name': 'stageset-controller' };

describe('calicoSelectorMatches', () => {
  test.each<[string, boolean]>([
    // all() and the empty selector (parser.go parseRoot: no tokens → AllNode)
    ['', true],
    ['all()', true],
    ['!all()', false],
    ['global()', true],
    // == and !=: "k != 'v' — Matches resources without label 'k' or with label 'k' and value not equal to v"
    ["app == 'web'", true],
    ['app == "web"', true],
    ["app == 'db'", false],
    ["missing == 'x'", false],
    ["missing != 'x'", true],
    ["app != 'web'", false],
    ["app != 'db'", true],
    ["empty == ''", true],
    ["app.kubernetes.io/name == 'stageset-controller'", true],
    // in / not in: not in is true when the label is absent
    ["tier in {'frontend', 'backend'}", true],
    ["tier in {'backend'}", false],
    ["missing in {'a'}", false],
    ['tier in {}', false],
    ["tier not in {'frontend'}", false],
    ["tier not in {'backend'}", true],
    ["missing not in {'a'}", true],
    ['missing not in {}', true],
    // has()
    ['has(app)', true],
    ['has(empty)', true],
    ['has(missing)', false],
    ['!has(missing)', true],
    ['! has(app)', false],
    ['!!has(app)', true],
    // contains / starts with / ends with need the label
    ["env contains 'od-'", true],
    ["env starts with 'prod'", true],
    ["env ends with 'eu'", true],
    ["env ends with 'us'", false],
    ["missing contains ''", false],
    ["missing starts with ''", false],
    // precedence: ! binds tighter than &&, && tighter than ||
    ["has(missing) || app == 'web' && tier == 'backend'", false],
    ["(has(missing) || app == 'web') && tier == 'frontend'", true],
    ["!app == 'web'", false],
    ["!(app == 'db' || tier == 'backend')", true],
    ["app == 'web' && !has(missing) && env starts with 'prod'", true],
    // a selector that does not parse matches nothing (Calico rejects it)
    ['app == web', false],
    ["(app == 'web'", false],
  ])('%p → %p', (selector, expected) => {
    expect(calicoSelectorMatches(selector, LABELS)).toBe(expected);
  });

  test.each<[Record<string, string>, boolean]>([
    [{ 'my-label': 'prod-1', role: 'business' }, true],
    [{ 'my-label': 'prod-1', role: 'backend' }, false],
    [{ 'my-label': 'dev', role: 'business' }, false],
    [{ role: 'backend' }, true],
  ])('tigera/docs _selectors.mdx precedence example on %p → %p', (labels, expected) => {
    expect(calicoSelectorMatches("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}", labels)).toBe(expected);
  });

  test('in a namespaceSelector all() and global() are read as has() and !has() of projectcalico.org/namespace: for a pod, true and false', () => {
    const scope = { all: true, global: false };
    expect(calicoSelectorMatches('all()', LABELS, scope)).toBe(true);
    expect(calicoSelectorMatches('global()', LABELS, scope)).toBe(false);
    expect(calicoSelectorMatches('global() || all()', LABELS, scope)).toBe(true);
  });

  test('a lookup function is a label set too', () => {
    expect(calicoSelectorMatches("name == 'x'", (key) => (key === 'name' ? 'x' : undefined))).toBe(true);
  });

  test('the syntax check and the evaluator share one grammar', () => {
    for (const selector of ["a == 'b' && (c in {'d'} || !has(e))", "a notin {'x'}", "a startswith 'x'"]) {
      expect(checkCalicoSelector(selector)).toBeUndefined();
      expect(typeof calicoSelectorMatches(selector, {})).toBe('boolean');
    }
    expect(checkCalicoSelector('a == b')).toBeDefined();
  });
});
