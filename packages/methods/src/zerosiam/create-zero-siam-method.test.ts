import * as tf from '@tensorflow/tfjs-core';
import { createTinyConvNet, describeForBackends, expectClose } from '@zerosiam/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTent } from '../tent/create-tent';
import { createZeroSiam } from './create-zero-siam-method';

const read = (variables: readonly tf.Variable[]) => variables.map((v) => Array.from(v.dataSync()));

describeForBackends(['cpu', 'wasm'], 'createZeroSiam', () => {
  let images: tf.Tensor4D;
  beforeAll(() => {
    images = tf.randomNormal([6, 8, 8, 3], 0, 1, 'float32', 21) as tf.Tensor4D;
  });
  afterAll(() => images.dispose());

  for (const norm of ['gn', 'bn'] as const) {
    it(`batch_size>1 (${norm}): the first norm update equals Tent's at the same lr; the KL terms are zero`, async () => {
      const a = createTinyConvNet({ norm, seed: 4 });
      const b = createTinyConvNet({ norm, seed: 4 });
      const tent = createTent(a, { learningRate: 1e-2 });
      const zerosiam = createZeroSiam(b, {
        learningRate: 1e-2,
        normLearningRateScale: 1,
      });
      const tentResult = await tent.adapt(images);
      const zeroResult = await zerosiam.adapt(images);
      expect(zeroResult.predictions).toEqual(tentResult.predictions);
      expect(Math.abs(zeroResult.diagnostics.losses.regulariser!)).toBeLessThan(1e-6);
      expectClose(zeroResult.diagnostics.losses.objective!, tentResult.diagnostics.losses.objective!, {
        atol: 1e-6,
      });
      const after = read(b.normParameters());
      for (const [i, values] of read(a.normParameters()).entries()) {
        expectClose(after[i]!, values, { atol: 1e-6, rtol: 1e-5 });
      }
      // The predictor moved (its gradient is not zero); the deviation is measured after the update.
      expect(zeroResult.diagnostics.predictorDeviation!).toBeGreaterThan(0);
      expect(tentResult.diagnostics.predictorDeviation).toBeUndefined();
      tent.dispose();
      zerosiam.dispose();
      a.dispose();
      b.dispose();
    });
  }
});
