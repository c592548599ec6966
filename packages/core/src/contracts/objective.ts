import type * as tf from '@tensorflow/tfjs-core';

export type Reduction = 'none' | 'mean' | 'sum';

export interface ReductionOptions {
  /** `none` gives one value per sample ([batch]); default `mean`. */
  readonly reduction?: Reduction;
}

/** An unsupervised test-time objective: logits [batch, classes] → loss ([batch] or scalar). */
export interface Objective {
  readonly specificationVersion: 'v1';
  /** Registry id, e.g. `entropy`. */
  readonly id: string;
  /** One-line description with the formula. */
  readonly description: string;
  (logits: tf.Tensor2D, options?: ReductionOptions): tf.Tensor;
}

/**
 * A divergence between two distributions given as logits. The target comes first, as in
 * `klDivergence(target, online)` = KL(softmax target ‖ softmax online).
 */
export interface Divergence {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly description: string;
  (targetLogits: tf.Tensor2D, onlineLogits: tf.Tensor2D, options?: ReductionOptions): tf.Tensor;
}
