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

it('the diagnostics table shows no calibration error for an unlabelled adaptation stream', async () => {
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
  expect(eceCells(buildReport(noise).markdown)).toEqual(['–', '–']);

  const labelled = await grid('labelled', ['--scenario.corruptions=none']);
  expect(labelled.every((r) => r.online.labeledSamples > 0)).toBe(true);
  for (const cell of eceCells(buildReport(labelled).markdown)) expect(cell).toMatch(/^\d+\.\d$/);
}, 120_000);
