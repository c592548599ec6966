import { type BoundaryMode, boundaryIndex } from './boundary';

/**
 * scipy's 1-D Gaussian weights: radius = int(truncate·σ + 0.5), w(x) ∝ exp(−x²/2σ²), normalised.
 * σ ≤ 1e-15 gives the identity (scipy skips such axes).
 */
export function gaussianWeights(sigma: number, truncate: number): Float64Array {
  if (!(sigma > 1e-15)) return Float64Array.of(1);
  const radius = Math.floor(truncate * sigma + 0.5);
  const weights = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp((-0.5 * i * i) / (sigma * sigma));
    weights[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  return weights;
}

/**
 * Separable 1-D correlation along rows then columns of an [H, W, C] image (each channel
 * independently), with the given boundary mode. This is scipy's `correlate1d` applied per axis.
 */
export function separableFilter(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  rowWeights: Float64Array, // taps along the height axis
  columnWeights: Float64Array, // taps along the width axis
  mode: BoundaryMode,
): Float32Array {
  // scipy filters axis 0 first, then axis 1.
  const afterRows = new Float32Array(image.length);
  const rowRadius = (rowWeights.length - 1) >> 1;
  if (rowRadius === 0) afterRows.set(image);
  else {
    const stride = width * channels;
    for (let y = 0; y < height; y++) {
      const out = y * stride;
      for (let k = 0; k < rowWeights.length; k++) {
        const w = rowWeights[k]!;
        const source = boundaryIndex(y + k - rowRadius, height, mode) * stride;
        for (let i = 0; i < stride; i++) afterRows[out + i]! += w * image[source + i]!;
      }
    }
  }
  const columnRadius = (columnWeights.length - 1) >> 1;
  if (columnRadius === 0) return afterRows;
  const result = new Float32Array(image.length);
  const taps = columnWeights.length;
  // Precompute the source column of every (x, tap) pair once: the boundary logic leaves the inner loop.
  const sourceColumn = new Int32Array(width * taps);
  for (let x = 0; x < width; x++) {
    for (let k = 0; k < taps; k++)
      sourceColumn[x * taps + k] = boundaryIndex(x + k - columnRadius, width, mode);
  }
  for (let y = 0; y < height; y++) {
    const rowStart = y * width * channels;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < taps; k++) {
          sum += columnWeights[k]! * afterRows[rowStart + sourceColumn[x * taps + k]! * channels + c]!;
        }
        result[rowStart + x * channels + c] = sum;
      }
    }
  }
  return result;
}

/**
 * skimage/scipy `gaussian(image, sigma, mode, truncate)` over the two spatial axes of an
 * [H, W, C] image (channels are not blurred — skimage's `multichannel=True`).
 */
export function gaussianFilter(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  sigma: number,
  options: { mode: BoundaryMode; truncate: number },
): Float32Array {
  const weights = gaussianWeights(sigma, options.truncate);
  return separableFilter(image, height, width, channels, weights, weights, options.mode);
}
