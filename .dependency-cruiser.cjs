/**
 * The layering of src/, checked by test/architecture/layers.test.ts. Folders are stages or concepts,
 * bottom to top; a module may import its own folder and the folders below it, never above:
 *
 *   k8s        the Kubernetes vocabulary (objects, label selectors, field paths, CIDRs, names)
 *   krm        ResourceList I/O and results; knows nothing about policies
 *   validate   schema validation of objects (generated validators, messages)
 *   traffic    the traffic model and the NetworkPolicy reading every engine enforces
 *   dialects   one folder per engine (render, rules, lint, evaluator) and the registry
 *   config     the values schema and the functionConfig forms
 *   workloads  finding the controller's workloads among the items
 *   egress     the egress the chart's values and the items imply (endpoints, derived targets)
 *   policy     plan, validate and upsert stages, ownership, foot-guns
 *   explain    the traffic matrix for reviewers (`explain`, `diff`): its own bundle, dist/explain.cjs,
 *              loaded by load-explain.ts with a computed require(); everything else reaches it by type only
 *   discover   the `discover` subcommand: its own bundle (dist/discover.cjs), which main.ts loads by a
 *              computed require() and so only names by type
 *   run.ts, main.ts, usage.ts   the pipeline and the process
 *
 * constants.ts imports nothing and may be imported from anywhere.
 */
const LAYERS = ['k8s', 'krm', 'validate', 'traffic', 'dialects', 'config', 'workloads', 'egress', 'policy', 'explain', 'discover'];

const above = (layer) => LAYERS.slice(LAYERS.indexOf(layer) + 1);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes a module depend on itself: split what both sides need into a lower module.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...LAYERS.map((layer) => ({
      name: `no-back-edge-from-${layer}`,
      severity: 'error',
      comment: `src/${layer} sits below ${above(layer).join(', ')} and the entry points: it must not import them.`,
      from: { path: `^src/${layer}/` },
      to: { path: [`^src/(${above(layer).join('|')})/`, '^src/(run|main|usage)\\.ts$'] },
    })),
    {
      name: 'constants-is-a-leaf',
      severity: 'error',
      comment: 'src/constants.ts is imported from every layer, so it imports nothing.',
      from: { path: '^src/constants\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'dialects-are-independent',
      severity: 'error',
      comment: 'One engine = one folder: an engine folder imports the shared dialect modules, never another engine.',
      from: { path: '^src/dialects/([^/]+)/' },
      to: { path: '^src/dialects/([^/]+)/', pathNot: '^src/dialects/$1/' },
    },
    {
      name: 'explain-is-its-own-bundle',
      severity: 'error',
      comment: 'The explain code ships as dist/explain.cjs, loaded only for explain/diff: outside src/explain, only its loader and its pipeline stage may be imported (types aside).',
      from: { pathNot: '^src/explain/' },
      to: { path: '^src/explain/', pathNot: '^src/explain/(load-explain|explain-stage)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'explain-loader-loads-by-path',
      severity: 'error',
      comment: 'The loader and the stage are in the function\'s bundle: they reach the rest of src/explain through the computed require() of load-explain.ts only.',
      from: { path: '^src/explain/(load-explain|explain-stage)\\.ts$' },
      to: { path: '^src/explain/', pathNot: '^src/explain/load-explain\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-dead-modules',
      severity: 'error',
      comment: 'Every module is reachable from the entry point: one that is not is dead code. The docs generators (the values table, the JSON schema) run at build time, from npm run docs.',
      from: { path: '^src/main\\.ts$' },
      to: { path: '^src/', pathNot: '^src/config/values-(table|json-schema)\\.ts$', reachable: false },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|scripts|bench|dist)/' },
  },
};
