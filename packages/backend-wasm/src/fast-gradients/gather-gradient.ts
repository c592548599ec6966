import * as tf from '@tensorflow/tfjs-core';
import type { FastGradientFunc } from './fast-gradient-registry';

// The one-hot matrix is [indices, vocabulary]; above this size the stock gradient (through
// the UnsortedSegmentSum fallback kernel) is cheaper than a dense matMul.
const maxOneHotElements = 1 << 22;

/**
 * GatherV2 gradient along axis 0 as a one-hot matMul: dx = oneHot(indices)ᵀ · dy, which runs
 * on XNNPACK instead of the cpu-speed UnsortedSegmentSum fallback. Repeated indices add up,
 * exactly like the segment sum. Other axes, batchDims and large vocabularies keep the stock
 * gradient.
 */
export const gatherFastGradient: FastGradientFunc = (dy, saved, attrs) => {
  const [x, indices] = saved as [tf.Tensor, tf.Tensor];
  const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0];
  if (axis !== 0 || (attrs.batchDims as number | undefined) || x.dtype !== 'float32') return undefined;
  const vocabulary = x.shape[0] as number;
  const count = indices.size;
  if (count * vocabulary > maxOneHotElements || count === 0) return undefined;
  const rest = x.size / vocabulary;
  return {
    x: () => {
      // wasm's OneHot ignores its dtype attribute (writes int32 bits into a float32 tensor),
      // so build it as int32 and cast.
      const oneHot = tf.cast(tf.oneHot(tf.reshape(indices, [count]) as tf.Tensor1D, vocabulary), 'float32'); // [count, V]
      const values = tf.reshape(dy, [count, rest]);
      return tf.reshape(tf.matMul(tf.transpose(oneHot), values), x.shape); // [V, ...rest]
    },
    indices: () => indices,
  };
};
