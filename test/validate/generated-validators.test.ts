import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadValidator } from '../../src/validate/load-validator.js';
import type { SchemaNode } from '../../src/validate/schema-node.js';
import { allDialects } from '../../src/dialects/index';
import { ciliumDefaultDeny, kubernetesDefaultDeny } from './engine-examples.js';

// These tests need dist/validators/*.cjs: `npm test` runs `npm run build` (which runs build:validators) first.
const root = join(__dirname, '..', '..');

function patternsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => patternsOf(n, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out.push(value);
      else patternsOf(value, out);
    }
  }
  return out;
}

test.each(allDialects().map((d) => [d.validation.validator]))('%s validator is built, closed and its patterns compile as JS regexps', (id) => {
  const { validate, schema } = loadValidator(id);
  expect(typeof validate).toBe('function');
  const root: SchemaNode = schema();
  expect(root.additionalProperties).toBe(false);
  expect(root.properties?.metadata?.additionalProperties).toBe(false);
  for (const pattern of patternsOf(root)) expect(() => new RegExp(pattern, 'u')).not.toThrow();
});

test('a bundled run loads the validator of its own dialect only', async () => {
  // Same layout as the real bundle: <dir>/<bundle>.cjs next to <dir>/validators/.
  const dir = mkdtempSync(join(tmpdir(), 'validate-bundle-'));
  try {
    symlinkSync(join(root, 'dist', 'validators'), join(dir, 'validators'));
    const result = await build({
      stdin: {
        contents: `import { dialectOf } from './src/dialects/index.ts';
import { validateObject } from './src/validate/validate-object.ts';
const object = JSON.parse(process.argv[2]);
const violations = validateObject(object, dialectOf(object).validation);
const loaded = Object.keys(require.cache).filter((f) => f.includes('validators')).map((f) => f.slice(f.lastIndexOf('/') + 1));
console.log(JSON.stringify({ violations, loaded }));`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: join(dir, 'bundle.cjs'),
      logLevel: 'silent',
    });
    expect(result.warnings).toEqual([]);
    const run = (object: unknown): unknown => JSON.parse(execFileSync(process.execPath, [join(dir, 'bundle.cjs'), JSON.stringify(object)], { encoding: 'utf8' }));
    expect(run(kubernetesDefaultDeny())).toEqual({ violations: [], loaded: ['kubernetes.cjs'] });
    const invalid = { ...ciliumDefaultDeny(), spec: { endpointSelector: {}, ingres: [{}] } };
    expect(run(invalid)).toEqual({
      violations: [
        { path: 'spec', message: 'must set at least one of ingress, ingressDeny, egress, egressDeny' },
        { path: 'spec.ingres', message: 'unknown field "ingres" (did you mean "ingress"?)' },
      ],
      loaded: ['cilium.cjs'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
