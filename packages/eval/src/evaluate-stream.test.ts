import * as tf from '@tensorflow/tfjs-core';
import { ShapeMismatchError } from '@zerosiam/core';
import { createTinyConvNet, describeForBackends, expectNoLeaks } from '@zerosiam/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEntropyMethod } from './__fixtures__/entropy-method';
import { createScriptedMethod } from './__fixtures__/scripted-method';
import { createShiftingMethod } from './__fixtures__/shifting-method';
import { createSyntheticStream } from './__fixtures__/synthetic-stream';
import { evaluateFrozen } from './evaluate-frozen';
import { evaluateStream } from './evaluate-stream';

describeForBackends(['cpu', 'wasm'], 'evaluateStream', () => {
  let model: ReturnType<typeof createTinyConvNet>;
  beforeAll(() => {
    model = createTinyConvNet({ norm: 'gn', numClasses: 3, seed: 3 });
  });
  afterAll(() => model.dispose());

  it('batch_size>1: counts the prediction made before the batch update', async () => {
    // Label the first batch with what the unadapted model predicts, so it scores exactly 100%.
    const probe = createSyntheticStream({
      batches: [{ labels: [0, 0, 0, 0] }],
      numClasses: 3,
      seed: 11,
    });
    let firstLabels: number[] = [];
    for await (const batch of probe) {
      const x = tf.tidy(
        () =>
          tf.div(
            tf.sub(tf.tensor4d(batch.images, [...batch.shape] as [number, number, number, number]), 0.5),
            0.25,
          ) as tf.Tensor4D,
      );
      const logits = model.forward(x);
      firstLabels = Array.from(tf.tidy(() => tf.argMax(logits, 1).dataSync()));
      tf.dispose([x, logits]);
    }
    const stream = createSyntheticStream({
      batches: [{ labels: firstLabels }, { labels: firstLabels }],
      numClasses: 3,
      seed: 11,
    });
    // An update that pushes every sample towards another class: after batch 1 the model's
    // predictions on the same images change, so batch 2 (same images, same labels) scores 0.
    const method = createShiftingMethod(model);
    const result = await evaluateStream(method, stream, { maxSeriesPoints: 10 });
    expect(result.series.batchesPerPoint).toBe(1);
    expect(result.series.accuracy).toEqual([1, 0]);
    expect(result.samples).toBe(8);
    method.reset();
    method.dispose();
  });

  it('matches hand-computed metrics', async () => {
    const stream = createSyntheticStream({
      batches: [
        { labels: [0, 1], domain: 0 },
        { labels: [2, 2], domain: 1 },
      ],
      numClasses: 3,
      domains: ['clean', 'noise'],
    });
    const l3 = Math.log(3);
    const method = createScriptedMethod(
      model,
      [
        [
          [l3, 0, 0], // correct, confidence 0.6
          [0, 0, 0], // predicts 0 (first max) → wrong, confidence 1/3
        ],
        [
          [0, 0, l3], // correct, 0.6
          [0, l3, 0], // wrong, 0.6
        ],
      ],
      {
        forwardPasses: 4,
        backwardPasses: 2,
        predictorDeviation: 0.5,
        losses: { total: 1.5 },
      },
    );
    const result = await evaluateStream(method, stream, {
      collapse: { windowSize: 4 },
    });
    expect(result.accuracy).toBe(0.5);
    expect(result.accuracyByDomain.clean).toEqual({
      samples: 2,
      correct: 1,
      accuracy: 0.5,
    });
    expect(result.accuracyByDomain.noise).toEqual({
      samples: 2,
      correct: 1,
      accuracy: 0.5,
    });
    expect(result.meanConfidence).toBeCloseTo((0.6 * 3 + 1 / 3) / 4, 6);
    expect(result.meanLogitNorm).toBeCloseTo((3 * l3) / 4, 6);
    expect(result.meanEnergy).toBeCloseTo(-(3 * Math.log(5) + Math.log(3)) / 4, 6);
    // ECE: bin (1/3 ∈ bin 4): acc 0 vs conf 1/3, weight 1/4; bin of 0.6 (bin 8): acc 2/3 vs 0.6, weight 3/4.
    expect(result.expectedCalibrationError).toBeCloseTo(0.25 * (1 / 3) + 0.75 * Math.abs(2 / 3 - 0.6), 6);
    // Predictions [0, 0, 2, 1] → histogram [2, 1, 1].
    const p = [0.5, 0.25, 0.25];
    expect(result.finalPredictionEntropy).toBeCloseTo(-p.reduce((s, v) => s + v * Math.log(v), 0) / l3, 6);
    // Sum of logits (l3, l3, l3) → ‖·‖ = √3·l3; Σ‖u‖ = 3·l3.
    expect(result.finalCenterDominance).toBeCloseTo(Math.sqrt(3) / 3, 6);
    expect(result.forwardPassesPerSample).toBe(2);
    expect(result.backwardPassesPerSample).toBe(1);
    expect(result.finalPredictorDeviation).toBe(0.5);
    expect(result.series.loss).toEqual([1.5, 1.5]);
    expect(result.collapse.detected).toBe(false);
    expect(result.runnerResets).toBe(0);
  });

  it('flags collapse when one class takes the predictions of balanced labels', async () => {
    // Six batches of four samples, every one predicted as class 0, with the given labels per batch.
    const predictAllAsZero = (labels: number[]) =>
      evaluateStream(
        createScriptedMethod(model, [labels.map(() => [5, 0, 0])]),
        createSyntheticStream({ batches: Array.from({ length: 6 }, () => ({ labels })), numClasses: 3 }),
        { collapse: { windowSize: 8 } },
      );
    const result = await predictAllAsZero([0, 1, 2, 0]);
    expect(result.collapse.detected).toBe(true);
    expect(result.collapse.firstCollapsedSample).toBe(8);
    expect(result.collapse.windowsCollapsed).toBe(5);
    // The same predictions on single-class labels (label shift) are not collapse.
    const fine = await predictAllAsZero([0, 0, 0, 0]);
    expect(fine.collapse.detected).toBe(false);
    // Label shift, but the model predicts class 0 for a block of class-2 labels: collapse.
    // (The old rule, "the most frequent label holds at most half the labels", could never see this.)
    const wrong = await predictAllAsZero([2, 2, 2, 2]);
    expect(wrong.collapse.detected).toBe(true);
    expect(wrong.collapse.windowsCollapsed).toBe(5);
    expect(wrong.collapse.thresholds.maxDominantLabelShare).toBe(0.5);
  });

  it('resets per domain, per batch, or never', async () => {
    const batches = [0, 0, 1, 1, 2].map((domain) => ({
      labels: [0, 1],
      domain,
    }));
    const rows = [
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
    ];
    const run = async (policy?: 'never' | 'per-domain' | 'per-batch') => {
      const method = createScriptedMethod(model, rows);
      const stream = createSyntheticStream({
        batches,
        numClasses: 3,
        resetPolicy: 'per-domain',
      });
      const result = await evaluateStream(method, stream, policy ? { resetPolicy: policy } : {});
      expect(result.runnerResets).toBe(method.calls.reset);
      return method.calls.reset;
    };
    expect(await run()).toBe(2); // from stream.info.resetPolicy
    expect(await run('never')).toBe(0);
    expect(await run('per-batch')).toBe(4);
  });

  it('leaks no tensors with a real adapting method', async () => {
    const stream = createSyntheticStream({
      batches: [{ labels: [0, 1, 2] }, { labels: [1, 1, 1] }, { labels: [2] }],
      numClasses: 3,
    });
    const method = createEntropyMethod(model, 0.01);
    const result = await expectNoLeaks(() => evaluateStream(method, stream));
    expect(result.memory.retainedTensors).toBe(0);
    expect(result.memory.peakBytes).toBeGreaterThan(result.memory.startBytes);
    expect(result.imagesPerSecond).toBeGreaterThan(0);
    method.reset();
    method.dispose();
  });

  it('evaluateFrozen predicts and never adapts', async () => {
    const method = createScriptedMethod(model, [[[1, 0, 0]]]);
    const stream = createSyntheticStream({
      batches: [
        { labels: [0], domain: 0 },
        { labels: [1], domain: 1 },
      ],
      numClasses: 3,
      resetPolicy: 'per-domain',
    });
    const result = await evaluateFrozen(method, stream);
    expect(method.calls).toEqual({ adapt: 0, predict: 2, reset: 0 });
    expect(result.mode).toBe('frozen');
    expect(result.accuracy).toBe(0.5);
  });

  it('leaves unlabelled samples (label −1) out of accuracy and calibration', async () => {
    const stream = createSyntheticStream({
      batches: [{ labels: [-1, -1] }, { labels: [0, 1] }],
      numClasses: 3,
    });
    const method = createScriptedMethod(model, [
      [
        [1, 0, 0],
        [1, 0, 0],
      ],
      [
        [1, 0, 0],
        [1, 0, 0],
      ],
    ]);
    const result = await evaluateStream(method, stream, { maxSeriesPoints: 10 });
    expect(result.samples).toBe(4);
    expect(result.labeledSamples).toBe(2);
    expect(result.accuracy).toBe(0.5);
    expect(result.series.accuracy).toEqual([null, 0.5]);
  });

  it('reports no accuracy or calibration error, rather than 0, for a stream without labels', async () => {
    const stream = createSyntheticStream({
      batches: [{ labels: [-1, -1] }, { labels: [-1, -1] }],
      numClasses: 3,
    });
    const method = createScriptedMethod(model, [
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
    ]);
    const progress: (number | null)[] = [];
    const result = await evaluateStream(method, stream, {
      onBatch: (p) => progress.push(p.accuracy),
    });
    expect(result.samples).toBe(4);
    expect(result.labeledSamples).toBe(0);
    expect(result.accuracy).toBeNull();
    expect(result.meanDomainAccuracy).toBeNull();
    expect(result.expectedCalibrationError).toBeNull();
    expect(result.accuracyByDomain).toEqual({});
    expect(progress).toEqual([null, null]);
    // The logit statistics do not need labels.
    expect(result.meanLogitNorm).toBeGreaterThan(0);
  });

  it('rejects a stream with other classes than the model', async () => {
    const stream = createSyntheticStream({
      batches: [{ labels: [0] }],
      numClasses: 4,
    });
    await expect(evaluateStream(createScriptedMethod(model, []), stream)).rejects.toSatisfy(
      ShapeMismatchError.isInstance,
    );
  });
});
