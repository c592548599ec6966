import * as tf from '@tensorflow/tfjs-core';

/** Global average pooling: [N, H, W, C] → [N, C] (PyTorch `adaptive_avg_pool2d(x, 1).flatten(1)`). */
export function globalAveragePool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(x, [1, 2]) as tf.Tensor2D;
}

/** Average pooling with PyTorch's `padding=0` semantics ('valid'). */
export function averagePool(x: tf.Tensor4D, size: number, stride = size): tf.Tensor4D {
  return tf.avgPool(x, size, stride, 'valid');
}

/**
 * Max pooling ('valid'). Note: stock tfjs-backend-wasm's MaxPoolGrad sends the gradient of an all-≤0
 * window to its first element; @zerosiam/backend-wasm replaces that kernel.
 */
export function maxPool(x: tf.Tensor4D, size: number, stride = size): tf.Tensor4D {
  return tf.maxPool(x, size, stride, 'valid');
}
