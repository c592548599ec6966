import * as tf from '@tensorflow/tfjs-core';

/**
 * Identity in the forward pass, zero gradient in the backward pass (PyTorch's `.detach()`
 * inside a differentiated function). Built on `tf.customGrad`, so the tape records one node.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const detach = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }));
  return detach(x) as T;
}
