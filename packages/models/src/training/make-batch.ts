import type { LabeledImageSet, SeededRng } from '@zerosiam/core';

export interface AugmentationOptions {
  /** Random crop after zero-padding by this many pixels (0 = off). */
  readonly cropPadding: number;
  /** Random horizontal flip with probability 0.5. */
  readonly horizontalFlip: boolean;
}

/**
 * Gathers `indices` into a normalised [B, H, W, C] buffer, applying the random crop (zero padding in
 * pixel space, as torchvision's RandomCrop before Normalize) and flip when `rng` is given.
 */
export function makeBatch(
  set: LabeledImageSet,
  indices: ArrayLike<number>,
  augmentation: AugmentationOptions | undefined,
  rng: SeededRng | undefined,
): { images: Float32Array; labels: Int32Array } {
  const [, h, w, c] = set.shape;
  const pixels = h * w * c;
  const count = indices.length;
  const images = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  const mean = set.normalization.mean;
  const std = set.normalization.std;
  const pad = augmentation && rng ? augmentation.cropPadding : 0;
  for (let b = 0; b < count; b++) {
    const source = indices[b]!;
    labels[b] = set.labels[source]!;
    const shiftY = pad > 0 ? rng!.integer(-pad, pad + 1) : 0;
    const shiftX = pad > 0 ? rng!.integer(-pad, pad + 1) : 0;
    const flip = augmentation?.horizontalFlip && rng ? rng.uniform() < 0.5 : false;
    const inBase = source * pixels;
    const outBase = b * pixels;
    for (let y = 0; y < h; y++) {
      const sy = y + shiftY;
      for (let x = 0; x < w; x++) {
        const sx0 = x + shiftX;
        const sx = flip ? w - 1 - sx0 : sx0;
        for (let k = 0; k < c; k++) {
          const value =
            sy >= 0 && sy < h && sx >= 0 && sx < w ? set.images[inBase + (sy * w + sx) * c + k]! : 0;
          images[outBase + (y * w + x) * c + k] = (value - mean[k]!) / std[k]!;
        }
      }
    }
  }
  return { images, labels };
}
