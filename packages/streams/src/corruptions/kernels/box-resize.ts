interface ResizePlan {
  start: Int32Array;
  count: Int32Array;
  weights: Float64Array; // [outSize, maxTaps]
  maxTaps: number;
}

/**
 * Pillow's BOX resampling coefficients for one axis: output pixel o covers input centre
 * (o + 0.5)·scale with support 0.5·max(scale, 1); an input pixel gets weight 1 when its centre
 * falls in (centre − half, centre + half], and the weights are normalised.
 */
function planBox(inSize: number, outSize: number): ResizePlan {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 0.5 * filterScale;
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const xmin = Math.max(Math.trunc(centre - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(centre + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < xmax; x++) {
      const position = (x + xmin - centre + 0.5) / filterScale;
      const w = position > -0.5 && position <= 0.5 ? 1 : 0;
      weights[o * maxTaps + x] = w;
      total += w;
    }
    for (let x = 0; x < xmax; x++) if (total !== 0) weights[o * maxTaps + x]! /= total;
    start[o] = xmin;
    count[o] = xmax;
  }
  return { start, count, weights, maxTaps };
}

/** Pillow `Image.resize((outWidth, outHeight), Image.BOX)` on an [H, W, C] float image (no 8-bit rounding). */
export function boxResize(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  outHeight: number,
  outWidth: number,
): Float32Array {
  // Pillow resizes horizontally first, then vertically.
  const horizontal = planBox(width, outWidth);
  const temp = new Float32Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    for (let o = 0; o < outWidth; o++) {
      const s = horizontal.start[o]!;
      const n = horizontal.count[o]!;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < n; k++) {
          sum += horizontal.weights[o * horizontal.maxTaps + k]! * image[(y * width + s + k) * channels + c]!;
        }
        temp[(y * outWidth + o) * channels + c] = sum;
      }
    }
  }
  const vertical = planBox(height, outHeight);
  const out = new Float32Array(outHeight * outWidth * channels);
  const stride = outWidth * channels;
  for (let o = 0; o < outHeight; o++) {
    const s = vertical.start[o]!;
    const n = vertical.count[o]!;
    for (let k = 0; k < n; k++) {
      const w = vertical.weights[o * vertical.maxTaps + k]!;
      const source = (s + k) * stride;
      for (let i = 0; i < stride; i++) out[o * stride + i]! += w * temp[source + i]!;
    }
  }
  return out;
}
