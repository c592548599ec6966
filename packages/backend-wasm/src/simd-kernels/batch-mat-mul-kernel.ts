import type * as tf from '@tensorflow/tfjs-core';
import { type BatchedMatMulShape, simdBatchedMatMul } from './simd-batched-mat-mul';
import { wrapWithSimd } from './simd-kernel-config';

/**
 * The product's sizes when the SIMD kernel should take it, else undefined: float32, equal batch
 * axes (tfjs' batch broadcasting stays with the stock kernel), no empty axis, and not the one
 * case XNNPACK already runs fast (a single [m, k] · [k, n] without transpose flags).
 */
export function simdBatchMatMulShape(
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): BatchedMatMulShape | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  if (aRank < 2 || aRank !== bRank) return undefined;
  for (let axis = 0; axis < aRank - 2; axis++) if (a.shape[axis] !== b.shape[axis]) return undefined;
  const batch = a.shape.slice(0, -2).reduce((product, size) => product * size, 1);
  const rows = (transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2]) as number;
  const depth = (transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1]) as number;
  const depthB = (transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2]) as number;
  const columns = (transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1]) as number;
  // A mismatch is the stock kernel's to report.
  if (depth !== depthB || batch * rows * depth * columns === 0) return undefined;
  if (batch === 1 && !transposeA && !transposeB) return undefined;
  return { batch, rows, depth, columns, transposeA, transposeB };
}

/**
 * Wraps tfjs-backend-wasm's BatchMatMul: products the stock kernel would run in its scalar loop
 * (any batch > 1 or transpose flag; ViT attention and GroupNorm's per-sample sums) go to the SIMD
 * module, 2.5-8× faster on attention shapes (docs/performance.md); everything else, and
 * everything while `setSimdKernelsEnabled(false)`, goes to the stock kernel unchanged.
 */
export function createSimdBatchMatMulKernel(stock: tf.KernelConfig): tf.KernelConfig {
  return wrapWithSimd(stock, (inputs, attrs) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const shape = simdBatchMatMulShape(a, b, transposeA, transposeB);
    if (shape === undefined) return undefined;
    return {
      outShape: [...a.shape.slice(0, -2), shape.rows, shape.columns],
      operands: [a, b],
      run: ([aValues, bValues], out) => simdBatchedMatMul(aValues!, bValues!, out, shape),
    };
  });
}
