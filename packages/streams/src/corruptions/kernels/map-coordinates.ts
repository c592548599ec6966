import { type BoundaryMode, boundaryIndex } from './boundary';

/**
 * scipy `map_coordinates(image, (y + dy, x + dx, c), order=1, mode)` for an [H, W, C] image:
 * each output pixel (y, x) is the bilinear sample of the input at (y + dy[y,x], x + dx[y,x]);
 * neighbours outside the image are mapped with the boundary mode (for "reflect", the half-sample
 * reflection of the pixel index, which equals reflecting the coordinate and interpolating).
 */
export function mapCoordinatesLinear(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  displacementY: Float32Array, // [H, W]
  displacementX: Float32Array, // [H, W]
  mode: BoundaryMode,
): Float32Array {
  const out = new Float32Array(image.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const sy = y + displacementY[p]!;
      const sx = x + displacementX[p]!;
      bilinearSample(image, height, width, channels, sy, sx, mode, out, p * channels);
    }
  }
  return out;
}

/** Bilinear sample at (sy, sx) written to out[target .. target + C). */
export function bilinearSample(
  image: Float32Array,
  height: number,
  width: number,
  channels: number,
  sy: number,
  sx: number,
  mode: BoundaryMode,
  out: Float32Array,
  target: number,
): void {
  const y0 = Math.floor(sy);
  const x0 = Math.floor(sx);
  const fy = sy - y0;
  const fx = sx - x0;
  const ya = boundaryIndex(y0, height, mode) * width;
  const yb = boundaryIndex(y0 + 1, height, mode) * width;
  const xa = boundaryIndex(x0, width, mode);
  const xb = boundaryIndex(x0 + 1, width, mode);
  const w00 = (1 - fy) * (1 - fx);
  const w01 = (1 - fy) * fx;
  const w10 = fy * (1 - fx);
  const w11 = fy * fx;
  const i00 = (ya + xa) * channels;
  const i01 = (ya + xb) * channels;
  const i10 = (yb + xa) * channels;
  const i11 = (yb + xb) * channels;
  for (let c = 0; c < channels; c++) {
    out[target + c] =
      w00 * image[i00 + c]! + w01 * image[i01 + c]! + w10 * image[i10 + c]! + w11 * image[i11 + c]!;
  }
}
