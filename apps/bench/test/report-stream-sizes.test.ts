import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildReport } from '../src/report/build-report';
import type { ResultRecord } from '../src/results/result-record';
import { runQuietGrid } from './run-quiet-grid';
import { tableUnder } from './table-under';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-sizes-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** A one-cell smoke grid (Tent, clean domain) at `samples` per domain, quietly. */
async function grid(samples: number): Promise<ResultRecord[]> {
  const output = join(workDirectory, `n${samples}.jsonl`);
  return runQuietGrid(output, [
    '--methods=tent',
    '--seeds=1',
    '--scenario.corruptions=none',
    `--scenario.samplesPerDomain=${samples}`,
    `--scenario.steps=${samples}`,
    '--scenario.batchSize=8',
  ]);
}

/** `## title` → the cells after the method of the `tent` row of the first table below it. */
const tentRowUnder = (markdown: string, title: string) =>
  tableUnder(markdown, `## ${title}`).rows.get('tent')!.slice(1);

it('keeps one preset run at two stream sizes apart instead of averaging them', async () => {
  const short = await grid(32);
  const long = await grid(48);
  const percent = (records: readonly ResultRecord[]) => (records[0]!.accuracy * 100).toFixed(1);

  const merged = buildReport([...short, ...long]).markdown;
  const base = 'smoke: label-shift, batch size 8, IR 500000';
  expect(tentRowUnder(merged, `${base}, 32 per domain, 32 steps`)[0]).toBe(percent(short));
  expect(tentRowUnder(merged, `${base}, 48 per domain, 48 steps`)[0]).toBe(percent(long));
  expect(merged).not.toContain(`## ${base}\n`);

  // A single size keeps the plain title (and so the file names of earlier reports).
  expect(tentRowUnder(buildReport(short).markdown, base)[0]).toBe(percent(short));
  // ...unless the size is asked for: then its heading and file names carry it.
  const titled = buildReport(short, { sizeInTitle: true });
  expect(tentRowUnder(titled.markdown, `${base}, 32 per domain, 32 steps`)[0]).toBe(percent(short));
  expect(titled.markdown).not.toContain(`## ${base}\n`);
  expect(Object.keys(titled.csv)).toContain('smoke-label-shift-bs8-ir500000-n32-t32-diagnostics.csv');

  // samplesPerDomain 0 is the whole split (the paper presets' size), not "0 per domain".
  const wholeSplit = short.map((record) => ({
    ...record,
    config: { ...record.config, scenario: { ...record.config.scenario, samplesPerDomain: 0, steps: 0 } },
  }));
  const whole = buildReport(wholeSplit, { sizeInTitle: true });
  expect(tentRowUnder(whole.markdown, `${base}, whole split per domain`)[0]).toBe(percent(short));
  expect(whole.markdown).not.toContain('0 per domain');
  expect(Object.keys(whole.csv)).toContain('smoke-label-shift-bs8-ir500000-nall-diagnostics.csv');
}, 120_000);
