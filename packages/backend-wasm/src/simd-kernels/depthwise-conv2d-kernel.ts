import type * as tf from '@tensorflow/tfjs-core';
import { wrapWithSimd } from './simd-kernel-config';
import { type DepthwiseConv2dShape, simdDepthwiseConv2d } from './simd-depthwise-conv2d';

const isOne = (value: number | readonly number[] | undefined) =>
  value === undefined || value === 1 || (Array.isArray(value) && value.every((v) => v === 1));

/** No padding: 'valid', 0, or explicit all-zero padding. */
function isUnpadded(pad: tf.DepthwiseConv2dNativeAttrs['pad']): boolean {
  if (pad === 'valid' || pad === 0) return true;
  return Array.isArray(pad) && pad.every((pair) => pair[0] === 0 && pair[1] === 0);
}

/**
 * The conv's sizes when the SIMD kernel should take it, else undefined: float32 NHWC, stride 1,
 * dilation 1, no padding (our layers and the fast input gradient pad with tf.pad first), channel
 * multiplier 1 and a multiple of 4 channels (the vector lanes).
 */
export function simdDepthwiseConv2dShape(
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  attrs: tf.DepthwiseConv2dNativeAttrs,
): DepthwiseConv2dShape | undefined {
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  if (x.shape.length !== 4 || filter.shape.length !== 4) return undefined;
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const [filterHeight, filterWidth, filterChannels, multiplier] = filter.shape as [
    number,
    number,
    number,
    number,
  ];
  if (multiplier !== 1 || filterChannels !== channels || channels % 4 !== 0) return undefined;
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return undefined;
  if (!isOne(attrs.strides) || !isOne(attrs.dilations) || !isUnpadded(attrs.pad)) return undefined;
  if (batch === 0 || filterHeight > height || filterWidth > width) return undefined;
  return { batch, height, width, channels, filterHeight, filterWidth };
}

/**
 * Wraps tfjs-backend-wasm's DepthwiseConv2dNative: unpadded stride-1 convs over 4k channels (every
 * depthwise conv of `convnext-nano`, forward and input gradient) go to the SIMD module, 3-4× faster
 * than XNNPACK's 7×7 path here (docs/performance.md); everything else, and everything while
 * `setSimdKernelsEnabled(false)`, goes to the stock kernel unchanged.
 */
export function createSimdDepthwiseConv2dKernel(stock: tf.KernelConfig): tf.KernelConfig {
  return wrapWithSimd(stock, (inputs, attrs) => {
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const shape = simdDepthwiseConv2dShape(x, filter, attrs as unknown as tf.DepthwiseConv2dNativeAttrs);
    if (shape === undefined) return undefined;
    const { batch, height, width, channels, filterHeight, filterWidth } = shape;
    return {
      outShape: [batch, height - filterHeight + 1, width - filterWidth + 1, channels],
      operands: [x, filter],
      run: ([input, weights], out) => simdDepthwiseConv2d(input!, weights!, out, shape),
    };
  });
}
