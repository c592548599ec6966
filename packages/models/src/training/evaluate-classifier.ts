import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, LabeledImageSet } from '@zerosiam/core';
import { makeBatch } from './make-batch';

/** Top-1 accuracy of `model.forward` on a labelled set (normalised with the set's statistics), in chunks. */
export function evaluateClassifier(model: AdaptableModel, set: LabeledImageSet, batchSize = 250): number {
  const [count, h, w, c] = set.shape;
  let correct = 0;
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const indices = Array.from({ length: end - start }, (_, i) => start + i);
    const batch = makeBatch(set, indices, undefined, undefined);
    correct += tf.tidy(() => {
      const logits = model.forward(tf.tensor4d(batch.images, [indices.length, h, w, c]));
      const hits = tf.equal(tf.argMax(logits, 1), tf.tensor1d(batch.labels, 'int32'));
      return tf.sum(tf.cast(hits, 'int32')).dataSync()[0]!;
    });
  }
  return correct / count;
}
