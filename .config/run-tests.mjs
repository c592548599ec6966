// `pnpm test`: runs every package's vitest suite through turbo, then prints one closing line
// `Tests: N passed, N failed, N skipped` summed over the JSON reports each suite wrote.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  fs.existsSync(path.join(root, dir))
    ? fs.readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name))
    : [],
);
const reportOf = (workspace) => path.join(workspace, 'test-results', 'vitest.json');
for (const workspace of workspaces) fs.rmSync(reportOf(workspace), { force: true });

// Two tasks at a time: the suites are CPU-bound and CI has 2 cores; more only makes timeouts.
const turbo = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=2', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const workspace of workspaces) {
  if (!fs.existsSync(path.join(workspace, 'package.json'))) continue;
  const manifest = JSON.parse(fs.readFileSync(path.join(workspace, 'package.json'), 'utf8'));
  if (!manifest.scripts?.test) continue;
  const file = reportOf(workspace);
  if (!fs.existsSync(file)) {
    missing.push(manifest.name);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load counts its file as a failure even when no test ran.
  failed += (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
  ).length;
}
if (missing.length > 0) console.log(`No test report from: ${missing.join(', ')}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(turbo.status === 0 && failed === 0 && missing.length === 0 ? 0 : 1);
