import { InvalidArgumentError } from '@zerosiam/core';
import { simdHeap, simdKernelsModule } from './simd-module';

/** Sizes of a 'valid', stride-1, channel-multiplier-1 depthwise conv over NHWC input. */
export interface DepthwiseConv2dShape {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  /** A multiple of 4 (the vector lanes). */
  readonly channels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
}

/**
 * out[b, y, x, c] = Σ_{i, j} input[b, y + i, x + j, c] · filter[i, j, c] for the 'valid' output
 * ([batch, height − fh + 1, width − fw + 1, channels]), using the SIMD module: operands are copied
 * into its memory and the result out of it. Returns false, writing nothing, when the module is
 * unavailable or the operands exceed SIMD_KERNELS_MAX_BYTES.
 */
export function simdDepthwiseConv2d(
  input: Float32Array,
  filter: Float32Array,
  out: Float32Array,
  shape: DepthwiseConv2dShape,
): boolean {
  const module = simdKernelsModule();
  if (module === null) return false;
  const { batch, height, width, channels, filterHeight, filterWidth } = shape;
  const outHeight = height - filterHeight + 1;
  const outWidth = width - filterWidth + 1;
  if (channels % 4 !== 0 || outHeight < 1 || outWidth < 1) {
    throw new InvalidArgumentError({
      functionName: 'simdDepthwiseConv2d',
      argument: 'shape',
      expected: 'channels a multiple of 4 and a filter no larger than the input',
      received: JSON.stringify(shape),
      fix: 'run other convs through tf.depthwiseConv2d (the stock kernel takes them)',
    });
  }
  const inputSize = batch * height * width * channels;
  const filterSize = filterHeight * filterWidth * channels;
  const outSize = batch * outHeight * outWidth * channels;
  if (input.length !== inputSize || filter.length !== filterSize || out.length !== outSize) {
    throw new InvalidArgumentError({
      functionName: 'simdDepthwiseConv2d',
      argument: 'input, filter, out',
      expected: `input, filter, out of ${inputSize}, ${filterSize}, ${outSize} values for ${JSON.stringify(shape)}`,
      received: `${input.length}, ${filter.length}, ${out.length} values`,
      fix: 'pass arrays sized for the shape (out is the valid output), or correct the shape',
    });
  }
  const heap = simdHeap(module, inputSize + filterSize + outSize);
  if (heap === undefined) return false;
  heap.set(input, 0);
  heap.set(filter, inputSize);
  module.depthwiseConv2d(
    0,
    inputSize * 4,
    (inputSize + filterSize) * 4,
    batch,
    height,
    width,
    channels,
    filterHeight,
    filterWidth,
  );
  out.set(heap.subarray(inputSize + filterSize));
  return true;
}
