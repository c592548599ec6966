import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli';
import { readResults } from '../src/results/results-file';

const workDirectory = mkdtempSync(join(tmpdir(), 'bench-quick-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** Silences the bench's stderr progress inside a test. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const write = process.stderr.write.bind(process.stderr);
  let captured = '';
  process.stderr.write = ((chunk: string) => {
    captured += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return await run();
  } finally {
    process.stderr.write = write;
    quietly.last = captured;
  }
}
quietly.last = '';

describe('quick preset with a fresh resnet20-gn (until the shipped weights exist)', () => {
  const tiny = [
    '--weights=fresh',
    '--methods=source,zerosiam',
    '--scenario.corruptions=contrast',
    '--scenario.samplesPerDomain=16',
    '--scenario.steps=16',
    '--scenario.batchSize=16',
    '--backend=wasm',
  ];

  it('refuses fresh weights on a zoo model without the explicit flag', async () => {
    const code = await quietly(() =>
      main(['grid', 'quick', ...tiny, `--output=${join(workDirectory, 'refused.jsonl')}`]),
    );
    expect(code).toBe(2);
    expect(quietly.last).toMatch(/--allow-fresh-weights/);
  });

  it('runs the real path (zoo model, Fashion-MNIST, corruption, streams scenario) with the flag', async () => {
    const output = join(workDirectory, 'quick.jsonl');
    const code = await quietly(() =>
      main(['grid', 'quick', ...tiny, '--allow-fresh-weights', `--output=${output}`]),
    );
    expect(code, quietly.last).toBe(0);
    expect(quietly.last).toMatch(/WARNING: weights=fresh/);
    const { records } = readResults(output);
    expect(records.map((r) => r.cell.method.name)).toEqual(['source', 'zerosiam']);
    const zerosiam = records[1]!;
    expect(zerosiam.config.weights).toBe('fresh');
    expect(zerosiam.online.samples).toBe(16);
    expect(zerosiam.online.finalPredictorDeviation).toBeGreaterThan(0);
    expect(zerosiam.seeds.stream).toBe(2021);
  });
});
