import * as tf from '@tensorflow/tfjs-core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { it } from 'vitest';
import { logSoftmaxRow, seededLogits, softmaxRow } from './__fixtures__/reference';
import { pseudoLabelCrossEntropy } from './pseudo-label-cross-entropy';

describeForBackends(['cpu', 'wasm'], 'pseudoLabelCrossEntropy', () => {
  it('batch_size>1: is −log p of the arg-max class', () => {
    const rows = seededLogits(5, 4, 6);
    tf.tidy(() => {
      expectClose(
        pseudoLabelCrossEntropy(tf.tensor2d(rows), { reduction: 'none' }),
        rows.map((row) => -Math.max(...logSoftmaxRow(row))),
        { atol: 1e-6 },
      );
    });
  });

  it('treats the pseudo-label as a constant: the gradient is p − onehot(ŷ)', () => {
    const rows = seededLogits(6, 3, 5);
    tf.tidy(() => {
      const gradient = tf.grad(
        (u: tf.Tensor) => pseudoLabelCrossEntropy(u as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar,
      )(tf.tensor2d(rows));
      const expected = rows.flatMap((row) => {
        const label = row.indexOf(Math.max(...row));
        return softmaxRow(row).map((p, c) => p - (c === label ? 1 : 0));
      });
      expectClose(gradient, expected, { atol: 1e-6 });
    });
  });

  it('batch_size=1: a tie goes to the lowest index only', () => {
    tf.tidy(() => {
      const gradient = tf.grad((u: tf.Tensor) => pseudoLabelCrossEntropy(u as tf.Tensor2D) as tf.Scalar)(
        tf.tensor2d([[2, 2, 0]]),
      );
      const p = softmaxRow([2, 2, 0]);
      expectClose(gradient, [p[0]! - 1, p[1]!, p[2]!], { atol: 1e-6 });
    });
  });
});
