import { bilinearSample } from './map-coordinates';

/** A 2×3 affine matrix [a, b, c, d, e, f] mapping (x, y) → (a·x + b·y + c, d·x + e·y + f). */
export type AffineMatrix = readonly [number, number, number, number, number, number];

/** OpenCV `getAffineTransform(source, target)`: the affine map taking 3 (x, y) points onto 3 others. */
export function getAffineTransform(source: readonly number[], target: readonly number[]): AffineMatrix {
  const [x0, y0, x1, y1, x2, y2] = source as [number, number, number, number, number, number];
  const determinant = x0 * (y1 - y2) - y0 * (x1 - x2) + (x1 * y2 - x2 * y1);
  // Inverse of [[x0 y0 1], [x1 y1 1], [x2 y2 1]] applied to the target coordinates (Cramer's rule).
  const inverse = [
    (y1 - y2) / determinant,
    (y2 - y0) / determinant,
    (y0 - y1) / determinant,
    (x2 - x1) / determinant,
    (x0 - x2) / determinant,
    (x1 - x0) / determinant,
    (x1 * y2 - x2 * y1) / determinant,
    (x2 * y0 - x0 * y2) / determinant,
    (x0 * y1 - x1 * y0) / determinant,
  ] as const;
  const solve = (u0: number, u1: number, u2: number): [number, number, number] => [
    inverse[0] * u0 + inverse[1] * u1 + inverse[2] * u2,
    inverse[3] * u0 + inverse[4] * u1 + inverse[5] * u2,
    inverse[6] * u0 + inverse[7] * u1 + inverse[8] * u2,
  ];
  const [a, b, c] = solve(target[0]!, target[2]!, target[4]!);
  const [d, e, f] = solve(target[1]!, target[3]!, target[5]!);
  return [a, b, c, d, e, f];
}

export function invertAffine(m: AffineMatrix): AffineMatrix {
  const [a, b, c, d, e, f] = m;
  const determinant = a * e - b * d;
  const ia = e / determinant;
  const ib = -b / determinant;
  const id = -d / determinant;
  const ie = a / determinant;
  return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)];
}

/**
 * OpenCV `warpAffine(image, M, (W, H), INTER_LINEAR, BORDER_REFLECT_101)`: every output pixel
 * samples the input at M⁻¹·(x, y). OpenCV quantises the sub-pixel weights to 1/32; we interpolate
 * in full float precision.
 */
export function warpAffine(
  image: Float32Array, // [H, W, C]
  height: number,
  width: number,
  channels: number,
  matrix: AffineMatrix,
): Float32Array {
  const [a, b, c, d, e, f] = invertAffine(matrix);
  const out = new Float32Array(image.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = a * x + b * y + c;
      const sy = d * x + e * y + f;
      bilinearSample(image, height, width, channels, sy, sx, 'reflect101', out, (y * width + x) * channels);
    }
  }
  return out;
}
