import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@zerosiam/core';
import { describeForBackends, expectClose, expectNoLeaks } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { projectRows, reshapeRows, seededLogits } from './__fixtures__/reference';
import { removeRadialGradient } from './remove-radial-gradient';

describeForBackends(['cpu', 'wasm'], 'removeRadialGradient', () => {
  it('returns the logits unchanged, bit for bit', () => {
    const logits = tf.tensor2d(seededLogits(8, 3, 5));
    const out = removeRadialGradient(logits);
    expectClose(out, logits, { atol: 0, rtol: 0 });
    tf.dispose([logits, out]);
  });

  it('projects the gradient onto the plane orthogonal to each row: (I − ûûᵀ) g', () => {
    const rows = seededLogits(9, 3, 5);
    const weights = seededLogits(10, 3, 5);
    tf.tidy(() => {
      const w = tf.tensor2d(weights);
      const gradient = tf.grad((u: tf.Tensor) => tf.sum(tf.mul(removeRadialGradient(u as tf.Tensor2D), w)))(
        tf.tensor2d(rows),
      );
      expectClose(gradient, projectRows(weights, rows).flat(), { atol: 1e-6 });
      for (const [b, g] of reshapeRows(gradient.dataSync(), 5).entries()) {
        const dot = g.reduce((s, x, c) => s + x * rows[b]![c]!, 0);
        expect(Math.abs(dot)).toBeLessThan(1e-5);
      }
    });
  });

  it('a zero row passes its gradient through instead of NaN', () => {
    tf.tidy(() => {
      const gradient = tf.grad((u: tf.Tensor) =>
        tf.sum(tf.mul(removeRadialGradient(u as tf.Tensor2D), [1, 2])),
      )(tf.zeros([1, 2]));
      expectClose(gradient, [1, 2], { atol: 0 });
    });
  });

  it('leaks no tensors and rejects non-rank-2 input', async () => {
    const logits = tf.tensor2d(seededLogits(11, 2, 3));
    await expectNoLeaks(() => {
      tf.grad((u: tf.Tensor) => tf.sum(removeRadialGradient(u as tf.Tensor2D)))(logits).dispose();
    });
    expect(() => removeRadialGradient(tf.zeros([3]) as unknown as tf.Tensor2D)).toThrow(InvalidArgumentError);
    logits.dispose();
  });
});
