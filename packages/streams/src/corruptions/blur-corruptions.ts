import { type CorruptionDefinition, scaleInteger, scaleLength } from './corruption-definition';
import { clippedZoom } from './kernels/clipped-zoom';
import { diskKernel } from './kernels/disk-kernel';
import { filter2D } from './kernels/filter-2d';
import { gaussianFilter } from './kernels/gaussian-filter';
import { motionBlur as shiftedMotionBlur } from './kernels/motion-blur';
import { zoomFactors } from './severity-tables';

/** Disk kernel (anti-aliased) applied with OpenCV filter2D semantics (BORDER_REFLECT_101). */
export const defocusBlur: CorruptionDefinition = {
  name: 'defocus_blur',
  family: 'blur',
  validation: false,
  stochastic: false,
  apply(image, severity, { table, scale, height, width, channels }) {
    const { radius, aliasBlur } = table.defocusBlur[severity - 1]!;
    // The disk lives on an integer grid: shrinking it below the table's radius would leave a single
    // pixel (no blur), so small images keep the table radius; larger images scale it up.
    const { kernel, size } = diskKernel(scaleLength(radius, Math.max(1, scale)), aliasBlur);
    return filter2D(image, height, width, channels, kernel, size);
  },
};

/**
 * Gaussian blur → uint8 truncation → pixel "swaps" scanned from bottom-right to top-left with
 * offsets from randint(−d, d) (exclusive upper bound: offsets in [−d, d−1], biased towards
 * up/left like upstream) → Gaussian blur. skimage gaussian: mode "nearest", truncate 4.
 *
 * Upstream swaps with `x[h, w], x[h', w'] = x[h', w'], x[h, w]` on an [H, W, 3] numpy array,
 * where both sides are views: the pixel at (h', w') is copied into (h, w) and (h', w') keeps its
 * value. Every released CIFAR-10-C / ImageNet-C glass-blur image was made that way, so we
 * reproduce the copy (for greyscale too), not a true swap.
 */
export const glassBlur: CorruptionDefinition = {
  name: 'glass_blur',
  family: 'blur',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, scale, height, width, channels, rng }) {
    const level = table.glassBlur[severity - 1]!;
    const sigma = scaleLength(level.sigma, scale);
    const delta = scaleInteger(level.maxDelta, scale);
    const blurred = gaussianFilter(image, height, width, channels, sigma, {
      mode: 'nearest',
      truncate: 4,
    });
    // np.uint8(gaussian(x) * 255): truncation towards zero — the quantisation upstream applies here.
    const quantised = new Uint8Array(blurred.length);
    for (let i = 0; i < blurred.length; i++) {
      quantised[i] = Math.min(255, Math.max(0, Math.trunc(blurred[i]! * 255)));
    }
    for (let iteration = 0; iteration < level.iterations; iteration++) {
      for (let h = height - delta; h > delta; h--) {
        for (let w = width - delta; w > delta; w--) {
          const dx = rng.integer(-delta, delta);
          const dy = rng.integer(-delta, delta);
          const a = (h * width + w) * channels;
          const b = ((h + dy) * width + (w + dx)) * channels;
          for (let c = 0; c < channels; c++) quantised[a + c] = quantised[b + c]!;
        }
      }
    }
    const swapped = new Float32Array(quantised.length);
    for (let i = 0; i < quantised.length; i++) swapped[i] = quantised[i]! / 255;
    return gaussianFilter(swapped, height, width, channels, sigma, {
      mode: 'nearest',
      truncate: 4,
    });
  },
};

/**
 * ImageMagick's MotionBlurImage replaced by the shifted one-sided Gaussian kernel (bethgelab's
 * numpy port); the angle is drawn from U(−45°, 45°).
 */
export const motionBlur: CorruptionDefinition = {
  name: 'motion_blur',
  family: 'blur',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, scale, height, width, channels, rng }) {
    const level = table.motionBlur[severity - 1]!;
    const angle = rng.uniform(-45, 45);
    return shiftedMotionBlur(
      image,
      height,
      width,
      channels,
      scaleInteger(level.radius, scale),
      scaleLength(level.sigma, scale),
      angle,
    );
  },
};

/** Mean of the image and its centre zooms by every factor of the ladder (1.00 included, as upstream). */
export const zoomBlur: CorruptionDefinition = {
  name: 'zoom_blur',
  family: 'blur',
  validation: false,
  stochastic: false,
  apply(image, severity, { table, height, width, channels }) {
    const factors = zoomFactors(table.zoomBlur[severity - 1]!);
    const sum = Float32Array.from(image);
    const zoomed = new Float32Array(image.length);
    for (const factor of factors) {
      clippedZoom(image, height, width, channels, factor, zoomed);
      for (let i = 0; i < sum.length; i++) sum[i]! += zoomed[i]!;
    }
    const count = factors.length + 1;
    for (let i = 0; i < sum.length; i++) sum[i]! /= count;
    return sum;
  },
};

/** skimage gaussian(σ), mode "nearest", truncate 4 (validation corruption). */
export const gaussianBlur: CorruptionDefinition = {
  name: 'gaussian_blur',
  family: 'blur',
  validation: true,
  stochastic: false,
  apply(image, severity, { table, scale, height, width, channels }) {
    const sigma = scaleLength(table.gaussianBlur[severity - 1]!, scale);
    return gaussianFilter(image, height, width, channels, sigma, {
      mode: 'nearest',
      truncate: 4,
    });
  },
};
