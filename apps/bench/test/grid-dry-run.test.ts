import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { readResults } from '../src/results/results-file';
import { eightCellKeys, eightCellOverrides } from './eight-cell-smoke';
import { runQuietGrid } from './run-quiet-grid';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-dry-run-'));
const overrides = eightCellOverrides;
const allKeys = eightCellKeys();

afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** Runs the CLI in this process; returns its exit code and what it printed on stdout (stderr muted). */
async function capture(argv: readonly string[]): Promise<{ code: number; stdout: string }> {
  const printed: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(argv), stdout: printed.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `grid smoke … --output=<output> --dry-run …extra`, captured. */
const dryRun = (output: string, ...extra: string[]) =>
  capture(['grid', 'smoke', ...overrides, `--output=${output}`, '--dry-run', ...extra]);

describe('grid --dry-run', () => {
  it('on a missing output file: every cell to run, and no file is created', async () => {
    const output = join(workDirectory, 'absent.jsonl');
    const { code, stdout } = await dryRun(output);
    expect(code).toBe(0);
    expect(stdout).toMatch(/8 cells: 0 done, 0 on other weights \(run again\), 8 to run/);
    expect(stdout).toMatch(/\| source · tiny-gn \| 4 \| 0 \| 0 \| 4 \|/);
    expect(stdout).toMatch(/Nothing was run/);
    expect(existsSync(output)).toBe(false);
  });

  it('after half the grid: lists what is done and what is left, and leaves the file as it was', async () => {
    const output = join(workDirectory, 'half.jsonl');
    const written = await runQuietGrid(output, [...overrides, '--shard=1/2']);
    const before = readFileSync(output, 'utf8');
    const { code, stdout } = await dryRun(output);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `8 cells: ${written.length} done, 0 on other weights \\(run again\\), ${8 - written.length} to run`,
      ),
    );
    expect(readFileSync(output, 'utf8')).toBe(before);

    const json = await dryRun(output, '--json');
    const plan = JSON.parse(json.stdout) as {
      planned: number;
      done: number;
      toRun: number;
      secondsPerDoneCell: Record<string, number>;
      cells: { key: string; status: string; willRun: boolean }[];
    };
    expect(plan.cells.map((cell) => cell.key)).toEqual(allKeys);
    // Every kind with a written cell has a timing (its records' finishedAt − startedAt).
    const writtenKinds = new Set(
      written.map((record) => `${record.cell.method.label} · ${record.cell.model}`),
    );
    expect(new Set(Object.keys(plan.secondsPerDoneCell))).toEqual(writtenKinds);
    for (const seconds of Object.values(plan.secondsPerDoneCell)) expect(seconds).toBeGreaterThanOrEqual(0);
    const doneKeys = new Set(written.map((record) => record.key));
    for (const cell of plan.cells) {
      expect(cell.status).toBe(doneKeys.has(cell.key) ? 'done' : 'to-run');
      expect(cell.willRun).toBe(!doneKeys.has(cell.key));
    }
    // --force would run every cell again; the shard flag plans that shard only.
    const forced = await dryRun(output, '--force');
    expect(forced.stdout).toMatch(/8 to run \(--force runs every cell\)/);
    const shard = await dryRun(output, '--shard=2/2');
    expect(shard.stdout).toMatch(
      /\(shard 2\/2\): 4 cells: 0 done, 0 on other weights \(run again\), 4 to run/,
    );

    // The real run then computes exactly the cells the plan listed.
    const finished = await runQuietGrid(output, overrides);
    expect(finished.map((record) => record.key).sort()).toEqual([...allKeys].sort());
    expect(readResults(output).records).toHaveLength(8);
  });

  it('the preset shorthand plans and stops: no grid, no report', async () => {
    const output = join(workDirectory, 'shorthand.jsonl');
    const reportDir = join(workDirectory, 'shorthand-report');
    const { code, stdout } = await capture([
      'smoke',
      ...overrides,
      `--output=${output}`,
      `--reportDir=${reportDir}`,
      '--dry-run',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/8 to run/);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(reportDir)).toBe(false);
  });
});
