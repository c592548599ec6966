import * as tf from '@tensorflow/tfjs-core';

/** Detached softmax probabilities read back as rows ([batch][classes]). */
export function softmaxRows(logits: tf.Tensor2D): Float32Array[] {
  const [batch, classes] = logits.shape;
  const values = tf.tidy(() => tf.softmax(logits)).dataSync() as Float32Array;
  const rows: Float32Array[] = [];
  for (let b = 0; b < batch; b++) rows.push(values.slice(b * classes, (b + 1) * classes));
  return rows;
}
