import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error';
import {
  parseTunedRates,
  readTunedRates,
  tunedRatesFor,
  tunedRatesPath,
  writeTunedRates,
} from './tuned-rates';

const folder = mkdtempSync(join(tmpdir(), 'tuned-rates-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const valid = {
  format: 'zerosiam-bench/tuned-rates/v1',
  models: {
    'resnet20-gn': {
      provenance: { command: 'pnpm bench select-rates results/tune.jsonl' },
      methods: {
        zerosiam: {
          baseLearningRate: 1e-3,
          predictorLearningRateScale: 10,
          meanAccuracy: 0.8,
          candidates: 9,
        },
      },
    },
  },
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
    expect(tunedRatesFor(read, 'resnet20-gn', 'zerosiam')).toMatchObject({ baseLearningRate: 1e-3 });
    expect(tunedRatesFor(read, 'resnet20-gn', 'tent')).toBeUndefined();
    expect(tunedRatesFor(read, 'constructor', 'tent')).toBeUndefined();
    expect(readTunedRates(join(folder, 'absent.json')).models).toEqual({});
  });

  it('a bad file names the entry, what was expected, what arrived and the fix', () => {
    const bad = structuredClone(valid) as {
      models: Record<string, { methods: Record<string, Record<string, unknown>> }>;
    };
    bad.models['resnet20-gn']!.methods.zerosiam!.baseLearningRate = '1e-3';
    const attempt = () => parseTunedRates(JSON.stringify(bad), 'rates.json');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /rates\.json: models\['resnet20-gn'\]\.methods\['zerosiam'\]\.baseLearningRate must be a number > 0, but received "1e-3"\. Fix: regenerate/,
    );
    expect(() => parseTunedRates('{"format":"v0","models":{}}', 'rates.json')).toThrow(/'format' must be/);
    expect(() => parseTunedRates('{', 'rates.json')).toThrow(/not valid JSON/);
    writeFileSync(join(folder, 'broken.json'), '[]');
    expect(() => readTunedRates(join(folder, 'broken.json'))).toThrow(/the file must be a JSON object/);
  });
});
