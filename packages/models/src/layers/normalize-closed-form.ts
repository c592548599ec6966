import * as tf from '@tensorflow/tfjs-core';

export interface NormalizeOptions {
  /** Shape x is viewed as while computing statistics (GroupNorm splits channels into groups); default x.shape. */
  readonly statisticsShape?: readonly number[];
  /** Axes of the statistics view that are reduced. */
  readonly axes: readonly number[];
  readonly epsilon: number;
  /** Receives the (biased) batch mean and variance, e.g. to update BatchNorm running statistics. */
  readonly onStatistics?: (mean: tf.Tensor, variance: tf.Tensor) => void;
}

/**
 * y = γ·x̂ + β with x̂ = (x − mean) / √(var + ε) over `axes`, γ and β over the last axis of x,
 * with the closed-form gradient (one shared formula for BN, GN and LN):
 *   dx = rstd·(g − mean(g) − x̂·mean(g·x̂)),  g = γ·dy,  means over the normalised axes,
 *   dγ = Σ dy·x̂,  dβ = Σ dy  (sums over every axis but the last).
 * It avoids tfjs' FusedBatchNorm gradient (a very slow `Tile` on wasm) and the long autodiff chain of
 * reshape + moments, and it is backend-agnostic.
 */
export function normalizeClosedForm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  options: NormalizeOptions,
): tf.Tensor {
  const shape = x.shape;
  const statisticsShape = [...(options.statisticsShape ?? shape)];
  const axes = [...options.axes];
  const sumAxes = shape.slice(0, -1).map((_, i) => i);
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, weight, bias, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const viewed = tf.reshape(input, statisticsShape);
    const { mean, variance } = tf.moments(viewed, axes, true);
    options.onStatistics?.(mean, variance);
    const rstd = tf.rsqrt(tf.add(variance, options.epsilon));
    const normalized = tf.reshape(tf.mul(tf.sub(viewed, mean), rstd), shape);
    save([normalized, rstd, weight]);
    const value = tf.add(tf.mul(normalized, weight), bias);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xHat, savedRstd, savedWeight] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const g = tf.reshape(tf.mul(dy, savedWeight), statisticsShape);
      const xHatView = tf.reshape(xHat, statisticsShape);
      const meanG = tf.mean(g, axes, true);
      const meanGx = tf.mean(tf.mul(g, xHatView), axes, true);
      const dx = tf.reshape(tf.mul(savedRstd, tf.sub(tf.sub(g, meanG), tf.mul(xHatView, meanGx))), shape);
      const dWeight = tf.sum(tf.mul(dy, xHat), sumAxes);
      const dBias = tf.sum(dy, sumAxes);
      return [dx, dWeight, dBias];
    };
    return { value, gradFunc };
  });
  return run(x, gamma, beta);
}

/** The same normalisation written with plain ops, differentiated by autodiff (reference for tests). */
export function normalizeAutodiff(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  options: NormalizeOptions,
): tf.Tensor {
  const statisticsShape = [...(options.statisticsShape ?? x.shape)];
  const viewed = tf.reshape(x, statisticsShape);
  const { mean, variance } = tf.moments(viewed, [...options.axes], true);
  options.onStatistics?.(mean, variance);
  const normalized = tf.reshape(
    tf.div(tf.sub(viewed, mean), tf.sqrt(tf.add(variance, options.epsilon))),
    x.shape,
  );
  return tf.add(tf.mul(normalized, gamma), beta);
}
