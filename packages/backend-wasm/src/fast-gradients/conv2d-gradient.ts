import * as tf from '@tensorflow/tfjs-core';
import { convGeometry, convTaps, transposedConvInput } from './conv-geometry';
import type { FastGradientFunc } from './fast-gradient-registry';

// Above this many elements in the im2col matrix, dW is built tap by tap instead (less memory).
const maxIm2colElements = 1 << 24;

/**
 * Conv2D gradient built from fast wasm kernels (XNNPACK conv and 2-D matMul). The stock
 * gradient calls Conv2DBackpropInput (about 11x slower than the forward conv on wasm) and
 * Conv2DBackpropFilter (missing on wasm; the cpu fallback runs at ~0.015 GFLOP/s).
 *
 * dx = conv2d(upsample_s(dy), transpose(reverse(W, [0,1]), [0,1,3,2]), 1, framing padding)
 * dW[i,j] = tap_ij(pad(x))ᵀ · dy with every tap flattened to [N·Ho·Wo, Cin]; the taps are
 *           concatenated (im2col) so one matMul computes all of dW.
 */
export const conv2dFastGradient: FastGradientFunc = (dy, saved, attrs, stock) => {
  const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
  const info = convGeometry(x, filter, attrs, false);
  if (info === undefined) return undefined;
  const dy4 = dy as tf.Tensor4D;
  return {
    x: () =>
      conv2dInputGradient(dy4, filter, info) ??
      (stock.gradFunc(dy, saved, attrs) as Record<string, () => tf.Tensor>).x!(),
    filter: () => conv2dFilterGradient(dy4, x, info),
  };
};

function conv2dInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D | undefined {
  const framed = transposedConvInput(dy, info);
  if (framed === undefined) return undefined;
  // [Kh, Kw, Cin, Cout] → flipped in space, in/out swapped: [Kh, Kw, Cout, Cin].
  const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  return tf.conv2d(framed.input, flipped, 1, framed.padding);
}

function conv2dFilterGradient(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  const { batchSize, outHeight, outWidth, filterHeight, filterWidth, inChannels, outChannels } = info;
  const rows = batchSize * outHeight * outWidth;
  const taps = convTaps(x, info);
  // [Cout, M]: transposing dy is cheaper than transposing the im2col matrix, and XNNPACK is
  // fast only for plain (no transpose flag) 2-D matMuls.
  const dyT = tf.transpose(tf.reshape(dy, [rows, outChannels]));
  if (rows * taps.length * inChannels <= maxIm2colElements) {
    // [M, Kh·Kw·Cin]; column (i·Kw + j)·Cin + c matches the [Kh, Kw, Cin, Cout] layout.
    const columns = tf.reshape(taps.length === 1 ? (taps[0] as tf.Tensor4D) : tf.concat(taps, 3), [
      rows,
      taps.length * inChannels,
    ]);
    const product = tf.matMul(dyT, columns); // [Cout, Kh·Kw·Cin]
    return tf.reshape(tf.transpose(product), [filterHeight, filterWidth, inChannels, outChannels]);
  }
  const perTap = taps.map((tap) => tf.matMul(dyT, tf.reshape(tap, [rows, inChannels]))); // each [Cout, Cin]
  const stacked = tf.stack(perTap); // [Kh·Kw, Cout, Cin]
  return tf.reshape(tf.transpose(stacked, [0, 2, 1]), [filterHeight, filterWidth, inChannels, outChannels]);
}
