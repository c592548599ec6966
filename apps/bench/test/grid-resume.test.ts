import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli';
import { buildReport } from '../src/report/build-report';
import { loadMergedResults } from '../src/report/write-report';
import { readResults } from '../src/results/results-file';
import { eightCellKeys, eightCellOverrides } from './eight-cell-smoke';
import { spawnCli } from './spawn-cli';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-grid-'));
const overrides = eightCellOverrides;
const quiet = <T>(run: () => Promise<T>) => run();

const lineCount = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '').length
    : 0;

afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

describe('grid', () => {
  const expected = eightCellKeys().sort();

  it('killed mid-run, then re-run: finishes with no duplicated or lost cells', async () => {
    const output = join(workDirectory, 'killed.jsonl');
    const { child, exit, stderr } = spawnCli(['grid', 'smoke', ...overrides, `--output=${output}`]);
    // Kill as soon as a few cells are written (SIGKILL: no cleanup, possibly mid-line).
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (lineCount(output) >= 3) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      void exit.then((code) => {
        clearInterval(timer);
        if (lineCount(output) < 3)
          reject(new Error(`CLI exited (${code}) before writing 3 cells:\n${stderr()}`));
        else resolve();
      });
    });
    const partial = readResults(output).records.length;
    expect(partial).toBeGreaterThanOrEqual(3);
    expect(partial).toBeLessThan(expected.length);

    const rerun = spawnCli(['grid', 'smoke', ...overrides, `--output=${output}`]);
    const code = await rerun.exit;
    expect(code, rerun.stderr()).toBe(0);
    expect(rerun.stderr()).toMatch(/already in .*skipping them/);
    const keys = readResults(output).records.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(expected);
  });

  it('--shard 1/3, 2/3, 3/3 merged by report equals the unsharded grid', async () => {
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const whole = join(workDirectory, 'whole.jsonl');
      expect(await quiet(() => main(['grid', 'smoke', ...overrides, `--output=${whole}`]))).toBe(0);
      const shards = [1, 2, 3].map((i) => join(workDirectory, `shard-${i}.jsonl`));
      for (const [index, path] of shards.entries()) {
        expect(
          await main(['grid', 'smoke', ...overrides, `--output=${path}`, `--shard=${index + 1}/3`]),
        ).toBe(0);
      }
      const merged = loadMergedResults(shards, () => {});
      const unsharded = loadMergedResults([whole], () => {});
      expect(merged.map((r) => r.key)).toEqual(expected);
      expect(merged.map((r) => r.key)).toEqual(unsharded.map((r) => r.key));
      const accuracyTables = (csv: Record<string, string>) =>
        Object.fromEntries(Object.entries(csv).filter(([name]) => !name.endsWith('diagnostics.csv')));
      expect(accuracyTables(buildReport(merged).csv)).toEqual(accuracyTables(buildReport(unsharded).csv));
      // Reporting the same shard twice deduplicates by key.
      expect(loadMergedResults([...shards, shards[0]!], () => {})).toHaveLength(expected.length);
    } finally {
      process.stderr.write = write;
    }
  });
});
