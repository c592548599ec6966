import type * as tf from '@tensorflow/tfjs-core';

/**
 * Reads a tensor with an awaited `data()`, which every backend supports (WebGPU in Node has no
 * synchronous read-back), and disposes it, also when the read fails.
 */
export async function readAndDispose<D extends tf.DataType = tf.NumericDataType>(
  value: tf.Tensor,
): Promise<tf.DataTypeMap[D]> {
  try {
    return await value.data<D>();
  } finally {
    value.dispose();
  }
}
