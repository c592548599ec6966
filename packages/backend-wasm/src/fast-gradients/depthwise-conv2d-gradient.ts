import * as tf from '@tensorflow/tfjs-core';
import { convGeometry, padLikeConv, transposedConvInput } from './conv-geometry';
import type { FastGradientFunc } from './fast-gradient-registry';

/**
 * DepthwiseConv2dNative gradient from forward ops only. tfjs-backend-wasm 4.22 has neither
 * DepthwiseConv2dNativeBackpropInput nor ...BackpropFilter, so the stock gradient would run
 * both at cpu speed through the fallback kernels.
 *
 * dx = depthwise(upsample_s(dy), reverse(W, [0,1]) as [Kh, Kw, C·M, 1]) summed over the
 *      channel multiplier M;
 * dW[i,j,c,m] = Σ_{n,h,w} pad(x)[n, h·s+i, w·s+j, c] · dy[n,h,w,c·M+m], computed as one
 *      depthwise conv with dy as a dilated filter.
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
  const { batchSize, outHeight, outWidth, strideHeight, strideWidth } = info;
  let padded = padLikeConv(x, info); // [N, Hp, Wp, C]
  const [, paddedHeight, paddedWidth] = padded.shape;
  if (multiplier > 1) {
    // Output channel c·M + m reads input channel c: repeat each input channel M times.
    padded = tf.reshape(tf.tile(tf.expandDims(padded, 4), [1, 1, 1, 1, multiplier]), [
      batchSize,
      paddedHeight,
      paddedWidth,
      channels * multiplier,
    ]);
  }
  const lanes = channels * multiplier * batchSize;
  // dW[i,j,k] = Σ_{n,h,w} x_pad[n, h·s+i, w·s+j, k] · dy[n,h,w,k] for k = c·M + m is a depthwise
  // conv over one image with C·M·N channels (channel k·N + n) and dy as a dilated filter; the sum
  // over n follows. It replaces K×K strided slices, which are slow on wasm.
  const input = tf.reshape(tf.transpose(padded, [1, 2, 3, 0]), [
    1,
    paddedHeight,
    paddedWidth,
    lanes,
  ]) as tf.Tensor4D;
  const filter = tf.reshape(tf.transpose(dy, [1, 2, 3, 0]), [outHeight, outWidth, lanes, 1]) as tf.Tensor4D;
  let taps = tf.depthwiseConv2d(input, filter, 1, 'valid', 'NHWC', [strideHeight, strideWidth]); // [1, ≥Kh, ≥Kw, lanes]
  if (taps.shape[1] !== kernelHeight || taps.shape[2] !== kernelWidth) {
    taps = tf.slice(taps, [0, 0, 0, 0], [1, kernelHeight, kernelWidth, lanes]);
  }
  const perImage = tf.reshape(taps, [kernelHeight, kernelWidth, channels * multiplier, batchSize]);
  return tf.reshape(tf.sum(perImage, 3), [kernelHeight, kernelWidth, channels, multiplier]);
}
