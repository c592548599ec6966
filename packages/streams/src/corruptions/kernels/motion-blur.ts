/**
 * Motion blur without ImageMagick (the numpy port in bethgelab/imagecorruptions): a one-sided
 * Gaussian kernel of width 2·radius + 1, w_i ∝ exp(−i²/2σ²) for i = 0..width−1, normalised; tap i
 * shifts the image by (−ceil(i·sinθ − 0.5), −ceil(i·cosθ − 0.5)) pixels with edge replication and
 * the weighted copies are summed. Like the port, taps stop once the shift leaves the image (the
 * remaining weights are dropped, not renormalised).
 */
export function motionBlur(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  radius: number,
  sigma: number,
  angleDegrees: number,
): Float32Array {
  const taps = 2 * radius + 1;
  const weights = new Float64Array(taps);
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    weights[i] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += weights[i]!;
  }
  const angle = (angleDegrees * Math.PI) / 180;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  const out = new Float32Array(image.length);
  const columnIndex = new Int32Array(width);
  const stride = width * channels;
  for (let i = 0; i < taps; i++) {
    const dy = -Math.ceil(i * sin - 0.5);
    const dx = -Math.ceil(i * cos - 0.5);
    if (Math.abs(dy) >= height || Math.abs(dx) >= width) break;
    const w = weights[i]! / sum;
    for (let x = 0; x < width; x++) columnIndex[x] = Math.min(Math.max(x - dx, 0), width - 1) * channels;
    for (let y = 0; y < height; y++) {
      const sourceRow = Math.min(Math.max(y - dy, 0), height - 1) * stride;
      const outRow = y * stride;
      for (let x = 0; x < width; x++) {
        const source = sourceRow + columnIndex[x]!;
        const target = outRow + x * channels;
        for (let c = 0; c < channels; c++) out[target + c]! += w * image[source + c]!;
      }
    }
  }
  return out;
}
