import { boundaryIndex } from './boundary';

/**
 * OpenCV `filter2D` (correlation, anchor at the kernel centre, BORDER_REFLECT_101) applied to each
 * channel of an [H, W, C] image. Zero taps are skipped, which matters for the sparse disk kernels.
 */
export function filter2D(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  kernel: Float64Array, // [kernelSize, kernelSize]
  kernelSize: number,
): Float32Array {
  const radius = (kernelSize - 1) >> 1;
  const taps: { dy: number; dx: number; w: number }[] = [];
  for (let i = 0; i < kernelSize; i++) {
    for (let j = 0; j < kernelSize; j++) {
      const w = kernel[i * kernelSize + j]!;
      if (w !== 0) taps.push({ dy: i - radius, dx: j - radius, w });
    }
  }
  const out = new Float32Array(image.length);
  const rowIndex = new Int32Array(height + 2 * radius);
  const columnIndex = new Int32Array(width + 2 * radius);
  for (let i = 0; i < rowIndex.length; i++) rowIndex[i] = boundaryIndex(i - radius, height, 'reflect101');
  for (let i = 0; i < columnIndex.length; i++)
    columnIndex[i] = boundaryIndex(i - radius, width, 'reflect101');
  for (const { dy, dx, w } of taps) {
    for (let y = 0; y < height; y++) {
      const sourceRow = rowIndex[y + dy + radius]! * width;
      const outRow = y * width;
      for (let x = 0; x < width; x++) {
        const source = (sourceRow + columnIndex[x + dx + radius]!) * channels;
        const target = (outRow + x) * channels;
        for (let c = 0; c < channels; c++) out[target + c]! += w * image[source + c]!;
      }
    }
  }
  return out;
}

/** OpenCV `getGaussianKernel(size, sigma)` for sigma > 0: exp(−(i − (n−1)/2)²/2σ²), normalised. */
export function openCvGaussianKernel(size: number, sigma: number): Float64Array {
  const kernel = new Float64Array(size);
  const centre = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    kernel[i] = Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
    sum += kernel[i]!;
  }
  for (let i = 0; i < size; i++) kernel[i]! /= sum;
  return kernel;
}
