import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../cli/progress';
import { tuneRecords } from '../tune/tune-records.fixture';
import { parseTunedRates, tunedRatesFor } from '../tune/tuned-rates';
import { selectRatesCommand } from './select-rates-command';

const folder = mkdtempSync(join(tmpdir(), 'select-rates-command-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const quickShape = { scenario: 'label-shift', batchSize: 64, samplesPerDomain: 640, steps: 640 };
const longShape = { ...quickShape, samplesPerDomain: 2000, steps: 2000 };
const longOverrides = [
  { key: 'scenario.samplesPerDomain', value: '2000' },
  { key: 'scenario.steps', value: '2000' },
];

/** A tuning results file where `winner` (a method label) scores best. */
function resultsFile(name: string, winner: string, overrides: { key: string; value: string }[] = []): string {
  const path = join(folder, name);
  const records = tuneRecords((label) => (label === winner ? 0.8 : 0.5), overrides);
  writeFileSync(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  return path;
}

function select(file: string, out: string) {
  const lines: string[] = [];
  const progress = { log: (line: string) => lines.push(line) } as unknown as Progress;
  const flags = new Map<string, string | true>([
    ['out', out],
    ['markdown', join(folder, 'tuned-rates.md')],
  ]);
  return selectRatesCommand([file], flags, { command: `pnpm bench select-rates ${file}`, progress }).then(
    (result) => ({ ...result, lines }),
  );
}

describe('select-rates command', () => {
  it('keeps one entry per stream shape: a second shape is added, a rerun of a shape replaces only it', async () => {
    const out = join(folder, 'tuned-rates.json');
    const short = resultsFile(
      'tune.jsonl',
      'zerosiam[baseLearningRate=0.001,predictorLearningRateScale=100]',
    );
    const long = resultsFile(
      'tune-2000.jsonl',
      'zerosiam[baseLearningRate=0.004,predictorLearningRateScale=10]',
      longOverrides,
    );
    await select(short, out);
    const second = await select(long, out);
    expect(second.lines.some((line) => line.includes('keeping the entries tuned on other streams'))).toBe(
      true,
    );

    let table = parseTunedRates(readFileSync(out, 'utf8'), out);
    expect(table.models['resnet20-gn']).toHaveLength(2);
    expect(table.models['resnet20-gn']!.map((entry) => entry.provenance.steps)).toEqual([640, 2000]);
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', quickShape)).toMatchObject({
      baseLearningRate: 1e-3,
      predictorLearningRateScale: 100,
    });
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', longShape)).toMatchObject({
      baseLearningRate: 4e-3,
      predictorLearningRateScale: 10,
    });

    // Re-tuning the short shape replaces its entry and leaves the long one alone.
    const again = resultsFile(
      'tune-again.jsonl',
      'zerosiam[baseLearningRate=0.00025,predictorLearningRateScale=1]',
    );
    await select(again, out);
    table = parseTunedRates(readFileSync(out, 'utf8'), out);
    expect(table.models['resnet20-gn']).toHaveLength(2);
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', quickShape)).toMatchObject({
      baseLearningRate: 2.5e-4,
      predictorLearningRateScale: 1,
    });
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', longShape)).toMatchObject({
      baseLearningRate: 4e-3,
    });
  });
});
