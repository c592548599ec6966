import { describe, expect, it } from 'vitest';
import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { parseMethodSpec } from '../grid/method-spec';
import { emptyTunedRates, type TunedRates } from '../tune/tuned-rates';
import { planLearningRates } from './learning-rate';

const at = (scenario: string, batchSize: number, extra: Record<string, string> = {}) =>
  resolveConfig('quick', presets.quick!, [
    { key: 'scenario.name', value: scenario },
    { key: 'scenario.batchSize', value: String(batchSize) },
    ...Object.entries(extra).map(([key, value]) => ({ key, value })),
  ]);

// Tuned on quick's stream (label shift, batch 64, 640 images and steps per corruption).
const quickStream = { scenario: 'label-shift', batchSize: 64, samplesPerDomain: 640, steps: 640 };
const tableOn = (stream: typeof quickStream): TunedRates => ({
  ...tuned,
  models: { 'resnet20-gn': [{ ...tuned.models['resnet20-gn']![0]!, provenance: stream as never }] },
});
const tuned: TunedRates = {
  format: 'zerosiam-bench/tuned-rates/v2',
  models: {
    'resnet20-gn': [
      {
        provenance: quickStream as never,
        methods: {
          tent: { baseLearningRate: 4e-3, meanAccuracy: 0.7, candidates: 3 },
          zerosiam: {
            baseLearningRate: 2.5e-4,
            predictorLearningRateScale: 10,
            meanAccuracy: 0.8,
            candidates: 9,
          },
        },
      },
    ],
  },
};

const plan = (
  config: ReturnType<typeof at>,
  entry: string,
  table: TunedRates = tuned,
  model = 'resnet20-gn',
) => planLearningRates(config, { method: parseMethodSpec(entry), model }, table);

describe('planLearningRates: untuned (no table entry) = the methods.md §1.5 rule with B = 1e-3', () => {
  it('batch_size>1: B at bs ≥ 32, from the default', () => {
    expect(plan(at('label-shift', 64), 'tent', emptyTunedRates)).toEqual({
      learningRate: 1e-3,
      learningRateFrom: 'rule',
      baseLearningRate: 1e-3,
      baseLearningRateFrom: 'default',
      predictorLearningRateScale: null,
      predictorLearningRateScaleFrom: 'not-applicable',
    });
    const zerosiam = plan(at('label-shift', 64), 'zerosiam', emptyTunedRates);
    expect(zerosiam.learningRate).toBe(1e-3);
    expect(zerosiam.predictorLearningRateScaleFrom).toBe('default');
    expect(zerosiam.predictorLearningRateScale).toBeNull();
  });

  it('batch_size=1: (B/64)·bs·2, doubled again for SAR/DeYO/COME/ZeroSiam but not in blind-spot', () => {
    const bs1 = at('reset-each-shift', 1);
    expect(plan(bs1, 'tent', emptyTunedRates).learningRate).toBeCloseTo(3.125e-5, 12);
    expect(plan(bs1, 'eata', emptyTunedRates).learningRate).toBeCloseTo(3.125e-5, 12);
    expect(plan(bs1, 'zerosiam', emptyTunedRates).learningRate).toBeCloseTo(6.25e-5, 12);
    expect(plan(at('label-shift', 1), 'deyo+come', emptyTunedRates).learningRate).toBeCloseTo(6.25e-5, 12);
    expect(plan(at('blind-spot', 64), 'zerosiam', emptyTunedRates).learningRate).toBeCloseTo(3.125e-5, 12);
  });

  it('a table entry for another model is not used', () => {
    expect(plan(at('label-shift', 64), 'tent', tuned, 'resnet20-bn').baseLearningRateFrom).toBe('default');
  });
});

describe('planLearningRates: tuned', () => {
  it("'tuned' (the default) takes B and ZeroSiam's predictor multiplier from the table", () => {
    expect(at('label-shift', 64).method.baseLearningRate).toBe('tuned');
    expect(plan(at('label-shift', 64), 'tent')).toMatchObject({
      learningRate: 4e-3,
      baseLearningRate: 4e-3,
      baseLearningRateFrom: 'tuned',
    });
    expect(plan(at('label-shift', 64), 'zerosiam')).toMatchObject({
      learningRate: 2.5e-4,
      baseLearningRateFrom: 'tuned',
      predictorLearningRateScale: 10,
      predictorLearningRateScaleFrom: 'tuned',
    });
    // No entry for eata: the fallback, said so.
    expect(plan(at('label-shift', 64), 'eata')).toMatchObject({
      learningRate: 1e-3,
      baseLearningRateFrom: 'default',
    });
  });

  it("a ZeroSiam plug-in without an entry of its own takes ZeroSiam's; other methods do not", () => {
    for (const entry of ['zerosiam+eata', 'zerosiam+deyo'])
      expect(plan(at('label-shift', 64), entry)).toMatchObject({
        learningRate: 2.5e-4,
        baseLearningRateFrom: 'tuned',
        predictorLearningRateScale: 10,
        predictorLearningRateScaleFrom: 'tuned',
      });
    // Its own entry, where select-rates wrote one, wins.
    const entry = tuned.models['resnet20-gn']![0]!;
    const deyoPlugIn = {
      baseLearningRate: 1e-3,
      predictorLearningRateScale: 1,
      meanAccuracy: 0.8,
      candidates: 9,
    };
    const own: TunedRates = {
      ...tuned,
      models: { 'resnet20-gn': [{ ...entry, methods: { ...entry.methods, 'zerosiam+deyo': deyoPlugIn } }] },
    };
    expect(plan(at('label-shift', 64), 'zerosiam+deyo', own)).toMatchObject({
      baseLearningRate: 1e-3,
      predictorLearningRateScale: 1,
    });
    // Not the other way round: DeYO alone does not borrow ZeroSiam's rates.
    expect(plan(at('label-shift', 64), 'deyo').baseLearningRateFrom).toBe('default');
  });

  it('an entry tuned on another stream (scenario, batch size or length) does not apply', () => {
    expect(plan(at('reset-each-shift', 1), 'tent').baseLearningRateFrom).toBe('default');
    expect(plan(at('label-shift', 8), 'tent').baseLearningRateFrom).toBe('default');
    const longer = at('label-shift', 64, { 'scenario.samplesPerDomain': '10000', 'scenario.steps': '10000' });
    expect(plan(longer, 'zerosiam')).toMatchObject({
      learningRate: 1e-3,
      baseLearningRateFrom: 'default',
      predictorLearningRateScaleFrom: 'default',
    });
  });

  it("blind-spot: an entry applies at the batch size the updates run at (adaptBatchSize), whatever the evaluation's", () => {
    const blindSpot = { scenario: 'blind-spot', samplesPerDomain: 640, steps: 640 };
    const tunedAtOne = tableOn({ ...blindSpot, batchSize: 1 });
    const adaptingAt = (adaptBatchSize: number) =>
      at('blind-spot', 64, { 'scenario.adaptBatchSize': String(adaptBatchSize) });
    expect(plan(adaptingAt(1), 'tent', tunedAtOne)).toMatchObject({
      baseLearningRate: 4e-3,
      baseLearningRateFrom: 'tuned',
      learningRate: (4e-3 / 64) * 2,
    });
    expect(plan(adaptingAt(64), 'tent', tunedAtOne).baseLearningRateFrom).toBe('default');
    // An entry keyed by the evaluation's batch size would apply to any adaptation batch size.
    expect(plan(adaptingAt(1), 'tent', tableOn({ ...blindSpot, batchSize: 64 })).baseLearningRateFrom).toBe(
      'default',
    );
  });

  it('batch_size=1: a B tuned at batch size 1 goes through the same small-batch rule and doubling', () => {
    const bs1 = tableOn({ scenario: 'reset-each-shift', batchSize: 1, samplesPerDomain: 640, steps: 640 });
    expect(plan(at('reset-each-shift', 1), 'tent', bs1).learningRate).toBeCloseTo((4e-3 / 64) * 2, 12);
    expect(plan(at('reset-each-shift', 1), 'zerosiam', bs1).learningRate).toBeCloseTo(
      (2.5e-4 / 64) * 2 * 2,
      12,
    );
  });
});

describe('planLearningRates: overrides', () => {
  it('a number in method.baseLearningRate is B for every method; the table is not read', () => {
    const config = at('label-shift', 64, { 'method.baseLearningRate': '2e-3' });
    expect(plan(config, 'tent')).toMatchObject({ learningRate: 2e-3, baseLearningRateFrom: 'config' });
    expect(plan(config, 'zerosiam')).toMatchObject({
      learningRate: 2e-3,
      predictorLearningRateScale: null,
      predictorLearningRateScaleFrom: 'default',
    });
  });

  it("the entry's baseLearningRate wins and keeps the table out, so its predictor multiplier too", () => {
    expect(plan(at('label-shift', 64), 'zerosiam[baseLearningRate=4e-3]')).toMatchObject({
      learningRate: 4e-3,
      baseLearningRateFrom: 'method-entry',
      predictorLearningRateScaleFrom: 'default',
    });
    expect(plan(at('reset-each-shift', 1), 'sar[baseLearningRate=6.4e-3]').learningRate).toBeCloseTo(
      4e-4,
      12,
    );
  });

  it('predictor multiplier: entry, then method.predictorLearningRateScale, then the table', () => {
    expect(plan(at('label-shift', 64), 'zerosiam[predictorLearningRateScale=1]')).toMatchObject({
      learningRate: 2.5e-4,
      baseLearningRateFrom: 'tuned',
      predictorLearningRateScale: 1,
      predictorLearningRateScaleFrom: 'method-entry',
    });
    expect(
      plan(at('label-shift', 64, { 'method.predictorLearningRateScale': '50' }), 'zerosiam'),
    ).toMatchObject({ predictorLearningRateScale: 50, predictorLearningRateScaleFrom: 'config' });
  });

  it('method.learningRate, then an entry learningRate, replace the whole rule and the table', () => {
    const config = at('reset-each-shift', 1, { 'method.learningRate': '0.5' });
    expect(plan(config, 'zerosiam')).toEqual({
      learningRate: 0.5,
      learningRateFrom: 'config',
      baseLearningRate: null,
      baseLearningRateFrom: null,
      predictorLearningRateScale: null,
      predictorLearningRateScaleFrom: 'default',
    });
    expect(plan(config, 'tent[learningRate=0.25]')).toMatchObject({
      learningRate: 0.25,
      learningRateFrom: 'method-entry',
    });
  });
});
