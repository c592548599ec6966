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
 * The taps of a 1-D correlation folded onto the source indices they read under the boundary mode:
 * a [size, size] matrix. Used when the kernel is wider than the image (ImageNet elastic severity
 * 1: σ = 170.8 px → 1025 taps on 224 px), where it turns O(size · taps) into O(size²).
 */
function foldedMatrix(weights: Float64Array, size: number, mode: BoundaryMode): Float64Array {
  const radius = (weights.length - 1) >> 1;
  const matrix = new Float64Array(size * size);
  for (let o = 0; o < size; o++) {
    for (let k = 0; k < weights.length; k++) {
      matrix[o * size + boundaryIndex(o + k - radius, size, mode)]! += weights[k]!;
    }
  }
  return matrix;
}

/** Source index and weight lists per output position (folded taps), one axis. */
function axisTaps(
  weights: Float64Array,
  size: number,
  mode: BoundaryMode,
): { index: Int32Array; weight: Float64Array; taps: number } {
  if (weights.length <= size) {
    const radius = (weights.length - 1) >> 1;
    const taps = weights.length;
    const index = new Int32Array(size * taps);
    const weight = new Float64Array(size * taps);
    for (let o = 0; o < size; o++) {
      for (let k = 0; k < taps; k++) {
        index[o * taps + k] = boundaryIndex(o + k - radius, size, mode);
        weight[o * taps + k] = weights[k]!;
      }
    }
    return { index, weight, taps };
  }
  const matrix = foldedMatrix(weights, size, mode);
  const index = new Int32Array(size * size);
  for (let o = 0; o < size; o++) for (let i = 0; i < size; i++) index[o * size + i] = i;
  return { index, weight: matrix, taps: size };
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
  if (rowWeights.length === 1) afterRows.set(image);
  else {
    const stride = width * channels;
    const rows = axisTaps(rowWeights, height, mode);
    for (let y = 0; y < height; y++) {
      const out = y * stride;
      for (let k = 0; k < rows.taps; k++) {
        const w = rows.weight[y * rows.taps + k]!;
        if (w === 0) continue;
        const source = rows.index[y * rows.taps + k]! * stride;
        for (let i = 0; i < stride; i++) afterRows[out + i]! += w * image[source + i]!;
      }
    }
  }
  if (columnWeights.length === 1) return afterRows;
  const result = new Float32Array(image.length);
  // Source columns and weights per (x, tap) are precomputed: the boundary logic leaves the inner loop.
  const columns = axisTaps(columnWeights, width, mode);
  const taps = columns.taps;
  for (let y = 0; y < height; y++) {
    const rowStart = y * width * channels;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < taps; k++) {
          sum +=
            columns.weight[x * taps + k]! *
            afterRows[rowStart + columns.index[x * taps + k]! * channels + c]!;
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
