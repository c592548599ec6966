import * as tf from '@tensorflow/tfjs-core';

/**
 * Central finite differences of a scalar function of one tensor, computed in float64 on the
 * host by perturbing one element at a time (f itself runs in float32, so use h ≈ 1e-2..1e-3
 * and compare with a loose tolerance).
 */
export function numericalGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h = 1e-3): Float64Array {
  const base = Float32Array.from(x.dataSync());
  const out = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const original = base[i]!;
    base[i] = original + h;
    const plus = tf.tidy(() => f(tf.tensor(base, x.shape)).dataSync()[0]!);
    base[i] = original - h;
    const minus = tf.tidy(() => f(tf.tensor(base, x.shape)).dataSync()[0]!);
    base[i] = original;
    out[i] = (plus - minus) / (2 * h);
  }
  return out;
}
