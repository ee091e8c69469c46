import { calicoSelector } from '../../src/dialects/calico/selector';
import type { LabelSelector } from '../../src/k8s/label-selector';

describe('calicoSelector', () => {
  test.each<[string, LabelSelector, string]>([
    ['an empty selector selects everything', {}, 'all()'],
    ['empty matchLabels and matchExpressions select everything', { matchLabels: {}, matchExpressions: [] }, 'all()'],
    ['matchLabels become equalities', { matchLabels: { app: 'x' } }, "app == 'x'"],
    [
      'matchLabels are sorted by key, so equal selectors give equal text',
      { matchLabels: { 'app.kubernetes.io/name': 'stageset-controller', 'app.kubernetes.io/component': 'controller' } },
      "app.kubernetes.io/component == 'controller' && app.kubernetes.io/name == 'stageset-controller'",
    ],
    ['In becomes a set membership', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, "tier in {'a', 'b'}"],
    ['NotIn becomes not in', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, "tier not in {'a'}"],
    ['Exists becomes has()', { matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, 'has(canary)'],
    ['DoesNotExist becomes !has()', { matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] }, '!has(legacy)'],
    ['an empty label value is an equality with the empty string', { matchLabels: { app: '' } }, "app == ''"],
    ['a value holding a single quote is double-quoted (Calico has no escapes)', { matchLabels: { note: "it's" } }, `note == "it's"`],
    ['a set value holding a single quote is double-quoted', { matchExpressions: [{ key: 'k', operator: 'In', values: ["a'b", 'c'] }] }, `k in {"a'b", 'c'}`],
    [
      'matchLabels (sorted) come before the expressions (in their order), joined with &&',
      {
        matchLabels: { z: '1', a: '2' },
        matchExpressions: [
          { key: 'm', operator: 'DoesNotExist' },
          { key: 'b', operator: 'In', values: ['x', 'y'] },
          { key: 'c', operator: 'Exists' },
        ],
      },
      "a == '2' && z == '1' && !has(m) && b in {'x', 'y'} && has(c)",
    ],
  ])('%s', (_title, selector, expected) => {
    expect(calicoSelector(selector)).toBe(expected);
  });

  test('does not modify the selector it is given', () => {
    const selector: LabelSelector = { matchLabels: { b: '1', a: '2' } };
    calicoSelector(selector);
    expect(Object.keys(selector.matchLabels!)).toEqual(['b', 'a']);
  });

  test("the chart's selector labels give a selector the chart's test pattern matches", () => {
    const chart = calicoSelector({
      matchLabels: {
        'app.kubernetes.io/name': 'stageset-controller',
        'app.kubernetes.io/component': 'controller',
        'app.kubernetes.io/instance': 'release',
        'app.kubernetes.io/part-of': 'stageset-controller',
      },
    });
    expect(chart).toMatch(/app\.kubernetes\.io\/name == 'stageset-controller'/);
  });
});
