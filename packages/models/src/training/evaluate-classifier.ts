import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, LabeledImageSet } from '@zerosiam/core';
import { readAndDispose } from '@zerosiam/core';
import { makeBatch } from './make-batch';

/**
 * Top-1 accuracy of `model.forward` on a labelled set (normalised with the set's statistics), in chunks.
 * The hit count stays on the device and is read once, awaited, so it runs on every backend
 * (WebGPU in Node has no synchronous read-back) without a stall per chunk.
 */
export async function evaluateClassifier(
  model: AdaptableModel,
  set: LabeledImageSet,
  batchSize = 250,
): Promise<number> {
  const [count, h, w, c] = set.shape;
  let correct: tf.Tensor = tf.scalar(0, 'int32');
  try {
    for (let start = 0; start < count; start += batchSize) {
      const end = Math.min(count, start + batchSize);
      const indices = Array.from({ length: end - start }, (_, i) => start + i);
      const batch = makeBatch(set, indices, undefined, undefined);
      const previous = correct;
      correct = tf.tidy(() => {
        const logits = model.forward(tf.tensor4d(batch.images, [indices.length, h, w, c])); // [chunk, classes]
        const hits = tf.equal(tf.argMax(logits, 1), tf.tensor1d(batch.labels, 'int32'));
        return tf.add(previous, tf.sum(tf.cast(hits, 'int32')));
      });
      previous.dispose();
    }
  } catch (error) {
    correct.dispose();
    throw error;
  }
  return (await readAndDispose<'int32'>(correct))[0]! / count;
}
