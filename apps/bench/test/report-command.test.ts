import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { main } from '../src/cli';
import { benchRoot } from './spawn-cli';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-report-command-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

// A committed result file (decision 0006): a real blind-spot grid, read without running a model.
const resultFile = join(benchRoot, '../../docs/results/data/paper-blind-spot-gn-full.jsonl.gz');

/** Runs `report` in-process with stderr (its one progress line) silenced. */
async function report(args: readonly string[]): Promise<number> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await main(['report', resultFile, '--no-png', ...args]);
  } finally {
    process.stderr.write = write;
  }
}

it('report writes report.md beside its tables and plots when no --markdown is given', async () => {
  const out = join(workDirectory, 'plain');
  expect(await report([`--out=${out}`])).toBe(0);
  const files = readdirSync(out);
  expect(files).toContain('report.md');
  expect(files.some((file) => file.endsWith('.csv'))).toBe(true);
  expect(files.some((file) => file.endsWith('.svg'))).toBe(true);
  expect(files.some((file) => file.endsWith('.png'))).toBe(false);
  // Its plot links are relative to the folder itself.
  expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(
    '](paper-blind-spot-blind-spot-bs64-accuracy.svg)',
  );
});

it('report --markdown=FILE writes the page to FILE only, its links relative to FILE', async () => {
  const out = join(workDirectory, 'site', 'results', 'blind-spot');
  const page = join(workDirectory, 'site', 'page.md');
  expect(await report([`--out=${out}`, `--markdown=${page}`])).toBe(0);
  // No second copy of the page beside the plots (it went stale under docs/results/ before).
  expect(existsSync(join(out, 'report.md'))).toBe(false);
  expect(readdirSync(out).some((file) => file.endsWith('.svg'))).toBe(true);
  const markdown = readFileSync(page, 'utf8');
  expect(markdown).toContain('](results/blind-spot/paper-blind-spot-blind-spot-bs64-accuracy.svg)');
  expect(markdown).toContain('## paper-blind-spot: blind-spot, batch size 64');
});
