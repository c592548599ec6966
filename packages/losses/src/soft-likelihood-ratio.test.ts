import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@zerosiam/core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { seededLogits, slrRow } from './__fixtures__/reference';
import { softLikelihoodRatio } from './soft-likelihood-ratio';

describeForBackends(['cpu', 'wasm'], 'softLikelihoodRatio', () => {
  it('batch_size>1: matches the ROID formula with clip 0.99 and ε 1e-5', () => {
    const rows = seededLogits(3, 4, 5);
    tf.tidy(() => {
      const values = softLikelihoodRatio(tf.tensor2d(rows), { reduction: 'none' });
      expectClose(
        values,
        rows.map((row) => slrRow(row)),
        { atol: 1e-5 },
      );
    });
  });

  it('clamps a confident prediction at 0.99, and a clamped probability passes no gradient', () => {
    const rows = [[12, 0, 0]]; // p₀ ≈ 0.99999 > 0.99
    tf.tidy(() => {
      expectClose(softLikelihoodRatio(tf.tensor2d(rows)), slrRow(rows[0]!), { atol: 1e-5 });
      const gradient = tf.grad((u: tf.Tensor) => softLikelihoodRatio(u as tf.Tensor2D) as tf.Scalar)(
        tf.tensor2d(rows),
      );
      // Only the unclamped classes move; through the softmax they still touch u₀.
      expect(Array.from(gradient.dataSync()).every(Number.isFinite)).toBe(true);
    });
  });

  it('honours the clip and epsilon options', () => {
    const rows = seededLogits(4, 2, 4, 3);
    tf.tidy(() => {
      expectClose(
        softLikelihoodRatio(tf.tensor2d(rows), { reduction: 'none', clip: 0.5, epsilon: 1e-3 }),
        rows.map((row) => slrRow(row, 0.5, 1e-3)),
        { atol: 1e-5 },
      );
    });
  });

  it('rejects a clip outside (0, 1) and a non-positive epsilon', () => {
    const logits = tf.tensor2d([[1, 2, 3]]);
    expect(() => softLikelihoodRatio(logits, { clip: 1 })).toThrow(InvalidArgumentError);
    expect(() => softLikelihoodRatio(logits, { epsilon: 0 })).toThrow(/options\.epsilon/);
    logits.dispose();
  });
});
