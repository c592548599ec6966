import { fc, test } from '@fast-check/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { logitsRows, seededLogits, softmaxRow } from './__fixtures__/reference';
import { negativeSquaredProbability } from './negative-squared-probability';

describeForBackends(['cpu', 'wasm'], 'negativeSquaredProbability', () => {
  it('batch_size>1: is −Σ p², with gradient −2 p ⊙ (p − Σ p²)', () => {
    const rows = seededLogits(7, 3, 5);
    tf.tidy(() => {
      const logits = tf.tensor2d(rows);
      const collision = rows.map((row) => softmaxRow(row).reduce((s, p) => s + p * p, 0));
      expectClose(
        negativeSquaredProbability(logits, { reduction: 'none' }),
        collision.map((c) => -c),
        { atol: 1e-6 },
      );
      const gradient = tf.grad(
        (u: tf.Tensor) => negativeSquaredProbability(u as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar,
      )(logits);
      const expected = rows.flatMap((row, b) => softmaxRow(row).map((p) => -2 * p * (p - collision[b]!)));
      expectClose(gradient, expected, { atol: 1e-6 });
    });
  });

  test.prop([logitsRows(fc)], { numRuns: 50 })('lies in [−1, −1/C]', (rows) => {
    const values = tf.tidy(() =>
      negativeSquaredProbability(tf.tensor2d(rows), { reduction: 'none' }).dataSync(),
    );
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(-1 - 1e-6);
      expect(v).toBeLessThanOrEqual(-1 / rows[0]!.length + 1e-6);
    }
  });
});
