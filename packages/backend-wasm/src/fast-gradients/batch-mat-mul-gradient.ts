import * as tf from '@tensorflow/tfjs-core';
import type { FastGradientFunc } from './fast-gradient-registry';

/**
 * BatchMatMul (tf.matMul) gradient with explicit transposes and plain 2-D matMuls: on wasm,
 * XNNPACK handles only 2-D matMuls without transpose flags (~24 GFLOP/s); with a transpose
 * flag, or batched, it drops to ~2 GFLOP/s, and the stock gradient always uses the flags.
 *
 * A batched `a` against a 2-D `b` (a dense layer on [B, T, D]) is flattened to 2-D, which
 * also sums `b`'s gradient over the broadcast batch. Other batched products (attention) keep
 * the stock gradient.
 */
export const batchMatMulFastGradient: FastGradientFunc = (dy, saved, attrs) => {
  const [a, b] = saved as [tf.Tensor, tf.Tensor];
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  if (b.rank !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  if (a.rank === 2)
    return matMul2dGradient(dy as tf.Tensor2D, a as tf.Tensor2D, b as tf.Tensor2D, transposeA, transposeB);
  if (a.rank < 2 || transposeA) return undefined;
  // [..., D] → [rows, D]; dy [..., E] → [rows, E].
  const depth = a.shape[a.rank - 1] as number;
  const a2 = tf.reshape(a, [-1, depth]) as tf.Tensor2D;
  const dy2 = tf.reshape(dy, [-1, dy.shape[dy.rank - 1] as number]) as tf.Tensor2D;
  const grads = matMul2dGradient(dy2, a2, b as tf.Tensor2D, false, transposeB);
  return { a: () => tf.reshape(grads.a(), a.shape), b: grads.b };
};

function matMul2dGradient(
  dy: tf.Tensor2D,
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA: boolean,
  transposeB: boolean,
): { a: () => tf.Tensor; b: () => tf.Tensor } {
  const t = tf.transpose;
  if (!transposeA && !transposeB) {
    // y = a·b
    return { a: () => tf.matMul(dy, t(b)), b: () => tf.matMul(t(a), dy) };
  }
  if (!transposeA && transposeB) {
    // y = a·bᵀ
    return { a: () => tf.matMul(dy, b), b: () => tf.matMul(t(dy), a) };
  }
  if (transposeA && !transposeB) {
    // y = aᵀ·b
    return { a: () => tf.matMul(b, t(dy)), b: () => tf.matMul(a, dy) };
  }
  // y = aᵀ·bᵀ
  return { a: () => tf.matMul(t(b), t(dy)), b: () => tf.matMul(t(dy), t(a)) };
}
