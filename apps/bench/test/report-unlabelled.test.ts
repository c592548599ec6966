import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { main } from '../src/cli';
import { buildReport } from '../src/report/build-report';
import { readResults } from '../src/results/results-file';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-report-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** The ECE cell of each method's row in the report's diagnostics tables. */
const eceCells = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => /^\| (source|tent) \|/.test(line))
    .map((line) => line.split('|')[2]!.trim())
    .filter((_, index, cells) => index >= cells.length / 2); // the diagnostics rows follow the accuracy rows

it("the diagnostics table shows no calibration error for an unlabelled adaptation stream, and the frozen evaluation's collapse", async () => {
  const grid = async (name: string, extra: readonly string[]) => {
    const output = join(workDirectory, `${name}.jsonl`);
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(
        await main([
          'grid',
          'smoke',
          '--methods=source,tent',
          '--seeds=1',
          '--scenario.samplesPerDomain=32',
          '--scenario.batchSize=8',
          ...extra,
          `--output=${output}`,
        ]),
      ).toBe(0);
    } finally {
      process.stderr.write = write;
    }
    return readResults(output).records;
  };
  const noise = await grid('noise', ['--scenario.name=noise-pre-adaptation', '--scenario.corruptions=none']);
  expect(noise.map((r) => r.online.labeledSamples)).toEqual([0, 0]); // pure noise: nothing to calibrate
  const noiseReport = buildReport(noise).markdown;
  expect(eceCells(noiseReport)).toEqual(['–', '–']);
  // The frozen evaluation on labelled images gets its own collapse column, and the page says why.
  expect(noise.every((r) => (r.frozen?.collapse.windowsChecked ?? 0) > 0)).toBe(true);
  const header = noiseReport.split('\n').find((line) => line.startsWith('| method | ECE %'))!;
  const afterColumn = header.split('|').findIndex((cell) => cell.trim() === 'collapsed after %');
  expect(afterColumn).toBeGreaterThan(0);
  const diagnosticsRows = noiseReport
    .split('\n')
    .filter((line) => /^\| (source|tent) \|/.test(line))
    .slice(-2);
  for (const row of diagnosticsRows) expect(row.split('|')[afterColumn]!.trim()).toMatch(/^\d+\.\d$/);
  expect(noiseReport).toContain('The adaptation stream is unlabelled (pure noise)');

  const labelled = await grid('labelled', ['--scenario.corruptions=none']);
  expect(labelled.every((r) => r.online.labeledSamples > 0)).toBe(true);
  const labelledReport = buildReport(labelled).markdown;
  for (const cell of eceCells(labelledReport)) expect(cell).toMatch(/^\d+\.\d$/);
  expect(labelledReport).not.toContain('collapsed after %');
  expect(labelledReport).not.toContain('The adaptation stream is unlabelled');
}, 120_000);
