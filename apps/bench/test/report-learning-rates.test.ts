import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildReport } from '../src/report/build-report';
import { runQuietGrid } from './run-quiet-grid';
import { tableUnder } from './table-under';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-rates-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

it('lists the learning rate each method ran at and where it came from', async () => {
  const records = await runQuietGrid(join(workDirectory, 'rates.jsonl'), [
    '--methods=source,tent[baseLearningRate=0.004],zerosiam,zerosiam[predictorLearningRateScale=10]',
    '--seeds=1',
    '--scenario.corruptions=none',
    '--scenario.samplesPerDomain=16',
    '--scenario.steps=16',
    '--scenario.batchSize=8',
  ]);
  const markdown = buildReport(records).markdown;
  const { header, rows: table } = tableUnder(markdown, '### Learning rates');
  expect(header).toEqual(['method', 'tiny-gn']);
  const rows = new Map([...table].map(([method, cells]) => [method, cells.slice(1)] as const));
  expect(rows.get('source')).toEqual(['–']);
  // Batch size 8 < 32: the rule scales B by 2 × 8 / 64 (the rate is not B).
  expect(rows.get('tent[baseLearningRate=0.004]')).toEqual(['1e-3 (B 4e-3, method-entry)']);
  // The smoke model has no tuned entry: B falls back to 1e-3 and ZeroSiam to its own ×100.
  expect(rows.get('zerosiam')).toEqual(['2.5e-4 (B 1e-3, default) · predictor ×100 (default)']);
  expect(rows.get('zerosiam[predictorLearningRateScale=10]')).toEqual([
    '2.5e-4 (B 1e-3, default) · predictor ×10 (method-entry)',
  ]);
}, 120_000);
