import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error';
import {
  parseTunedRates,
  readTunedRates,
  shapeLabel,
  tunedRatesFor,
  tunedRatesPath,
  writeTunedRates,
} from './tuned-rates';

const folder = mkdtempSync(join(tmpdir(), 'tuned-rates-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const quickShape = { scenario: 'label-shift', batchSize: 64, samplesPerDomain: 640, steps: 640 };
const longShape = { ...quickShape, samplesPerDomain: 2000, steps: 2000 };
const entryOn = (shape: typeof quickShape, base: number) => ({
  provenance: { command: 'pnpm bench select-rates results/tune.jsonl', ...shape },
  methods: {
    zerosiam: { baseLearningRate: base, predictorLearningRateScale: 10, meanAccuracy: 0.8, candidates: 9 },
  },
});
const valid = {
  format: 'zerosiam-bench/tuned-rates/v2',
  models: { 'resnet20-gn': [entryOn(quickShape, 1e-3), entryOn(longShape, 4e-3)] },
};

describe('tuned-rates file', () => {
  it('the committed apps/bench/configs/tuned-rates.json parses', () => {
    expect(tunedRatesPath()).toMatch(/apps[/\\]bench[/\\]configs[/\\]tuned-rates\.json$/);
    expect(() => readTunedRates()).not.toThrow();
  });

  it('round-trips through write and read; a missing file is an empty table', () => {
    const path = join(folder, 'rates.json');
    writeTunedRates(path, valid as never);
    const read = readTunedRates(path);
    expect(read).toEqual(valid);
    expect(readTunedRates(join(folder, 'absent.json')).models).toEqual({});
  });

  it('looks up the entry of the stream shape: each shape its own rates, other shapes none', () => {
    const table = parseTunedRates(JSON.stringify(valid), 'rates.json');
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', quickShape)).toMatchObject({
      baseLearningRate: 1e-3,
    });
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', longShape)).toMatchObject({
      baseLearningRate: 4e-3,
    });
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', { ...quickShape, batchSize: 1 })).toBeUndefined();
    expect(tunedRatesFor(table, 'resnet20-gn', 'tent', quickShape)).toBeUndefined();
    expect(tunedRatesFor(table, 'constructor', 'tent', quickShape)).toBeUndefined();
  });

  it('reads a v1 file (one entry per model) as a one-shape v2 table', () => {
    const v1 = {
      format: 'zerosiam-bench/tuned-rates/v1',
      models: { 'resnet20-gn': entryOn(quickShape, 1e-3) },
    };
    const table = parseTunedRates(JSON.stringify(v1), 'old.json');
    expect(table.format).toBe('zerosiam-bench/tuned-rates/v2');
    expect(table.models['resnet20-gn']).toEqual([entryOn(quickShape, 1e-3)]);
    expect(tunedRatesFor(table, 'resnet20-gn', 'zerosiam', quickShape)).toMatchObject({
      baseLearningRate: 1e-3,
    });
  });

  it('refuses two entries of one shape and a v2 model that is not an array', () => {
    const twice = {
      ...valid,
      models: { 'resnet20-gn': [entryOn(quickShape, 1e-3), entryOn(quickShape, 4e-3)] },
    };
    expect(() => parseTunedRates(JSON.stringify(twice), 'rates.json')).toThrow(
      /models\['resnet20-gn'\] must be at most one entry per stream shape, but received "two entries for label-shift, batch 64, 640 per domain, 640 steps"/,
    );
    const single = { ...valid, models: { 'resnet20-gn': entryOn(quickShape, 1e-3) } };
    expect(() => parseTunedRates(JSON.stringify(single), 'rates.json')).toThrow(
      /models\['resnet20-gn'\] must be an array of entries, one per tuned stream shape/,
    );
  });

  it('a bad file names the entry, what was expected, what arrived and the fix', () => {
    const bad = structuredClone(valid) as {
      models: Record<string, { methods: Record<string, Record<string, unknown>> }[]>;
    };
    bad.models['resnet20-gn']![1]!.methods.zerosiam!.baseLearningRate = '1e-3';
    const attempt = () => parseTunedRates(JSON.stringify(bad), 'rates.json');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /rates\.json: models\['resnet20-gn'\]\[1\]\.methods\['zerosiam'\]\.baseLearningRate must be a number > 0, but received "1e-3"\. Fix: regenerate/,
    );
    expect(() => parseTunedRates('{"format":"v0","models":{}}', 'rates.json')).toThrow(/'format' must be/);
    expect(() => parseTunedRates('{', 'rates.json')).toThrow(/not valid JSON/);
    writeFileSync(join(folder, 'broken.json'), '[]');
    expect(() => readTunedRates(join(folder, 'broken.json'))).toThrow(/the file must be a JSON object/);
  });

  it("names a shape's zeros for what they mean: the whole split, the stream's default length", () => {
    expect(shapeLabel(quickShape)).toBe('label-shift, batch 64, 640 per domain, 640 steps');
    expect(shapeLabel({ ...quickShape, samplesPerDomain: 0, steps: 0 })).toBe(
      'label-shift, batch 64, whole split per domain, default steps',
    );
  });
});
