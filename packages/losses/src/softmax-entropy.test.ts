import { fc, test } from '@fast-check/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { entropyRow, logitsRows, seededLogits, softmaxRow } from './__fixtures__/reference';
import { softmaxEntropy } from './softmax-entropy';

describeForBackends(['cpu', 'wasm'], 'softmaxEntropy', () => {
  it('batch_size=1: matches the float64 formula', () => {
    const rows = [[0.5, -1, 2, 0]];
    const value = softmaxEntropy(tf.tensor2d(rows));
    expect(value.shape).toEqual([]);
    expectClose(value, entropyRow(rows[0]!), { atol: 1e-6 });
  });

  it('batch_size>1: none gives [batch], mean and sum reduce it', () => {
    const rows = seededLogits(1, 4, 6);
    const logits = tf.tensor2d(rows);
    const expected = rows.map((row) => entropyRow(row));
    const perSample = softmaxEntropy(logits, { reduction: 'none' });
    expect(perSample.shape).toEqual([4]);
    expectClose(perSample, expected, { atol: 1e-6 });
    expectClose(softmaxEntropy(logits), expected.reduce((a, b) => a + b) / 4, { atol: 1e-6 });
    expectClose(
      softmaxEntropy(logits, { reduction: 'sum' }),
      expected.reduce((a, b) => a + b),
      { atol: 1e-5 },
    );
  });

  it('gradient equals the closed form −p ⊙ (log p + H) (methods.md §1.3)', () => {
    const rows = seededLogits(2, 3, 5);
    const gradient = tf.grad(
      (u: tf.Tensor) => softmaxEntropy(u as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar,
    )(tf.tensor2d(rows));
    const expected = rows.flatMap((row) => {
      const p = softmaxRow(row);
      const h = entropyRow(row);
      return p.map((pc) => -pc * (Math.log(pc) + h));
    });
    expectClose(gradient, expected, { atol: 1e-6 });
  });

  it('a uniform prediction has entropy ln C and a one-hot one has 0', () => {
    expectClose(softmaxEntropy(tf.zeros([1, 7])), Math.log(7), { atol: 1e-6 });
    expectClose(softmaxEntropy(tf.tensor2d([[500, 0, 0]])), 0, { atol: 0 });
  });

  test.prop([logitsRows(fc)], { numRuns: 50 })('lies in [0, ln C]', (rows) => {
    const values = softmaxEntropy(tf.tensor2d(rows), { reduction: 'none' }).dataSync();
    for (const h of values) {
      expect(h).toBeGreaterThanOrEqual(-1e-6);
      expect(h).toBeLessThanOrEqual(Math.log(rows[0]!.length) + 1e-5);
    }
  });

  test.prop([logitsRows(fc), fc.double({ min: -50, max: 50, noNaN: true })], { numRuns: 50 })(
    'is unchanged by adding a constant to every logit',
    (rows, shift) => {
      const logits = tf.tensor2d(rows);
      expectClose(
        softmaxEntropy(tf.add(logits, shift) as tf.Tensor2D, { reduction: 'none' }),
        softmaxEntropy(logits, { reduction: 'none' }),
        { atol: 1e-4 },
      );
    },
  );
});
