import { boundaryIndex } from './boundary';

/**
 * The OpenCV pieces of upstream spatter's "water" branch, on uint8-valued single-channel images
 * ([H, W] stored in Float32Array or Uint8Array): Canny, the 5×5 chamfer distance transform
 * (DIST_L2, mask 5), a 3×3 box blur, histogram equalisation and a saturating filter2D.
 */

/** OpenCV Canny(aperture 3, L1 gradient): Sobel with replicated borders, NMS, 8-connected hysteresis. */
export function canny(
  image: Uint8Array,
  height: number,
  width: number,
  low: number,
  high: number,
): Uint8Array {
  const at = (y: number, x: number) =>
    image[Math.min(Math.max(y, 0), height - 1) * width + Math.min(Math.max(x, 0), width - 1)]!;
  const gx = new Int32Array(height * width);
  const gy = new Int32Array(height * width);
  const magnitude = new Int32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx =
        at(y - 1, x + 1) +
        2 * at(y, x + 1) +
        at(y + 1, x + 1) -
        at(y - 1, x - 1) -
        2 * at(y, x - 1) -
        at(y + 1, x - 1);
      const dy =
        at(y + 1, x - 1) +
        2 * at(y + 1, x) +
        at(y + 1, x + 1) -
        at(y - 1, x - 1) -
        2 * at(y - 1, x) -
        at(y - 1, x + 1);
      const p = y * width + x;
      gx[p] = dx;
      gy[p] = dy;
      magnitude[p] = Math.abs(dx) + Math.abs(dy);
    }
  }
  const mag = (y: number, x: number) =>
    y < 0 || y >= height || x < 0 || x >= width ? 0 : magnitude[y * width + x]!;
  const tan22 = Math.tan(Math.PI / 8);
  const state = new Uint8Array(height * width); // 0 none, 1 weak, 2 strong
  const stack: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const m = magnitude[p]!;
      if (m <= low) continue;
      const ax = Math.abs(gx[p]!);
      const ay = Math.abs(gy[p]!);
      let isMaximum: boolean;
      if (ay < ax * tan22) isMaximum = m > mag(y, x - 1) && m >= mag(y, x + 1);
      else if (ay > ax * (tan22 + 2)) isMaximum = m > mag(y - 1, x) && m >= mag(y + 1, x);
      else {
        const s = gx[p]! * gy[p]! < 0 ? -1 : 1;
        isMaximum = m > mag(y - 1, x - s) && m > mag(y + 1, x + s);
      }
      if (!isMaximum) continue;
      if (m > high) {
        state[p] = 2;
        stack.push(p);
      } else state[p] = 1;
    }
  }
  while (stack.length > 0) {
    const p = stack.pop()!;
    const y = Math.floor(p / width);
    const x = p % width;
    for (let ny = y - 1; ny <= y + 1; ny++) {
      for (let nx = x - 1; nx <= x + 1; nx++) {
        if (ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
        const q = ny * width + nx;
        if (state[q] === 1) {
          state[q] = 2;
          stack.push(q);
        }
      }
    }
  }
  const edges = new Uint8Array(height * width);
  for (let p = 0; p < edges.length; p++) edges[p] = state[p] === 2 ? 255 : 0;
  return edges;
}

/** OpenCV distanceTransform(DIST_L2, 5): two-pass 5×5 chamfer (1, 1.4, 2.1969) to the nearest zero pixel. */
export function chamferDistance(image: Uint8Array, height: number, width: number): Float32Array {
  const a = 1;
  const b = 1.4;
  const c = 2.1969;
  const far = 1e6;
  const dist = new Float32Array(height * width);
  for (let p = 0; p < dist.length; p++) dist[p] = image[p] === 0 ? 0 : far;
  const forward: [number, number, number][] = [
    [-2, -1, c],
    [-2, 1, c],
    [-1, -2, c],
    [-1, -1, b],
    [-1, 0, a],
    [-1, 1, b],
    [-1, 2, c],
    [0, -1, a],
  ];
  const relax = (y: number, x: number, offsets: [number, number, number][]) => {
    const p = y * width + x;
    let best = dist[p]!;
    for (const [oy, ox, w] of offsets) {
      const ny = y + oy;
      const nx = x + ox;
      if (ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
      const candidate = dist[ny * width + nx]! + w;
      if (candidate < best) best = candidate;
    }
    dist[p] = best;
  };
  const backward = forward.map(([oy, ox, w]) => [-oy, -ox, w] as [number, number, number]);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) relax(y, x, forward);
  for (let y = height - 1; y >= 0; y--) for (let x = width - 1; x >= 0; x--) relax(y, x, backward);
  return dist;
}

/** OpenCV blur(3×3) with BORDER_REFLECT_101 on a single-channel float image. */
export function boxBlur3(image: Float32Array, height: number, width: number): Float32Array {
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const row = boundaryIndex(y + dy, height, 'reflect101') * width;
        for (let dx = -1; dx <= 1; dx++) sum += image[row + boundaryIndex(x + dx, width, 'reflect101')]!;
      }
      out[y * width + x] = sum / 9;
    }
  }
  return out;
}

/** OpenCV equalizeHist on uint8 values. */
export function equalizeHistogram(image: Uint8Array): Uint8Array {
  const histogram = new Int32Array(256);
  for (const v of image) histogram[v]!++;
  let first = 0;
  while (first < 255 && histogram[first] === 0) first++;
  const total = image.length;
  const out = new Uint8Array(image.length);
  if (histogram[first] === total) {
    out.fill(first);
    return out;
  }
  const scale = 255 / (total - histogram[first]!);
  const lut = new Uint8Array(256);
  let sum = 0;
  for (let i = first + 1; i < 256; i++) {
    sum += histogram[i]!;
    lut[i] = Math.min(255, Math.max(0, Math.round(sum * scale)));
  }
  for (let p = 0; p < image.length; p++) out[p] = lut[image[p]!]!;
  return out;
}

/** OpenCV filter2D(src, CV_8U, kernel 3×3) with BORDER_REFLECT_101 and saturating rounding. */
export function filter2DSaturate(
  image: Uint8Array,
  height: number,
  width: number,
  kernel: readonly number[], // [3, 3]
): Uint8Array {
  const out = new Uint8Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let i = 0; i < 3; i++) {
        const row = boundaryIndex(y + i - 1, height, 'reflect101') * width;
        for (let j = 0; j < 3; j++)
          sum += kernel[i * 3 + j]! * image[row + boundaryIndex(x + j - 1, width, 'reflect101')]!;
      }
      out[y * width + x] = Math.min(255, Math.max(0, Math.round(sum)));
    }
  }
  return out;
}
