import { boundaryIndex } from './boundary';
import { openCvGaussianKernel } from './filter-2d';

/**
 * The defocus kernel of the upstream scripts: an aliased disk of `radius` on the grid −8..8
 * (or −r..r when r > 8), normalised, then anti-aliased with `cv2.GaussianBlur(ksize 3×3, or 5×5
 * when r > 8, σ = aliasBlur)` whose border is OpenCV's default BORDER_REFLECT_101.
 * Returns the kernel and its side length.
 */
export function diskKernel(radius: number, aliasBlur: number): { kernel: Float64Array; size: number } {
  const half = radius <= 8 ? 8 : Math.floor(radius);
  const blurSize = radius <= 8 ? 3 : 5;
  const size = 2 * half + 1;
  const disk = new Float64Array(size * size);
  let count = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const y = i - half;
      const x = j - half;
      if (x * x + y * y <= radius * radius) {
        disk[i * size + j] = 1;
        count++;
      }
    }
  }
  for (let i = 0; i < disk.length; i++) disk[i]! /= count;
  const g = openCvGaussianKernel(blurSize, aliasBlur);
  const r = (blurSize - 1) >> 1;
  const temp = new Float64Array(disk.length);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let k = 0; k < blurSize; k++)
        sum += g[k]! * disk[boundaryIndex(i + k - r, size, 'reflect101') * size + j]!;
      temp[i * size + j] = sum;
    }
  }
  const kernel = new Float64Array(disk.length);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let k = 0; k < blurSize; k++)
        sum += g[k]! * temp[i * size + boundaryIndex(j + k - r, size, 'reflect101')]!;
      kernel[i * size + j] = sum;
    }
  }
  return { kernel, size };
}
