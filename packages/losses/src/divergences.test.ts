// Formula, closed-form gradient and property tests for the five divergences (one file, so the
// tfjs import cost is paid once); the shared contract tests live in get-divergence.test.ts.
import { fc, test } from '@fast-check/vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import {
  jsRow,
  klRow,
  logSoftmaxRow,
  logitsRowPairs,
  logitsRows,
  mseRow,
  seededLogits,
  softmaxRow,
} from './__fixtures__/reference';
import { jensenShannonDivergence } from './jensen-shannon-divergence';
import { klDivergence } from './kl-divergence';
import { meanSquaredErrorDivergence } from './mean-squared-error-divergence';
import { reverseKlDivergence } from './reverse-kl-divergence';
import { symmetricKlDivergence } from './symmetric-kl-divergence';

const onlineGradient = (
  divergence: typeof klDivergence,
  target: number[][],
  online: number[][],
): Float32Array | Int32Array | Uint8Array =>
  tf.tidy(() => {
    const r = tf.tensor2d(target);
    return tf
      .grad((u: tf.Tensor) => divergence(r, u as tf.Tensor2D, { reduction: 'sum' }) as tf.Scalar)(
        tf.tensor2d(online),
      )
      .dataSync();
  });

describeForBackends(['cpu', 'wasm'], 'divergences', () => {
  const target = seededLogits(20, 4, 5);
  const online = seededLogits(21, 4, 5);

  it('batch_size>1: each matches its float64 formula', () => {
    tf.tidy(() => {
      const r = tf.tensor2d(target);
      const p = tf.tensor2d(online);
      const none = { reduction: 'none' } as const;
      const kl = target.map((t, b) => klRow(t, online[b]!));
      const reverse = target.map((t, b) => klRow(online[b]!, t));
      expectClose(klDivergence(r, p, none), kl, { atol: 1e-5, label: 'kl' });
      expectClose(reverseKlDivergence(r, p, none), reverse, { atol: 1e-5, label: 'reverse-kl' });
      expectClose(
        symmetricKlDivergence(r, p, none),
        kl.map((k, b) => k + reverse[b]!),
        { atol: 1e-5, label: 'symmetric-kl' },
      );
      expectClose(
        jensenShannonDivergence(r, p, none),
        target.map((t, b) => jsRow(t, online[b]!)),
        { atol: 1e-6, label: 'js' },
      );
      expectClose(
        meanSquaredErrorDivergence(r, p, none),
        target.map((t, b) => mseRow(t, online[b]!)),
        { atol: 1e-6, label: 'mse' },
      );
    });
  });

  it('batch_size=1: the default reduction is the mean, a scalar', () => {
    tf.tidy(() => {
      const value = klDivergence(tf.tensor2d([target[0]!]), tf.tensor2d([online[0]!]));
      expect(value.shape).toEqual([]);
      expectClose(value, klRow(target[0]!, online[0]!), { atol: 1e-6 });
    });
  });

  it('∂KL(r‖p)/∂u_o = p − r (methods.md §1.3)', () => {
    const expected = online.flatMap((u, b) => {
      const r = softmaxRow(target[b]!);
      return softmaxRow(u).map((p, c) => p - r[c]!);
    });
    expectClose(onlineGradient(klDivergence, target, online), expected, { atol: 1e-6 });
  });

  it('∂KL(p‖r)/∂u_o = p ⊙ (log p − log r − KL(p‖r)) (methods.md §1.3)', () => {
    const expected = online.flatMap((u, b) => {
      const lr = logSoftmaxRow(target[b]!);
      const lp = logSoftmaxRow(u);
      const kl = klRow(u, target[b]!);
      return lp.map((l, c) => Math.exp(l) * (l - lr[c]! - kl));
    });
    expectClose(onlineGradient(reverseKlDivergence, target, online), expected, { atol: 1e-6 });
  });

  it('the symmetric KL gradient is the sum of both KL gradients', () => {
    const forward = onlineGradient(klDivergence, target, online);
    const reverse = onlineGradient(reverseKlDivergence, target, online);
    expectClose(
      onlineGradient(symmetricKlDivergence, target, online),
      forward.map((g, i) => g + reverse[i]!),
      { atol: 1e-6 },
    );
  });

  it('at p = r every divergence and its online gradient is 0 (ZeroSiam step 1)', () => {
    for (const divergence of [
      klDivergence,
      reverseKlDivergence,
      symmetricKlDivergence,
      jensenShannonDivergence,
      meanSquaredErrorDivergence,
    ]) {
      tf.tidy(() => {
        expectClose(divergence(tf.tensor2d(target), tf.tensor2d(target)), 0, {
          atol: 1e-6,
          label: divergence.id,
        });
        expectClose(onlineGradient(divergence, target, target), new Float32Array(20), {
          atol: 1e-6,
          label: `${divergence.id} gradient`,
        });
      });
    }
  });

  test.prop([logitsRowPairs(fc)], { numRuns: 50 })('KL ≥ 0 and symmetric KL is symmetric', ([a, b]) => {
    tf.tidy(() => {
      const r = tf.tensor2d(a);
      const p = tf.tensor2d(b);
      for (const v of klDivergence(r, p, { reduction: 'none' }).dataSync())
        expect(v).toBeGreaterThanOrEqual(-1e-5);
      expectClose(
        symmetricKlDivergence(r, p, { reduction: 'none' }),
        symmetricKlDivergence(p, r, { reduction: 'none' }),
        { atol: 1e-5 },
      );
    });
  });

  test.prop([logitsRows(fc)], { numRuns: 50 })('KL(p, p) = 0', (rows) => {
    tf.tidy(() => {
      const p = tf.tensor2d(rows);
      expectClose(klDivergence(p, p, { reduction: 'none' }), new Float32Array(rows.length), { atol: 1e-6 });
    });
  });

  test.prop([logitsRowPairs(fc)], { numRuns: 50 })('JS is symmetric and in [0, ln 2]; MSE ≥ 0', ([a, b]) => {
    tf.tidy(() => {
      const r = tf.tensor2d(a);
      const p = tf.tensor2d(b);
      const forward = jensenShannonDivergence(r, p, { reduction: 'none' });
      expectClose(forward, jensenShannonDivergence(p, r, { reduction: 'none' }), { atol: 1e-6 });
      for (const v of forward.dataSync()) {
        expect(v).toBeGreaterThanOrEqual(-1e-6);
        expect(v).toBeLessThanOrEqual(Math.LN2 + 1e-6);
      }
      for (const v of meanSquaredErrorDivergence(r, p, { reduction: 'none' }).dataSync()) {
        expect(v).toBeGreaterThanOrEqual(0);
      }
    });
  });
});
