import * as tf from '@tensorflow/tfjs-core';
import type { Normalization } from './contracts/normalization';
import type { Batch } from './contracts/stream';
import { InvalidArgumentError } from './errors/invalid-argument-error';

/**
 * Turns a stream batch (pixels in [0, 1]) into the normalised [batch, H, W, C] tensor a model
 * consumes: x' = (x − mean[c]) / std[c]. Normalisation is always explicit.
 */
export function batchToTensor(batch: Batch, normalization: Normalization): tf.Tensor4D {
  const channels = batch.shape[3];
  if (normalization.mean.length !== channels || normalization.std.length !== channels) {
    throw new InvalidArgumentError({
      functionName: 'batchToTensor',
      argument: 'normalization',
      expected: `mean and std with one entry per channel (${channels})`,
      received: `mean of length ${normalization.mean.length} and std of length ${normalization.std.length}`,
      fix: 'use the normalisation of the model card or the data set description for this input.',
    });
  }
  return tf.tidy(() => {
    const x = tf.tensor4d(batch.images, batch.shape as [number, number, number, number], 'float32');
    return tf.div(
      tf.sub(x, tf.tensor1d([...normalization.mean])),
      tf.tensor1d([...normalization.std]),
    ) as tf.Tensor4D;
  });
}
