import * as tf from '@tensorflow/tfjs-core';
import { TIMEOUTS, describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { channelNormClosedForm } from './channel-norm-closed-form';
import { normalizeAutodiff, normalizeClosedForm } from './normalize-closed-form';

type Normalize = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;

/** Value and gradients (w.r.t. x, γ, β) of a weighted sum of the output, so every gradient entry is exercised. */
function valueAndGrads(
  normalize: Normalize,
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  weights: tf.Tensor,
) {
  return tf.tidy(() => {
    const value = normalize(x, gamma, beta);
    const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(normalize(a, g, b), weights)),
    )([x, gamma, beta]);
    return { value: tf.keep(value), grads: grads.map((t) => tf.keep(t)) };
  });
}

function compare(closed: Normalize, reference: Normalize, shape: number[], channels: number) {
  const x = tf.add(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 1), 2), 0.5);
  const gamma = tf.randomNormal([channels], 1, 0.3, 'float32', 2);
  const beta = tf.randomNormal([channels], 0, 0.3, 'float32', 3);
  const weights = tf.randomNormal(shape, 0, 1, 'float32', 4);
  const a = valueAndGrads(closed, x, gamma, beta, weights);
  const b = valueAndGrads(reference, x, gamma, beta, weights);
  expectClose(a.value, b.value, { atol: 1e-5, rtol: 1e-4, label: 'value' });
  ['dx', 'dγ', 'dβ'].forEach((label, i) => {
    const scale = tf.max(tf.abs(b.grads[i] as tf.Tensor)).dataSync()[0] as number;
    expectClose(a.grads[i] as tf.Tensor, b.grads[i] as tf.Tensor, { atol: 1e-4 * scale, rtol: 1e-4, label });
  });
  tf.dispose([x, gamma, beta, weights, a.value, b.value, ...a.grads, ...b.grads]);
}

describeForBackends(['cpu', 'wasm'], 'closed-form normalisation gradients', () => {
  const epsilon = 1e-5;
  it(
    'BatchNorm (batch statistics) matches autodiff of moments',
    () => {
      const axes = [0, 1, 2];
      compare(
        (x, g, b) => channelNormClosedForm(x as tf.Tensor4D, g, b, { groups: 6, perSample: false, epsilon }),
        (x, g, b) => normalizeAutodiff(x, g, b, { axes, epsilon }),
        [3, 4, 5, 6],
        6,
      );
      compare(
        (x, g, b) => normalizeClosedForm(x, g, b, { axes: [0], epsilon }),
        (x, g, b) => normalizeAutodiff(x, g, b, { axes: [0], epsilon }),
        [7, 6],
        6,
      );
    },
    TIMEOUTS.gradientSuite,
  );
  it(
    'GroupNorm (per sample × group) matches autodiff of reshape + moments',
    () => {
      const [n, h, w, c, groups] = [2, 4, 3, 8, 4];
      const reference: Normalize = (x, g, b) =>
        normalizeAutodiff(x, g, b, {
          statisticsShape: [n, h, w, groups, c / groups],
          axes: [1, 2, 4],
          epsilon,
        });
      compare(
        (x, g, b) => channelNormClosedForm(x as tf.Tensor4D, g, b, { groups, perSample: true, epsilon }),
        reference,
        [n, h, w, c],
        c,
      );
      compare(
        (x, g, b) =>
          normalizeClosedForm(x, g, b, {
            statisticsShape: [n, h, w, groups, c / groups],
            axes: [1, 2, 4],
            epsilon,
          }),
        reference,
        [n, h, w, c],
        c,
      );
    },
    TIMEOUTS.gradientSuite,
  );
  it(
    'LayerNorm over tokens [B, T, D] and channels-last maps [B, H, W, C] matches autodiff',
    () => {
      for (const shape of [
        [2, 5, 8],
        [2, 3, 3, 8],
      ]) {
        const axes = [shape.length - 1];
        compare(
          (x, g, b) => normalizeClosedForm(x, g, b, { axes, epsilon: 1e-6 }),
          (x, g, b) => normalizeAutodiff(x, g, b, { axes, epsilon: 1e-6 }),
          shape,
          8,
        );
      }
    },
    TIMEOUTS.gradientSuite,
  );
  it('does not leak tensors', () => {
    const x = tf.randomNormal([2, 3, 3, 4]) as tf.Tensor4D;
    const g = tf.ones([4]);
    const b = tf.zeros([4]);
    const before = tf.memory().numTensors;
    const grads = tf.grads((a: tf.Tensor) =>
      tf.sum(channelNormClosedForm(a as tf.Tensor4D, g, b, { groups: 2, perSample: true, epsilon })),
    )([x]);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, g, b]);
  });
});
