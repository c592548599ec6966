import * as tf from '@tensorflow/tfjs-core';
import { createTinyConvNet } from '@zerosiam/testing';

/**
 * The seeded tiny net with its head scaled up, so that with 5 classes (ln 5 ≈ 1.61) some samples
 * pass the entropy filters (0.4·ln 5 ≈ 0.64) and some do not.
 */
export function createConfidentTinyNet(norm: 'bn' | 'gn', seed = 1, headScale = 6) {
  const model = createTinyConvNet({ norm, seed });
  const head = model.namedParameters().get('fc.weight')!;
  tf.tidy(() => head.assign(tf.mul(head, headScale)));
  return model;
}

/** Test-time images: normal noise with a per-sample contrast, so confidences spread. */
export function createImages(batch: number, seed: number): tf.Tensor4D {
  return tf.tidy(() => {
    const noise = tf.randomNormal([batch, 8, 8, 3], 0, 1, 'float32', seed);
    const contrast = tf.reshape(tf.linspace(0.3, 3, batch), [batch, 1, 1, 1]);
    return tf.mul(noise, contrast) as tf.Tensor4D;
  });
}
