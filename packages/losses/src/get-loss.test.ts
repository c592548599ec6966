// Registry tests, plus the contract every registered objective must meet: finite-difference
// gradients, finite values and gradients at extreme logits, typed errors, no leaks.
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NonFiniteError, UnknownNameError, type ZeroSiamError } from '@zerosiam/core';
import type { Objective } from '@zerosiam/core';
import { describeForBackends, expectClose, expectNoLeaks, numericalGradient } from '@zerosiam/testing';
import { describe, expect, it } from 'vitest';
import { projectRows, reshapeRows, seededLogits } from './__fixtures__/reference';
import { getLoss, lossNames } from './get-loss';
import { softmaxEntropy } from './softmax-entropy';

describe('getLoss', () => {
  it('lists the five objectives and returns each by id', () => {
    expect(lossNames).toEqual(['entropy', 'slr', 'ce', 'neg-p2', 'come']);
    for (const name of lossNames) {
      const loss = getLoss(name);
      expect(loss.id).toBe(name);
      expect(loss.specificationVersion).toBe('v1');
      expect(loss.description.length).toBeGreaterThan(10);
      expect(Object.isFrozen(loss)).toBe(true);
    }
  });

  it('passes an Objective through unchanged', () => {
    expect(getLoss(softmaxEntropy)).toBe(softmaxEntropy);
  });

  it('an unknown name lists the valid ones and suggests the nearest', () => {
    try {
      getLoss('entropi');
      expect.unreachable();
    } catch (error) {
      expect(UnknownNameError.isInstance(error)).toBe(true);
      const unknown = error as UnknownNameError;
      expect(unknown.suggestion).toBe('entropy');
      expect(unknown.available).toEqual(lossNames);
      expect(unknown.message).toMatch(/entropy, slr, ce, neg-p2, come/);
    }
  });
});

describeForBackends(['cpu', 'wasm'], 'objective contract', () => {
  const rows = seededLogits(30, 3, 5);

  for (const name of lossNames) {
    describe(name, () => {
      const loss: Objective = getLoss(name);
      const sum = (u: tf.Tensor) => loss(u as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar;

      it('gradient matches finite differences (COME: after the radial projection)', () => {
        tf.tidy(() => {
          const logits = tf.tensor2d(rows);
          const numerical = numericalGradient(sum, logits, 1e-2);
          const expected = name === 'come' ? projectRows(reshapeRows(numerical, 5), rows).flat() : numerical;
          expectClose(tf.grad(sum)(logits), expected, { atol: 2e-3, rtol: 1e-2 });
        });
      });

      it('reductions: none → [batch], mean and sum → scalars that agree', () => {
        tf.tidy(() => {
          const logits = tf.tensor2d(rows);
          const perSample = loss(logits, { reduction: 'none' });
          expect(perSample.shape).toEqual([3]);
          const values = Array.from(perSample.dataSync());
          const total = values.reduce((a, b) => a + b, 0);
          expectClose(loss(logits), total / 3, { atol: 1e-5 });
          expectClose(loss(logits, { reduction: 'sum' }), total, { atol: 1e-5 });
        });
      });

      it('batch_size=1: finite values and gradients for logits of magnitude 1e4 and one-hot underflow', () => {
        const extremes = [
          [[1e4, 0, -1e4, 5]],
          [[-1e4, -1e4, -1e4, 1e4]],
          [[0, -200, -200, -200]], // softmax entries underflow to exactly 0
          [[300, 0, 0, 0]],
        ];
        for (const extreme of extremes) {
          tf.tidy(() => {
            const logits = tf.tensor2d(extreme);
            const value = loss(logits).dataSync()[0]!;
            const gradient = Array.from(tf.grad(sum)(logits).dataSync());
            expect(Number.isFinite(value), `${name} value at ${extreme}`).toBe(true);
            expect(gradient.every(Number.isFinite), `${name} gradient at ${extreme}: ${gradient}`).toBe(true);
          });
        }
      });

      it('the mean over an empty batch is 0, not NaN', () => {
        tf.tidy(() => {
          expectClose(loss(tf.zeros([0, 4]) as tf.Tensor2D), 0, { atol: 0 });
          expect(loss(tf.zeros([0, 4]) as tf.Tensor2D, { reduction: 'none' }).shape).toEqual([0]);
        });
      });

      it('leaks no tensors, forward or backward', async () => {
        const logits = tf.tensor2d(rows);
        await expectNoLeaks(() => {
          loss(logits).dispose();
          loss(logits, { reduction: 'none' }).dispose();
          tf.grad(sum)(logits).dispose();
        });
        logits.dispose();
      });

      it('rejects bad input with typed errors that name the argument', () => {
        const bad: [unknown, (error: unknown) => boolean, RegExp][] = [
          [[[1, 2, 3]], InvalidArgumentError.isInstance, /a rank-2 tf.Tensor/],
          [tf.tensor1d([1, 2, 3]), InvalidArgumentError.isInstance, /rank-2/],
          [tf.tensor2d([[1, 2, 3]], [1, 3], 'int32'), InvalidArgumentError.isInstance, /float32/],
          [tf.tensor2d([[1, Number.NaN, 3]]), NonFiniteError.isInstance, /element 1 is NaN/],
          [tf.tensor2d([[1, 2, Number.POSITIVE_INFINITY]]), NonFiniteError.isInstance, /Infinity/],
          [tf.tensor2d([[0.2, 0.3, 0.5]]), InvalidArgumentError.isInstance, /probabilities/],
          [tf.tensor2d([[1], [2]]), InvalidArgumentError.isInstance, /at least 2 classes/],
        ];
        for (const [input, isExpected, message] of bad) {
          try {
            loss(input as tf.Tensor2D);
            expect.unreachable(`${name} accepted ${String(input)}`);
          } catch (error) {
            expect(isExpected(error), String(error)).toBe(true);
            expect((error as ZeroSiamError).message).toMatch(message);
            expect((error as ZeroSiamError).message).toMatch(/'logits'/);
          }
          if (input instanceof tf.Tensor) input.dispose();
        }
        const logits = tf.tensor2d(rows);
        expect(() => loss(logits, { reduction: 'avg' as 'mean' })).toThrow(/options\.reduction/);
        expect(() => loss(logits, { reduction: 'avg' as 'mean' })).toThrow(InvalidArgumentError);
        logits.dispose();
      });
    });
  }
});
