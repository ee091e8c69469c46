import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';

/**
 * Two npm packages: the function's (the root) and the benchmark's (bench/, its baselines' packages).
 * The benchmark's yaml and js-yaml round trips measure the libraries the function is bundled with, so
 * both lock files pin the same versions; the deprecated kpt-functions SDK is the benchmark's alone.
 */
type Lock = { packages: Record<string, { version?: string; integrity?: string } | undefined> };
type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

const read = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;
const rootLock = read<Lock>('package-lock.json');
const benchLock = read<Lock>('bench/package-lock.json');

test.each(['yaml', 'js-yaml'])('bench/package-lock.json pins the %s the function is built with', (name) => {
  const root = rootLock.packages[`node_modules/${name}`];
  expect(root?.version).toBeDefined();
  expect(benchLock.packages[`node_modules/${name}`]).toEqual(expect.objectContaining({ version: root?.version, integrity: root?.integrity }));
});

test('kpt-functions is the benchmark\'s dependency only', () => {
  const root = read<Manifest>('package.json');
  expect({ ...root.dependencies, ...root.devDependencies }).not.toHaveProperty('kpt-functions');
  expect(rootLock.packages).not.toHaveProperty(['node_modules/kpt-functions']);
  expect(read<Manifest>('bench/package.json').dependencies).toHaveProperty(['kpt-functions']);
});
