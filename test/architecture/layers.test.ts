import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/paths';

/**
 * The layering of src/ (.dependency-cruiser.cjs): no cycle, no import from a lower folder into a
 * higher one, no engine folder importing another engine, no dead module. dependency-cruiser reads the
 * imports the way TypeScript resolves them, type-only imports included.
 */
test('src/ keeps its layers: no cycle, no back-edge, no dead module', () => {
  const report = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
  expect(report.summary.totalCruised).toBeGreaterThan(100);
  expect(report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
});
