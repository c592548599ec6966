// Registry tests, plus the contract every registered divergence must meet: finite-difference
// gradients for both arguments, finite values and gradients at extreme logits, typed errors,
// no leaks.
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NonFiniteError, ShapeMismatchError, UnknownNameError } from '@zerosiam/core';
import type { Divergence } from '@zerosiam/core';
import { describeForBackends, expectClose, expectNoLeaks, numericalGradient } from '@zerosiam/testing';
import { describe, expect, it } from 'vitest';
import { seededLogits } from './__fixtures__/reference';
import { divergenceNames, getDivergence } from './get-divergence';
import { symmetricKlDivergence } from './symmetric-kl-divergence';

describe('getDivergence', () => {
  it('lists the five divergences and returns each by id', () => {
    expect(divergenceNames).toEqual(['kl', 'reverse-kl', 'symmetric-kl', 'js', 'mse']);
    for (const name of divergenceNames) {
      const divergence = getDivergence(name);
      expect(divergence.id).toBe(name);
      expect(divergence.specificationVersion).toBe('v1');
      expect(Object.isFrozen(divergence)).toBe(true);
    }
  });

  it('passes a Divergence through unchanged', () => {
    expect(getDivergence(symmetricKlDivergence)).toBe(symmetricKlDivergence);
  });

  it('an unknown name lists the valid ones and suggests the nearest', () => {
    expect(() => getDivergence('symetric-kl')).toThrow(/Did you mean 'symmetric-kl'\?/);
    expect(() => getDivergence('wasserstein')).toThrow(UnknownNameError);
  });
});

describeForBackends(['cpu', 'wasm'], 'divergence contract', () => {
  const target = seededLogits(31, 3, 4);
  const online = seededLogits(32, 3, 4);

  for (const name of divergenceNames) {
    describe(name, () => {
      const divergence: Divergence = getDivergence(name);

      it('gradients for both arguments match finite differences (nothing is detached)', () => {
        tf.tidy(() => {
          const r = tf.tensor2d(target);
          const p = tf.tensor2d(online);
          const sum = (a: tf.Tensor, b: tf.Tensor) =>
            divergence(a as tf.Tensor2D, b as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar;
          const [targetGradient, onlineGradient] = tf.grads(sum)([r, p]);
          expectClose(
            targetGradient!,
            numericalGradient((a) => sum(a, p), r, 1e-2),
            { atol: 2e-3, rtol: 1e-2, label: 'target' },
          );
          expectClose(
            onlineGradient!,
            numericalGradient((b) => sum(r, b), p, 1e-2),
            { atol: 2e-3, rtol: 1e-2, label: 'online' },
          );
          expect(Math.max(...Array.from(targetGradient!.dataSync(), Math.abs))).toBeGreaterThan(1e-3);
        });
      });

      it('reductions: none → [batch], mean and sum agree', () => {
        tf.tidy(() => {
          const r = tf.tensor2d(target);
          const p = tf.tensor2d(online);
          const perSample = divergence(r, p, { reduction: 'none' });
          expect(perSample.shape).toEqual([3]);
          const total = Array.from(perSample.dataSync()).reduce((a, b) => a + b, 0);
          expectClose(divergence(r, p), total / 3, { atol: 1e-5 });
          expectClose(divergence(r, p, { reduction: 'sum' }), total, { atol: 1e-5 });
        });
      });

      it('batch_size=1: finite values and gradients at magnitude 1e4 and with one-hot underflow', () => {
        const pairs = [
          [[[1e4, 0, -1e4]], [[-1e4, 0, 1e4]]],
          [[[0, -200, -200]], [[-200, 0, -200]]], // disjoint supports after underflow
          [[[300, 0, 0]], [[300, 0, 0]]],
          [[[1e4, 0, 0]], [[0, 0, 0]]],
        ];
        for (const [a, b] of pairs) {
          tf.tidy(() => {
            const r = tf.tensor2d(a!);
            const p = tf.tensor2d(b!);
            const value = divergence(r, p).dataSync()[0]!;
            const gradients = tf
              .grads(
                (x: tf.Tensor, y: tf.Tensor) => divergence(x as tf.Tensor2D, y as tf.Tensor2D) as tf.Scalar,
              )([r, p])
              .flatMap((g) => Array.from(g.dataSync()));
            expect(Number.isFinite(value), `${name} value at ${a} / ${b}`).toBe(true);
            expect(gradients.every(Number.isFinite), `${name} gradients at ${a} / ${b}: ${gradients}`).toBe(
              true,
            );
          });
        }
      });

      it('leaks no tensors, forward or backward', async () => {
        const r = tf.tensor2d(target);
        const p = tf.tensor2d(online);
        await expectNoLeaks(() => {
          divergence(r, p).dispose();
          tf.dispose(
            tf.grads(
              (x: tf.Tensor, y: tf.Tensor) => divergence(x as tf.Tensor2D, y as tf.Tensor2D) as tf.Scalar,
            )([r, p]),
          );
        });
        tf.dispose([r, p]);
      });

      it('rejects bad input with typed errors', () => {
        tf.tidy(() => {
          const r = tf.tensor2d(target);
          const p = tf.tensor2d(online);
          expect(() => divergence(r, tf.tensor2d(seededLogits(1, 3, 5)))).toThrow(ShapeMismatchError);
          expect(() => divergence(r, tf.tensor2d(seededLogits(1, 2, 4)))).toThrow(
            /'onlineLogits' must have shape \[3, 4\]/,
          );
          expect(() => divergence(tf.tensor2d([[0.1, 0.2, 0.3, 0.4]]), p)).toThrow(
            /'targetLogits'.*probabilities/,
          );
          expect(() => divergence(r, tf.fill([3, 4], Number.NaN) as tf.Tensor2D)).toThrow(NonFiniteError);
          expect(() => divergence(r, 'logits' as unknown as tf.Tensor2D)).toThrow(InvalidArgumentError);
          expect(() => divergence(r, p, { reduction: 'batchmean' as 'mean' })).toThrow(/options\.reduction/);
        });
      });
    });
  }
});
