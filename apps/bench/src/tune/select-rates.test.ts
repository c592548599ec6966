import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../results/result-record';
import { formatRateSelection } from './format-rate-selection';
import { selectRates } from './select-rates';
import { tuneRecords, tuneWeights } from './tune-records.fixture';

const weights = tuneWeights;

describe('selectRates', () => {
  it('picks, per method, the best mean over the 4 validation corruptions (B and the predictor multiplier)', () => {
    // tent is best at B = 4e-3 on average although 1e-3 wins on spatter; zerosiam at (1e-3, ×10).
    const records = tuneRecords((label, corruption) => {
      if (label === 'tent[baseLearningRate=0.004]') return 0.7;
      if (label === 'tent[baseLearningRate=0.001]') return corruption === 'spatter' ? 0.9 : 0.6;
      if (label === 'zerosiam[baseLearningRate=0.001,predictorLearningRateScale=10]') return 0.8;
      return 0.5;
    });
    const [selection] = selectRates(records);
    expect(selection!.model).toBe('resnet20-gn');
    expect(selection!.cells).toBe(24 * 4);
    expect(selection!.corruptions).toEqual(['speckle_noise', 'gaussian_blur', 'spatter', 'saturate']);
    expect(selection!.weights).toEqual(weights);
    const winners = Object.fromEntries(selection!.methods.map((m) => [m.method, m.winner]));
    expect(Object.keys(winners).sort()).toEqual(['deyo', 'deyo+come', 'eata', 'sar', 'tent', 'zerosiam']);
    expect(winners.tent).toMatchObject({ baseLearningRate: 4e-3, predictorLearningRateScale: null });
    expect(winners.tent!.meanAccuracy).toBeCloseTo(0.7, 12);
    expect(winners.zerosiam).toMatchObject({ baseLearningRate: 1e-3, predictorLearningRateScale: 10 });
    expect(selection!.methods.find((m) => m.method === 'zerosiam')!.candidates).toHaveLength(9);
    const tent = selection!.methods.find((m) => m.method === 'tent')!;
    expect(tent.candidates.find((c) => c.baseLearningRate === 1e-3)!.meanAccuracy).toBeCloseTo(0.675, 12);

    const markdown = formatRateSelection([selection!], {
      command: 'pnpm bench select-rates results/tune.jsonl',
      weights: new Map([['resnet20-gn', weights]]),
    });
    expect(markdown).toContain('640 images and 640 steps per corruption, IR 500000, seeds 2021; 96 cells');
    expect(markdown).toContain('| tent | 0.004 | – | 70.00 | 70.00 | 70.00 | 70.00 | **70.00** | ✓ |');
    expect(markdown).toContain('| zerosiam | 0.001 | 10 | 80.00 | 80.00 | 80.00 | 80.00 | **80.00** | ✓ |');
    expect(markdown).toContain('| zerosiam | 0.001 | 100 | 50.00 | 50.00 | 50.00 | 50.00 | 50.00 |  |');
  });

  it('ties go to the smaller rate (B first, then the predictor multiplier)', () => {
    const records = tuneRecords((label) => (label.includes('0.00025') ? 0.4 : 0.6));
    const [selection] = selectRates(records);
    for (const { method, winner } of selection!.methods) {
      expect(winner.baseLearningRate, method).toBe(1e-3);
      if (method === 'zerosiam') expect(winner.predictorLearningRateScale).toBe(1);
    }
  });

  it('refuses any test corruption: expected the validation ones, received the others, and the fix', () => {
    const records = tuneRecords(
      () => 0.5,
      [{ key: 'scenario.corruptions', value: 'speckle_noise,gaussian_blur,spatter,saturate,fog' }],
    );
    expect(() => selectRates(records)).toThrow(
      /expected records on speckle_noise, gaussian_blur, spatter, saturate, but received records on fog \(24 records\).*Fix: /,
    );
    const onlyTest = tuneRecords(() => 0.5, [{ key: 'scenario.corruptions', value: 'gaussian_noise' }]);
    expect(() => selectRates(onlyTest)).toThrow(/validation corruptions only.*gaussian_noise/);
  });

  it('refuses incomplete candidates, a missing validation corruption, and rates that bypassed the rule', () => {
    const records = tuneRecords(() => 0.5);
    const withoutOne = records.filter(
      (r) => !(r.cell.method.label === 'sar[baseLearningRate=0.001]' && r.cell.corruption === 'spatter'),
    );
    expect(() => selectRates(withoutOne)).toThrow(
      /sar at B 0\.001 is incomplete.*missing spatter\|ir500000\|seed2021/,
    );
    expect(() => selectRates(records.filter((r) => r.cell.corruption !== 'saturate'))).toThrow(
      /all 4 validation corruptions.*none on saturate/,
    );
    const bypassed = tuneRecords(() => 0.5, [{ key: 'method.learningRate', value: '0.01' }]);
    expect(() => selectRates(bypassed)).toThrow(
      /set by method\.learningRate: expected the learning-rate rule/,
    );
    const other = tuneRecords(
      () => 0.5,
      [{ key: 'methods', value: 'zerosiam[predictor=mlp;baseLearningRate=0.001]' }],
    );
    expect(() => selectRates(other)).toThrow(
      /sets predictor: expected entries that differ only in baseLearningRate/,
    );
  });

  it('refuses records from two different weights files', () => {
    const records = tuneRecords(() => 0.5).map((record, index) =>
      index === 0
        ? ({ ...record, modelWeights: { ...weights, sha256: 'cd'.repeat(32) } } as ResultRecord)
        : record,
    );
    expect(() => selectRates(records)).toThrow(/mix weights files/);
  });

  it("keys a blind-spot selection by the batch size its updates ran at, not the frozen evaluation's", () => {
    const blindSpot = (adaptBatchSize: number) =>
      selectRates(
        tuneRecords(
          () => 0.5,
          [
            { key: 'scenario.name', value: 'blind-spot' },
            { key: 'scenario.batchSize', value: '64' },
            { key: 'scenario.adaptBatchSize', value: String(adaptBatchSize) },
          ],
        ),
      )[0]!;
    expect(blindSpot(1)).toMatchObject({ scenario: 'blind-spot', batchSize: 1 });
    expect(blindSpot(16).batchSize).toBe(16);
    const markdown = formatRateSelection([blindSpot(1)], {
      command: 'pnpm bench select-rates results/tune-blind-spot.jsonl',
      weights: new Map([['resnet20-gn', weights]]),
    });
    expect(markdown).toContain('blind-spot, updates at batch size 1, 640 images');
  });

  describe('on a mixed stream (the 4 validation corruptions pooled into one)', () => {
    const mixed = (corruptions = 'speckle_noise,gaussian_blur,spatter,saturate') => [
      { key: 'scenario.name', value: 'mixed' },
      { key: 'scenario.samplesPerDomain', value: '2000' },
      { key: 'scenario.steps', value: '0' },
      { key: 'scenario.corruptions', value: corruptions },
    ];

    it("scores each candidate per corruption from the stream's domains and ranks their mean", () => {
      // tent at 1e-3 wins spatter inside the pooled stream, 4e-3 wins the mean.
      const records = tuneRecords((label, corruption) => {
        if (label === 'tent[baseLearningRate=0.004]') return 0.7;
        if (label === 'tent[baseLearningRate=0.001]') return corruption === 'spatter' ? 0.9 : 0.6;
        return 0.5;
      }, mixed());
      expect(records.every((r) => r.cell.corruption === 'all')).toBe(true);
      const [selection] = selectRates(records);
      expect(selection).toMatchObject({ scenario: 'mixed', cells: 24, samplesPerDomain: 2000, steps: 0 });
      expect(selection!.corruptions).toEqual(['speckle_noise', 'gaussian_blur', 'spatter', 'saturate']);
      const tent = selection!.methods.find((m) => m.method === 'tent')!;
      expect(tent.winner.baseLearningRate).toBe(4e-3);
      const atOneE3 = tent.candidates.find((c) => c.baseLearningRate === 1e-3)!;
      expect(atOneE3.accuracyByCorruption).toEqual({
        speckle_noise: 0.6,
        gaussian_blur: 0.6,
        spatter: 0.9,
        saturate: 0.6,
      });
      expect(atOneE3.meanAccuracy).toBeCloseTo(0.675, 12);
      const markdown = formatRateSelection([selection!], {
        command: 'pnpm bench select-rates results/tune-mixed.jsonl',
        weights: new Map([['resnet20-gn', weights]]),
      });
      expect(markdown).toContain(
        'mixed (one never-reset stream pooling 2000 images of each corruption), batch size 64',
      );
      expect(markdown).toContain('| tent | 0.001 | – | 60.00 | 60.00 | 90.00 | 60.00 | 67.50 |  |');
    });

    it('refuses a mixed stream that pooled a test corruption or left a validation one out', () => {
      const withFog = tuneRecords(() => 0.5, mixed('speckle_noise,gaussian_blur,spatter,saturate,fog'));
      expect(() => selectRates(withFog)).toThrow(
        /expected records on speckle_noise, gaussian_blur, spatter, saturate, but received records on fog \(24 records\)/,
      );
      const three = tuneRecords(() => 0.5, mixed('speckle_noise,gaussian_blur,spatter'));
      expect(() => selectRates(three)).toThrow(/all 4 validation corruptions.*none on saturate/);
      expect(() => selectRates([...three, ...tuneRecords(() => 0.5, mixed())])).toThrow(
        /mix pooled corruptions \(scenario\.corruptions\)/,
      );
    });

    it("refuses a mixed record whose evaluation lost a pooled corruption's domain", () => {
      const records = tuneRecords(() => 0.5, mixed());
      const first = records[0]!;
      const { 'saturate@5': _dropped, ...domains } = first.online.accuracyByDomain;
      records[0] = { ...first, online: { ...first.online, accuracyByDomain: domains } } as ResultRecord;
      expect(() => selectRates(records)).toThrow(
        /pooled saturate but its online evaluation has no domain 'saturate@5'/,
      );
    });
  });
});
