import { decode } from 'jpeg-js';
import { InvalidArgumentError, describeValue } from '@zerosiam/core';
import { malformedFile } from './read-errors';

/** RGB pixels in [0, 1], row-major [height, width, 3]. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

/** Decodes a baseline or progressive JPEG into RGB in [0, 1] (greyscale JPEGs are expanded to RGB). */
export function decodeJpeg(bytes: Uint8Array, fileName = '<jpeg bytes>'): RgbImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  } catch (error) {
    throw malformedFile({
      what: 'JPEG image',
      fileName,
      expected: 'a decodable JPEG file',
      received: `bytes that fail to decode (${error instanceof Error ? error.message : String(error)})`,
      fix: 'the file is truncated or not a JPEG: re-extract it from the data set archive.',
    });
  }
  const { width, height, data } = decoded;
  const pixels = new Float32Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    pixels[3 * p] = data[4 * p]! / 255;
    pixels[3 * p + 1] = data[4 * p + 1]! / 255;
    pixels[3 * p + 2] = data[4 * p + 2]! / 255;
  }
  return { width, height, pixels };
}

/**
 * Bilinear resize with half-pixel centres (align_corners = False), edge-clamped. No antialiasing:
 * torchvision's PIL path antialiases when downscaling, so large downscales differ slightly.
 */
export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return image;
  const out = new Float32Array(width * height * 3);
  const scaleX = image.width / width;
  const scaleY = image.height / height;
  for (let y = 0; y < height; y++) {
    const sourceY = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), image.height - 1);
    const y0 = Math.floor(sourceY);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const fy = sourceY - y0;
    for (let x = 0; x < width; x++) {
      const sourceX = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), image.width - 1);
      const x0 = Math.floor(sourceX);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const fx = sourceX - x0;
      for (let c = 0; c < 3; c++) {
        const top =
          image.pixels[(y0 * image.width + x0) * 3 + c]! * (1 - fx) +
          image.pixels[(y0 * image.width + x1) * 3 + c]! * fx;
        const bottom =
          image.pixels[(y1 * image.width + x0) * 3 + c]! * (1 - fx) +
          image.pixels[(y1 * image.width + x1) * 3 + c]! * fx;
        out[(y * width + x) * 3 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width, height, pixels: out };
}

/** Centre crop with torchvision's rounding (top = round((H − h) / 2)). */
export function centerCrop(image: RgbImage, size: number): RgbImage {
  if (image.width < size || image.height < size) {
    throw new InvalidArgumentError({
      functionName: 'centerCrop',
      argument: 'image',
      expected: `at least ${size}×${size} pixels`,
      received: `${image.width}×${image.height}`,
    });
  }
  if (image.width === size && image.height === size) return image;
  const top = Math.round((image.height - size) / 2);
  const left = Math.round((image.width - size) / 2);
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const from = ((top + y) * image.width + left) * 3;
    out.set(image.pixels.subarray(from, from + size * 3), y * size * 3);
  }
  return { width: size, height: size, pixels: out };
}

export interface ImagenetPreprocessOptions {
  /** Shorter side after resizing (torchvision Resize(256)). */
  readonly resizeTo?: number;
  /** Centre-crop size (CenterCrop(224)). */
  readonly cropSize?: number;
  /**
   * ImageNet-C files are already 224×224 (they were cropped before corruption), so by default an
   * image of exactly `cropSize`² is left untouched. SAR's loader nevertheless re-applies
   * Resize(256) + CenterCrop(224), a zoom by 8/7; set true to reproduce that.
   */
  readonly alwaysResize?: boolean;
}

/**
 * ImageNet evaluation preprocessing on decoded JPEG bytes: resize the shorter side to 256
 * (bilinear), centre-crop 224. Returns [224, 224, 3] pixels in [0, 1]; the ImageNet mean/std are
 * described by the stream (`imagenetNormalization`), not applied here.
 */
export function preprocessImagenetJpeg(
  bytes: Uint8Array,
  options: ImagenetPreprocessOptions = {},
  fileName?: string,
): Float32Array {
  const resizeTo = options.resizeTo ?? 256;
  const cropSize = options.cropSize ?? 224;
  for (const [argument, value] of [
    ['resizeTo', resizeTo],
    ['cropSize', cropSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidArgumentError({
        functionName: 'preprocessImagenetJpeg',
        argument,
        expected: 'a positive integer',
        received: describeValue(value),
      });
    }
  }
  let image = decodeJpeg(bytes, fileName);
  const alreadyCropped = image.width === cropSize && image.height === cropSize;
  if (!alreadyCropped || options.alwaysResize) {
    const shorter = Math.min(image.width, image.height);
    // torchvision: the shorter side becomes `resizeTo`, the longer one int(resizeTo · long / short).
    const width = image.width === shorter ? resizeTo : Math.floor((resizeTo * image.width) / shorter);
    const height = image.height === shorter ? resizeTo : Math.floor((resizeTo * image.height) / shorter);
    image = resizeBilinear(image, width, height);
  }
  return centerCrop(image, cropSize).pixels;
}
