import * as tf from '@tensorflow/tfjs-core';
import { createTinyConvNet, describeForBackends } from '@zerosiam/testing';
import { describe, expect, it } from 'vitest';
import { measureMethodStep } from './measure-method-step';
import { summarizeTimes } from './summarize-times';

describeForBackends(['wasm'], 'measureMethodStep (the perf command path)', () => {
  // Short soak in CI: ~200 steps through the same code as `pnpm bench perf --soak`; the tensor
  // count and the tensor bytes must stay flat from the first record to the last.
  for (const method of ['zerosiam', 'tent']) {
    it(`keeps the tensor count flat over 200 ${method} steps`, async () => {
      const start = tf.memory().numTensors;
      const model = createTinyConvNet({ norm: 'gn', seed: 1 });
      const result = await measureMethodStep(model, {
        method,
        batchSize: 4,
        steps: 200,
        warmup: 2,
        recordEvery: 50,
      });
      expect(result.tensorsAfter).toBe(result.tensorsBefore);
      const counts = result.soak!.map((record) => record.numTensors);
      expect(new Set(counts).size).toBe(1);
      expect(new Set(result.soak!.map((record) => record.numBytes)).size).toBe(1);
      expect(result.selected).toBe(4);
      expect(result.imagesPerSecond).toBeGreaterThan(0);
      expect(result.peakBytes).toBeGreaterThanOrEqual(result.stepPeakBytes);
      model.dispose();
      // Everything the measurement made (images, method, optimiser state) is released.
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('reports a kernel breakdown when asked', async () => {
    const model = createTinyConvNet({ norm: 'gn', seed: 2 });
    const result = await measureMethodStep(model, {
      method: 'zerosiam',
      batchSize: 2,
      steps: 2,
      warmup: 1,
      profile: true,
    });
    expect(result.kernels!.length).toBeGreaterThan(3);
    expect(result.kernels!.map((kernel) => kernel.kernel)).toContain('Conv2D');
    model.dispose();
  });
});

describe('summarizeTimes', () => {
  it('gives the median and the interpolated p10/p90', () => {
    expect(summarizeTimes([5, 1, 3, 2, 4])).toEqual({ medianMs: 3, p10Ms: 1.4, p90Ms: 4.6, minMs: 1 });
  });
});
