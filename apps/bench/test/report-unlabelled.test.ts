import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildReport } from '../src/report/build-report';
import { runQuietGrid } from './run-quiet-grid';
import { diagnosticsHeading, tableUnder } from './table-under';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-report-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** The ECE cells of the diagnostics rows of `source` and `tent`. */
const eceCells = (markdown: string) => {
  const ece = tableUnder(markdown, diagnosticsHeading).column('ECE %');
  return [ece.get('source'), ece.get('tent')];
};

it("the diagnostics table shows no calibration error for an unlabelled adaptation stream, and the frozen evaluation's collapse and calibration", async () => {
  const grid = (name: string, extra: readonly string[]) =>
    runQuietGrid(join(workDirectory, `${name}.jsonl`), [
      '--methods=source,tent',
      '--seeds=1',
      '--scenario.samplesPerDomain=32',
      '--scenario.batchSize=8',
      ...extra,
    ]);
  const noise = await grid('noise', [
    '--scenario.name=noise-pre-adaptation',
    '--scenario.corruptions=none',
    '--scenario.noiseLength=64', // the scenario's default is 1,000 noise images
  ]);
  expect(noise.map((r) => r.online.samples)).toEqual([64, 64]);
  expect(noise.map((r) => r.online.labeledSamples)).toEqual([0, 0]); // pure noise: nothing to calibrate
  expect(noise.map((r) => r.online.accuracy)).toEqual([null, null]);
  const noiseReport = buildReport(noise).markdown;
  expect(eceCells(noiseReport)).toEqual(['–', '–']);
  // The frozen evaluation on labelled images gets its own collapse column, and the page says why.
  expect(noise.every((r) => (r.frozen?.collapse.windowsChecked ?? 0) > 0)).toBe(true);
  const diagnostics = tableUnder(noiseReport, diagnosticsHeading);
  const after = diagnostics.column('collapsed after %');
  for (const method of ['source', 'tent']) expect(after.get(method)).toMatch(/^\d+\.\d$/);
  // ...and its calibration: the frozen phase's ECE, the one that goes with the accuracy table.
  const eceAfter = diagnostics.column('ECE after %');
  for (const [index, method] of ['source', 'tent'].entries()) {
    const frozenEce = noise[index]?.frozen?.expectedCalibrationError;
    expect(noise[index]?.cell.method.label).toBe(method);
    expect(frozenEce).toBeTypeOf('number');
    expect(eceAfter.get(method)).toBe(((frozenEce as number) * 100).toFixed(1));
  }
  expect(noiseReport).toContain('The adaptation stream is unlabelled (pure noise)');

  const labelled = await grid('labelled', ['--scenario.corruptions=none']);
  expect(labelled.every((r) => r.online.labeledSamples > 0)).toBe(true);
  const labelledReport = buildReport(labelled).markdown;
  for (const cell of eceCells(labelledReport)) expect(cell).toMatch(/^\d+\.\d$/);
  expect(labelledReport).not.toContain('collapsed after %');
  expect(labelledReport).not.toContain('ECE after %');
  expect(labelledReport).not.toContain('The adaptation stream is unlabelled');
}, 120_000);
