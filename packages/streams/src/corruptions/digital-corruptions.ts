import { type CorruptionDefinition, luma, scaleLength } from './corruption-definition';
import { getAffineTransform, warpAffine } from './kernels/affine';
import { boxResize } from './kernels/box-resize';
import { gaussianFilter } from './kernels/gaussian-filter';
import { hsvToRgbInPlace, rgbToHsvInPlace } from './kernels/hsv';
import { jpegRoundTrip } from './kernels/jpeg-round-trip';
import { mapCoordinatesLinear } from './kernels/map-coordinates';

/**
 * Applies an HSV edit to an [H, W, C] image. Greyscale images are lifted to R = G = B, edited,
 * and brought back with the ITU-R 601 luma, so C = 1 sees what an RGB grey image would.
 */
function editHsv(image: Float32Array, channels: 1 | 3, edit: (hsv: Float32Array) => void): Float32Array {
  const pixels = image.length / channels;
  const rgb = channels === 3 ? Float32Array.from(image) : new Float32Array(pixels * 3);
  if (channels === 1) for (let p = 0; p < pixels; p++) rgb.fill(image[p]!, p * 3, p * 3 + 3);
  rgbToHsvInPlace(rgb);
  edit(rgb);
  hsvToRgbInPlace(rgb);
  if (channels === 3) return rgb;
  const out = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) out[p] = luma(rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!);
  return out;
}

/** RGB → HSV, V + c clipped to [0, 1], → RGB (for greyscale this is min(x + c, 1)). */
export const brightness: CorruptionDefinition = {
  name: 'brightness',
  family: 'digital',
  validation: false,
  stochastic: false,
  apply(image, severity, { table, channels }) {
    const c = table.brightness[severity - 1]!;
    return editHsv(image, channels, (hsv) => {
      for (let i = 2; i < hsv.length; i += 3) hsv[i] = Math.min(1, Math.max(0, hsv[i]! + c));
    });
  },
};

/** (x − m)·c + m with m the per-channel spatial mean. */
export const contrast: CorruptionDefinition = {
  name: 'contrast',
  family: 'digital',
  validation: false,
  stochastic: false,
  apply(image, severity, { table, channels }) {
    const c = table.contrast[severity - 1]!;
    const means = new Float64Array(channels);
    for (let i = 0; i < image.length; i++) means[i % channels]! += image[i]!;
    const pixels = image.length / channels;
    for (let k = 0; k < channels; k++) means[k]! /= pixels;
    const out = new Float32Array(image.length);
    for (let i = 0; i < image.length; i++) {
      const m = means[i % channels]!;
      out[i] = (image[i]! - m) * c + m;
    }
    return out;
  },
};

/**
 * Random affine (3 points around the centre jittered by U(−j, j), OpenCV warpAffine with
 * BORDER_REFLECT_101), then elastic displacement: dx, dy = α·gaussian(U(−1, 1), σ, mode
 * "reflect", truncate 3), resampled bilinearly with scipy "reflect" (map_coordinates order 1).
 */
export const elasticTransform: CorruptionDefinition = {
  name: 'elastic_transform',
  family: 'digital',
  validation: false,
  stochastic: true,
  apply(image, severity, { table, scale, height, width, channels, rng }) {
    const level = table.elasticTransform[severity - 1]!;
    const alpha = scaleLength(level.alpha, scale);
    const sigma = scaleLength(level.sigma, scale);
    const jitter = scaleLength(level.jitter, scale);
    // Upstream builds the points from shape[:2] = (H, W) but hands them to OpenCV as (x, y).
    const c0 = Math.floor(height / 2);
    const c1 = Math.floor(width / 2);
    const square = Math.floor(Math.min(height, width) / 3);
    const source = [c0 + square, c1 + square, c0 + square, c1 - square, c0 - square, c1 - square];
    const target = source.map((v) => Math.fround(v + rng.uniform(-jitter, jitter)));
    const warped = warpAffine(image, height, width, channels, getAffineTransform(source, target));
    const pixels = height * width;
    const field = (): Float32Array => {
      const noise = new Float32Array(pixels);
      for (let p = 0; p < pixels; p++) noise[p] = rng.uniform(-1, 1);
      const smooth = gaussianFilter(noise, height, width, 1, sigma, {
        mode: 'reflect',
        truncate: 3,
      });
      for (let p = 0; p < pixels; p++) smooth[p]! *= alpha;
      return smooth;
    };
    const dx = field();
    const dy = field();
    return mapCoordinatesLinear(warped, height, width, channels, dy, dx, 'reflect');
  },
};

/** Pillow BOX downsample to int(size·c), BOX upsample back. */
export const pixelate: CorruptionDefinition = {
  name: 'pixelate',
  family: 'digital',
  validation: false,
  stochastic: false,
  apply(image, severity, { table, height, width, channels }) {
    const c = table.pixelate[severity - 1]!;
    const smallHeight = Math.max(1, Math.trunc(height * c));
    const smallWidth = Math.max(1, Math.trunc(width * c));
    const small = boxResize(image, height, width, channels, smallHeight, smallWidth);
    return boxResize(small, smallHeight, smallWidth, channels, height, width);
  },
};

/** JPEG encode/decode at the severity's quality with jpeg-js (4:4:4; see jpegRoundTrip). */
export const jpegCompression: CorruptionDefinition = {
  name: 'jpeg_compression',
  family: 'digital',
  validation: false,
  stochastic: false,
  apply(image, severity, context) {
    return jpegCompression.applyBatch!(image, 1, severity, context);
  },
  applyBatch(images, count, severity, { table, height, width, channels }) {
    return jpegRoundTrip(images, count, height, width, channels, table.jpegCompression[severity - 1]!);
  },
};

/** RGB → HSV, S·scale + offset clipped, → RGB (validation corruption; greyscale via R = G = B). */
export const saturate: CorruptionDefinition = {
  name: 'saturate',
  family: 'digital',
  validation: true,
  stochastic: false,
  apply(image, severity, { table, channels }) {
    const { scale, offset } = table.saturate[severity - 1]!;
    return editHsv(image, channels, (hsv) => {
      for (let i = 1; i < hsv.length; i += 3) hsv[i] = Math.min(1, Math.max(0, hsv[i]! * scale + offset));
    });
  },
};
