import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from '@zerosiam/core';
import { addMany } from '@zerosiam/core';

/** Diagonal Fisher information and the anchor θ₀ of EATA's anti-forgetting term. */
export interface FisherEstimate {
  /** F per variable name, same shape as the variable. */
  readonly fisher: ReadonlyMap<string, tf.Tensor>;
  /** θ₀ per variable name: the values when the estimate was taken. */
  readonly anchor: ReadonlyMap<string, tf.Tensor>;
  dispose(): void;
}

/**
 * EATA's Fisher estimate (methods.md §4.2): over clean images in batches of `batchSize`, take the
 * pseudo-label argmax(u), the batch-mean cross-entropy, its gradient, and accumulate grad²; divide
 * by the number of batches. θ₀ is the parameter value at that time. No parameter changes.
 */
export function estimateFisher(
  model: AdaptableModel,
  variables: readonly tf.Variable[],
  images: tf.Tensor4D,
  batchSize: number,
): FisherEstimate {
  const fisher = new Map<string, tf.Tensor>();
  const count = images.shape[0];
  let batches = 0;
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const batch = tf.slice(images, [start, 0, 0, 0], [size, -1, -1, -1]);
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.forward(batch); // [size, classes]
      const labels = tf.oneHot(tf.argMax(logits, 1), logits.shape[1]); // pseudo-labels, constant
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1))) as tf.Scalar;
    }, [...variables]);
    for (const variable of variables) {
      const grad = grads[variable.name];
      if (grad === undefined) continue;
      const previous = fisher.get(variable.name);
      fisher.set(
        variable.name,
        tf.keep(tf.tidy(() => (previous ? tf.add(previous, tf.square(grad)) : tf.square(grad)))),
      );
      previous?.dispose();
    }
    tf.dispose([batch, value, ...Object.values(grads)]);
    batches++;
  }
  for (const [name, sum] of fisher) {
    fisher.set(name, tf.keep(tf.div(sum, batches)));
    sum.dispose();
  }
  const anchor = new Map<string, tf.Tensor>();
  for (const variable of variables) anchor.set(variable.name, tf.keep(tf.clone(variable)));
  return {
    fisher,
    anchor,
    dispose() {
      for (const t of [...fisher.values(), ...anchor.values()]) t.dispose();
      fisher.clear();
      anchor.clear();
    },
  };
}

/** β·Σ_θ F_θ (θ − θ₀)², a scalar on the gradient tape. */
export function fisherPenalty(
  estimate: FisherEstimate,
  variables: readonly tf.Variable[],
  beta: number,
): tf.Scalar {
  const terms: tf.Tensor[] = [];
  for (const variable of variables) {
    const f = estimate.fisher.get(variable.name);
    const anchor = estimate.anchor.get(variable.name);
    if (f === undefined || anchor === undefined) continue;
    terms.push(tf.sum(tf.mul(f, tf.square(tf.sub(variable, anchor)))));
  }
  return tf.mul(terms.length > 0 ? addMany(terms) : tf.scalar(0), beta) as tf.Scalar;
}
