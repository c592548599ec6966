import type * as tf from '@tensorflow/tfjs-core';

/**
 * What a method optimises, from one forward pass. A plain model gives
 * `adaptationLogits === predictionLogits` and no regulariser; the ZeroSiam wrapper gives the
 * online branch g(h(z)) and α·D(p_o ‖ sg p_r). Methods never need to know which one they got.
 */
export interface AdaptationOutput {
  /** Logits the method reports as its prediction ([batch, classes]); the target branch when wrapped. */
  readonly predictionLogits: tf.Tensor2D;
  /** Logits the objective is computed on ([batch, classes]); the online branch when wrapped. */
  readonly adaptationLogits: tf.Tensor2D;
  /** Per-sample regulariser added to the objective ([batch]), e.g. α·SymKL(p_o ‖ sg p_r). */
  readonly regulariser?: tf.Tensor1D;
  /** Pooled features the head consumed ([batch, features]). */
  readonly features?: tf.Tensor2D;
}
