import * as tf from '@tensorflow/tfjs-core';
import { convGeometry, convTaps, transposedConvInput } from './conv-geometry';
import type { FastGradientFunc } from './fast-gradient-registry';

/**
 * DepthwiseConv2dNative gradient from forward ops only. tfjs-backend-wasm 4.22 has neither
 * DepthwiseConv2dNativeBackpropInput nor ...BackpropFilter, so the stock gradient would run
 * both at cpu speed through the fallback kernels.
 *
 * dx = depthwise(upsample_s(dy), reverse(W, [0,1]) as [Kh, Kw, C·M, 1]) summed over the
 *      channel multiplier M;
 * dW[i,j,c,m] = Σ tap_ij(pad(x))[…, c] · dy[…, c·M + m], one elementwise product per tap.
 */
export const depthwiseConv2dFastGradient: FastGradientFunc = (dy, saved, attrs, stock) => {
  const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
  const info = convGeometry(x, filter, attrs, true);
  if (info === undefined) return undefined;
  const dy4 = dy as tf.Tensor4D;
  return {
    x: () =>
      depthwiseInputGradient(dy4, filter, info) ??
      (stock.gradFunc(dy, saved, attrs) as Record<string, () => tf.Tensor>).x!(),
    filter: () => depthwiseFilterGradient(dy4, x, filter.shape as [number, number, number, number], info),
  };
};

function depthwiseInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D | undefined {
  const framed = transposedConvInput(dy, info);
  if (framed === undefined) return undefined;
  const [kernelHeight, kernelWidth, channels, multiplier] = filter.shape;
  // One depthwise filter per output channel c·M + m, flipped in space.
  const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [
    kernelHeight,
    kernelWidth,
    channels * multiplier,
    1,
  ]) as tf.Tensor4D;
  const perOutput = tf.depthwiseConv2d(framed.input, flipped, 1, framed.padding); // [N, H, W, C·M]
  if (multiplier === 1) return perOutput;
  const [batch, height, width] = perOutput.shape;
  return tf.sum(tf.reshape(perOutput, [batch, height, width, channels, multiplier]), 4) as tf.Tensor4D;
}

function depthwiseFilterGradient(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  filterShape: [number, number, number, number],
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  const [kernelHeight, kernelWidth, channels, multiplier] = filterShape;
  const { batchSize, outHeight, outWidth } = info;
  const taps = convTaps(x, info);
  let perTap: tf.Tensor[];
  if (multiplier === 1) {
    perTap = taps.map((tap) => tf.sum(tf.mul(tap, dy), [0, 1, 2])); // each [C]
  } else {
    const dy5 = tf.reshape(dy, [batchSize, outHeight, outWidth, channels, multiplier]);
    perTap = taps.map((tap) => tf.sum(tf.mul(tf.expandDims(tap, 4), dy5), [0, 1, 2])); // each [C, M]
  }
  return tf.reshape(tf.stack(perTap), [kernelHeight, kernelWidth, channels, multiplier]);
}
