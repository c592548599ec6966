import * as tf from '@tensorflow/tfjs-core';
import { TIMEOUTS, describeForBackends, expectClose, useBackend } from '@zerosiam/testing';
import { afterAll, beforeAll, it } from 'vitest';
import { depthwiseConv2dClosedForm } from './depthwise-conv2d';
import { conv2dClosedForm } from './conv2d-closed-form';
import { matMulClosedForm } from './dense';

interface Case {
  readonly shape: [number, number, number, number];
  readonly kernel: number;
  readonly out: number;
  readonly stride: number;
  readonly padding: number;
}
const cases: Case[] = [
  { shape: [2, 7, 7, 3], kernel: 3, out: 4, stride: 1, padding: 1 },
  { shape: [2, 7, 7, 3], kernel: 3, out: 4, stride: 2, padding: 1 },
  { shape: [2, 8, 8, 3], kernel: 3, out: 4, stride: 2, padding: 1 },
  { shape: [2, 7, 7, 3], kernel: 1, out: 5, stride: 2, padding: 0 },
  { shape: [1, 8, 9, 2], kernel: 4, out: 3, stride: 4, padding: 0 },
  { shape: [1, 6, 6, 2], kernel: 2, out: 3, stride: 2, padding: 0 },
];

/** Reference gradients from the cpu backend's own conv2d kernels (Conv2DBackpropInput/Filter). */
const references = new Map<Case, { value: Float32Array; dx: Float32Array; dw: Float32Array }>();
const inputs = (c: Case) => ({
  x: tf.randomNormal(c.shape, 0, 1, 'float32', 11) as tf.Tensor4D,
  w: tf.randomNormal([c.kernel, c.kernel, c.shape[3], c.out], 0, 0.5, 'float32', 12) as tf.Tensor4D,
});
const pad = (p: number) =>
  [
    [0, 0],
    [p, p],
    [p, p],
    [0, 0],
  ] as [[number, number], [number, number], [number, number], [number, number]];

beforeAll(async () => {
  await useBackend('cpu');
  for (const c of cases) {
    tf.tidy(() => {
      const { x, w } = inputs(c);
      const value = tf.conv2d(x, w, c.stride, pad(c.padding));
      const probe = tf.randomNormal(value.shape, 0, 1, 'float32', 13);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, pad(c.padding)), probe)),
      )([x, w]);
      references.set(c, {
        value: value.dataSync() as Float32Array,
        dx: (dx as tf.Tensor).dataSync() as Float32Array,
        dw: (dw as tf.Tensor).dataSync() as Float32Array,
      });
    });
  }
}, TIMEOUTS.gradientSuite);
afterAll(() => references.clear());

describeForBackends(['cpu', 'wasm'], 'closed-form conv / depthwise / matMul gradients', () => {
  it(
    'conv2d matches tfjs conv2d and its gradients (strides 1/2/4, kernels 1–4, PyTorch padding)',
    () => {
      for (const c of cases) {
        tf.tidy(() => {
          const { x, w } = inputs(c);
          const value = conv2dClosedForm(x, w, c.stride, c.padding);
          const probe = tf.randomNormal(value.shape, 0, 1, 'float32', 13);
          const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(conv2dClosedForm(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.padding), probe)),
          )([x, w]);
          const reference = references.get(c);
          if (!reference) throw new Error('missing reference');
          const label = JSON.stringify(c);
          expectClose(value, reference.value, { atol: 1e-4, label: `${label} value` });
          expectClose(dx as tf.Tensor, reference.dx, { atol: 1e-4, label: `${label} dx` });
          expectClose(dw as tf.Tensor, reference.dw, { atol: 1e-4, label: `${label} dW` });
        });
      }
    },
    TIMEOUTS.gradientSuite,
  );
  it('depthwise conv gradients match a finite-difference-free reference (per-channel conv2d)', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 21) as tf.Tensor4D;
      const w = tf.randomNormal([3, 3, 3, 1], 0, 0.5, 'float32', 22) as tf.Tensor4D;
      const probe = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 23);
      // Reference: a dense conv with a block-diagonal filter (only forward convs + conv grads via closed form).
      const mask = tf.reshape(tf.eye(3), [1, 1, 3, 3]);
      const dense = (a: tf.Tensor, b: tf.Tensor) =>
        conv2dClosedForm(a as tf.Tensor4D, tf.mul(b, mask) as tf.Tensor4D, 1, 0);
      const [dxRef, dwDense] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(dense(a, b), probe)))([
        x,
        tf.tile(w, [1, 1, 1, 3]),
      ]);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(depthwiseConv2dClosedForm(a as tf.Tensor4D, b as tf.Tensor4D), probe)),
      )([x, w]);
      expectClose(dx as tf.Tensor, dxRef as tf.Tensor, { atol: 1e-4, label: 'dx' });
      const dwRef = tf.reshape(tf.sum(tf.mul(dwDense as tf.Tensor, mask), 3), [3, 3, 3, 1]);
      expectClose(dw as tf.Tensor, dwRef, { atol: 1e-4, label: 'dW' });
    });
  });
  it('matMul gradients match autodiff', () => {
    tf.tidy(() => {
      const x = tf.randomNormal([5, 4], 0, 1, 'float32', 31) as tf.Tensor2D;
      const w = tf.randomNormal([4, 3], 0, 1, 'float32', 32) as tf.Tensor2D;
      const probe = tf.randomNormal([5, 3], 0, 1, 'float32', 33);
      const f = (m: typeof matMulClosedForm) =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(m(a as tf.Tensor2D, b as tf.Tensor2D), probe)),
        )([x, w]);
      const [a, b] = [f(matMulClosedForm), f((p, q) => tf.matMul(p, q))];
      expectClose(a[0] as tf.Tensor, b[0] as tf.Tensor, { label: 'dx' });
      expectClose(a[1] as tf.Tensor, b[1] as tf.Tensor, { label: 'dW' });
    });
  });
});
