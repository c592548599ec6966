import * as tf from '@tensorflow/tfjs-core';

export interface ChannelNormOptions {
  /** Channel groups sharing statistics: C for BatchNorm, G for GroupNorm. */
  readonly groups: number;
  /** Statistics per sample (GroupNorm) or over the whole batch (BatchNorm). */
  readonly perSample: boolean;
  readonly epsilon: number;
  /** Receives the biased mean and variance per group ([groups] for BN), e.g. for BN running statistics. */
  readonly onStatistics?: (mean: tf.Tensor, variance: tf.Tensor) => void;
}

/**
 * BatchNorm / GroupNorm of a channels-last [N, H, W, C] tensor as y = a·x + b with per-(sample, channel)
 * coefficients, and the closed-form gradient written the same way:
 *   dx = rstd·(g − mean(g) − x̂·mean(g·x̂)), g = γ·dy   ⇔   dx = A·dy + B·x + C,
 *   dγ = Σ dy·x̂, dβ = Σ dy.
 * Every full-size op is a plain broadcast multiply/add or a reduction over H·W; the group statistics
 * come from per-channel sums over H·W, so no 5-D reshapes, transposes or `Tile`s of activations are
 * needed (each of those is slow on wasm).
 */
/**
 * Σ over the middle axis of [rows, P, C] → [rows, C]. For many positions this is a batched
 * ones[1, P] · t[P, C] matMul: tfjs-wasm's Sum over a non-innermost axis transposes first and
 * measured 3–4× slower at [64, 1024, 16] (ResNet-20's first stage at batch 64); for few positions
 * the plain Sum is as fast and skips the ones.
 */
function sumOverPositions(t: tf.Tensor3D): tf.Tensor2D {
  const [rows, positions, channels] = t.shape;
  if (positions < 256) return tf.sum(t, 1);
  return tf.reshape(tf.matMul(tf.ones([rows, 1, positions]), t), [rows, channels]);
}

export function channelNormClosedForm(
  x: tf.Tensor4D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  options: ChannelNormOptions,
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const groups = options.groups;
  const perGroup = c / groups;
  const rows = options.perSample ? n : 1; // statistics rows
  const view: [number, number, number] = [rows, (n / rows) * h * w, c];
  const count = view[1] * perGroup;
  // [rows, C] → per-group sums [rows, G] → back to [rows, C].
  const groupSum = (t: tf.Tensor) =>
    perGroup === 1 ? t : tf.sum(tf.reshape(t, [rows, groups, perGroup]), 2);
  const expand = (t: tf.Tensor) =>
    perGroup === 1
      ? t
      : tf.reshape(tf.mul(tf.reshape(t, [rows, groups, 1]), tf.ones([1, 1, perGroup])), [rows, c]);
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, weight, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const x3 = tf.reshape(input, view) as tf.Tensor3D;
    const mean = tf.div(groupSum(sumOverPositions(x3)), count); // [rows, G]
    const meanC = expand(mean); // [rows, C]
    // Two passes (centre, then E[(x − mean)²]): the one-pass E[x²] − E[x]² lost ~1e-3 relative accuracy.
    const centered = tf.sub(x3, tf.expandDims(meanC, 1));
    const variance = tf.div(groupSum(sumOverPositions(tf.square(centered) as tf.Tensor3D)), count);
    options.onStatistics?.(tf.reshape(mean, [-1]), tf.reshape(variance, [-1]));
    const rstd = expand(tf.rsqrt(tf.add(variance, options.epsilon))); // [rows, C]
    const scale = tf.mul(rstd, weight); // [rows, C]
    const value = tf.reshape(tf.add(tf.mul(centered, tf.expandDims(scale, 1)), bias), x.shape);
    save([centered, rstd, weight]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xc, r, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const dy3 = tf.reshape(dy, view) as tf.Tensor3D;
      const sumDy = sumOverPositions(dy3); // [rows, C]
      const sumDyXHat = tf.mul(r, sumOverPositions(tf.mul(dy3, xc) as tf.Tensor3D)); // Σ dy·x̂ per (row, channel)
      const dBias = tf.sum(sumDy, 0);
      const dWeight = tf.sum(sumDyXHat, 0);
      const meanG = tf.div(expand(groupSum(tf.mul(sumDy, g))), count); // mean(γ·dy)
      const meanGXHat = tf.div(expand(groupSum(tf.mul(sumDyXHat, g))), count); // mean(γ·dy·x̂)
      // dx = r·(γ·dy − meanG − x̂·meanGXHat) with x̂ = r·(x − mean)
      const a = tf.mul(r, g);
      const b = tf.neg(tf.mul(tf.square(r), meanGXHat));
      const constant = tf.neg(tf.mul(r, meanG));
      const dx = tf.add(
        tf.add(tf.mul(dy3, tf.expandDims(a, 1)), tf.mul(xc, tf.expandDims(b, 1))),
        tf.expandDims(constant, 1),
      );
      return [tf.reshape(dx, x.shape), dWeight, dBias];
    };
    return { value, gradFunc };
  });
  return run(x, gamma, beta) as tf.Tensor4D;
}
