import { describe, expect, it } from 'vitest';
import { centerDominance } from './center-dominance';
import { expectedCalibrationError } from './expected-calibration-error';
import { histogramEntropy } from './histogram-entropy';
import { logitStatistics } from './logit-statistics';
import { SlidingWindow } from './sliding-window';

describe('logitStatistics', () => {
  it('matches hand-computed norm, confidence, energy and entropy', () => {
    const stats = logitStatistics(Float32Array.from([Math.log(3), 0, 0, 0, 0, 0]), 2, 3);
    // Row 0: softmax = [3/5, 1/5, 1/5]; lse = ln 5.
    expect(stats.predictions).toEqual(Int32Array.from([0, 0]));
    expect(stats.norms[0]).toBeCloseTo(Math.log(3), 6);
    expect(stats.confidences[0]).toBeCloseTo(0.6, 6);
    expect(stats.energies[0]).toBeCloseTo(-Math.log(5), 6);
    const h = -(0.6 * Math.log(0.6) + 2 * 0.2 * Math.log(0.2));
    expect(stats.normalizedEntropies[0]).toBeCloseTo(h / Math.log(3), 6);
    // Row 1: uniform.
    expect(stats.normalizedEntropies[1]).toBeCloseTo(1, 6);
    expect(stats.energies[1]).toBeCloseTo(-Math.log(3), 6);
  });

  it('stays finite for huge logits (no log(softmax) underflow)', () => {
    const stats = logitStatistics(Float32Array.from([1000, -1000]), 1, 2);
    expect(stats.normalizedEntropies[0]).toBe(0);
    expect(stats.confidences[0]).toBe(1);
  });

  it('rejects a wrong length', () => {
    expect(() => logitStatistics(new Float32Array(5), 2, 3)).toThrow(/6 values/);
  });
});

describe('expectedCalibrationError', () => {
  it('weights each bin gap by its share', () => {
    // Bin of 0.95: two samples, one correct → |0.5 − 0.95| · 2/4; bin of 0.55: two correct → |1 − 0.55| · 2/4.
    const ece = expectedCalibrationError([0.95, 0.95, 0.55, 0.55], [1, 0, 1, 1]);
    expect(ece).toBeCloseTo(0.45 * 0.5 + 0.45 * 0.5, 9);
  });

  it('is 0 for a perfectly calibrated set', () => {
    expect(expectedCalibrationError([1, 1], [1, 1])).toBe(0);
  });
});

describe('centerDominance (our definition)', () => {
  it('is 1 for identical vectors and 0 for opposite ones', () => {
    expect(centerDominance(Float32Array.from([1, 2, 1, 2]), 2, 2)).toBeCloseTo(1, 9);
    expect(centerDominance(Float32Array.from([1, 0, -1, 0]), 2, 2)).toBeCloseTo(0, 9);
    // Orthogonal unit vectors: ‖(1,1)/2‖ / 1 = 1/√2.
    expect(centerDominance(Float32Array.from([1, 0, 0, 1]), 2, 2)).toBeCloseTo(Math.SQRT1_2, 9);
  });
});

describe('histogramEntropy', () => {
  it('is 1 for a uniform histogram and 0 for one class', () => {
    expect(histogramEntropy([3, 3, 3])).toBeCloseTo(1, 9);
    expect(histogramEntropy([0, 9, 0])).toBe(0);
    expect(histogramEntropy([0, 0])).toBe(0);
  });
});

describe('SlidingWindow', () => {
  it('keeps whole batches covering the last windowSize samples', () => {
    const window = new SlidingWindow(4, 2);
    const push = (predictions: number[], labels: number[]) =>
      window.push(
        Int32Array.from(predictions),
        Int32Array.from(labels),
        new Float32Array(predictions.length * 2).fill(1),
        new Float64Array(predictions.length).fill(Math.SQRT2),
      );
    push([0, 0], [0, 1]);
    expect(window.summary().full).toBe(false);
    push([0, 0], [0, 1]);
    push([1, 1], [1, 1]);
    const summary = window.summary();
    // The first batch was evicted: predictions [0, 0, 1, 1], labels [0, 1, 1, 1].
    expect(summary.samples).toBe(4);
    expect(summary.topPredictionShare).toBe(0.5);
    expect(summary.topLabelShare).toBe(0.75);
    // Predictions tie at 2–2; the first class (0) counts as dominant, and holds 1 of 4 labels.
    expect(summary.dominantClassLabelShare).toBe(0.25);
    expect(summary.predictionEntropy).toBeCloseTo(1, 9);
    expect(summary.centerDominance).toBeCloseTo(1, 9);
  });
});
