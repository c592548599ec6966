import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@zerosiam/core';
import { describeForBackends, expectClose, numericalGradient } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { comeRow, projectRows, reshapeRows, seededLogits } from './__fixtures__/reference';
import { entropyOfOpinion } from './entropy-of-opinion';

describeForBackends(['cpu', 'wasm'], 'entropyOfOpinion', () => {
  it('batch_size>1: matches the float64 COME formula with K = number of classes', () => {
    const rows = seededLogits(12, 4, 6, 3);
    tf.tidy(() => {
      expectClose(
        entropyOfOpinion(tf.tensor2d(rows), { reduction: 'none' }),
        rows.map((row) => comeRow(row)),
        { atol: 1e-5 },
      );
    });
  });

  it('numClasses: 1000 mimics the official hard-coded K', () => {
    const rows = seededLogits(13, 2, 5, 3);
    tf.tidy(() => {
      expectClose(
        entropyOfOpinion(tf.tensor2d(rows), { reduction: 'none', numClasses: 1000 }),
        rows.map((row) => comeRow(row, 1000)),
        { atol: 1e-5 },
      );
    });
  });

  it('is lower for a confident prediction than for a flat one (K = classes)', () => {
    tf.tidy(() => {
      const [confident, flat] = entropyOfOpinion(
        tf.tensor2d([
          [8, 0, 0, 0],
          [0.1, 0, 0, 0],
        ]),
        {
          reduction: 'none',
        },
      ).dataSync();
      expect(confident!).toBeLessThan(flat!);
    });
  });

  it('gradient is the finite-difference gradient projected orthogonally to the logits', () => {
    const rows = seededLogits(14, 3, 5, 2);
    tf.tidy(() => {
      const logits = tf.tensor2d(rows);
      const f = (u: tf.Tensor) => entropyOfOpinion(u as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar;
      const gradient = tf.grad(f)(logits);
      const numerical = reshapeRows(numericalGradient(f, logits, 1e-2), 5);
      expectClose(gradient, projectRows(numerical, rows).flat(), { atol: 2e-3, rtol: 1e-2 });
      for (const [b, g] of reshapeRows(gradient.dataSync(), 5).entries()) {
        expect(Math.abs(g.reduce((s, x, c) => s + x * rows[b]![c]!, 0))).toBeLessThan(1e-5);
      }
    });
  });

  it('rejects a numClasses that is not a positive integer', () => {
    const logits = tf.tensor2d([[1, 2, 3]]);
    expect(() => entropyOfOpinion(logits, { numClasses: 0 })).toThrow(InvalidArgumentError);
    expect(() => entropyOfOpinion(logits, { numClasses: 2.5 })).toThrow(/numClasses/);
    logits.dispose();
  });
});
