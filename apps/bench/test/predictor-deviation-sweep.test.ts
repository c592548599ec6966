import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildReport } from '../src/report/build-report';
import type { ResultRecord } from '../src/results/result-record';
import { runQuietGrid } from './run-quiet-grid';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** A smoke grid of Tent and ZeroSiam on one corruption, quietly. */
async function grid(name: string, extra: readonly string[]): Promise<ResultRecord[]> {
  const output = join(workDirectory, `${name}.jsonl`);
  return runQuietGrid(output, [
    '--methods=tent,zerosiam',
    '--seeds=1',
    '--scenario.corruptions=none',
    '--scenario.samplesPerDomain=32',
    '--scenario.steps=32',
    '--scenario.batchSize=8',
    ...extra,
  ]);
}

/** Table rows of one sweep section: `method | model | value per ratio`. */
function sweepRows(markdown: string, preset: string): string[][] {
  const start = markdown.indexOf(`## ${preset}: predictor deviation against imbalance ratio`);
  if (start < 0) return [];
  const end = markdown.indexOf('![', start);
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| zerosiam'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

it('plots ‖P − I‖ against the imbalance ratio per preset and model, never averaged across them', async () => {
  // One after another: each grid swaps process.stderr.write for its run.
  const gn = await grid('gn', ['--models=tiny-gn', '--scenario.imbalanceRatios=1,1000']);
  const bn = await grid('bn', ['--models=tiny-bn', '--scenario.imbalanceRatios=1,1000']);
  const single = await grid('single', ['--models=tiny-gn', '--scenario.imbalanceRatios=1000']);
  // A second preset at one ratio only: under the old rule its cells were averaged into the sweep.
  const other = single.map((r) => ({ ...r, config: { ...r.config, preset: 'quick' } }));
  const report = buildReport([...gn, ...bn, ...other]);

  const deviation = (records: readonly ResultRecord[], model: string, ratio: number) =>
    records.find(
      (r) => r.cell.method.name === 'zerosiam' && r.cell.model === model && r.cell.imbalanceRatio === ratio,
    )!.online.finalPredictorDeviation!;
  expect(sweepRows(report.markdown, 'smoke')).toEqual([
    [
      'zerosiam',
      'tiny-bn',
      deviation(bn, 'tiny-bn', 1).toFixed(3),
      deviation(bn, 'tiny-bn', 1000).toFixed(3),
    ],
    [
      'zerosiam',
      'tiny-gn',
      deviation(gn, 'tiny-gn', 1).toFixed(3),
      deviation(gn, 'tiny-gn', 1000).toFixed(3),
    ],
  ]);
  // The two models' deviations differ, so an average would have matched neither row.
  expect(deviation(bn, 'tiny-bn', 1000)).not.toBeCloseTo(deviation(gn, 'tiny-gn', 1000), 3);
  expect(sweepRows(report.markdown, 'quick')).toEqual([]); // one ratio: no sweep
  expect(Object.keys(report.plots)).toContain('smoke-predictor-deviation-vs-ir');
  expect(report.plots['smoke-predictor-deviation-vs-ir']!.series.map((s) => s.name)).toEqual([
    'zerosiam · tiny-bn',
    'zerosiam · tiny-gn',
  ]);
  expect(report.csv['smoke-predictor-deviation-vs-ir.csv']).toMatch(/^method,model,IR 1,IR 1000\n/);
}, 120_000);
