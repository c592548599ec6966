import type { SeededRng } from '@zerosiam/core';
import type { SeverityTable } from './severity-tables';

export const CORRUPTIONS = [
  'gaussian_noise',
  'shot_noise',
  'impulse_noise',
  'defocus_blur',
  'glass_blur',
  'motion_blur',
  'zoom_blur',
  'snow',
  'frost',
  'fog',
  'brightness',
  'contrast',
  'elastic_transform',
  'pixelate',
  'jpeg_compression',
] as const;

/** Held-out corruptions for hyper-parameter tuning only (hendrycks/robustness #36). */
export const VALIDATION_CORRUPTIONS = ['speckle_noise', 'gaussian_blur', 'spatter', 'saturate'] as const;

export type BenchmarkCorruptionName = (typeof CORRUPTIONS)[number];
export type ValidationCorruptionName = (typeof VALIDATION_CORRUPTIONS)[number];
export type CorruptionName = BenchmarkCorruptionName | ValidationCorruptionName;

export type Severity = 1 | 2 | 3 | 4 | 5;

/** Everything a corruption needs besides the pixels of one image. */
export interface CorruptionContext {
  readonly height: number;
  readonly width: number;
  /** 1 (greyscale) or 3 (RGB). */
  readonly channels: 1 | 3;
  readonly table: SeverityTable;
  /** Size-rule factor (corruptionScale): multiplies every length measured in pixels. */
  readonly scale: number;
  readonly rng: SeededRng;
}

export interface CorruptionDefinition {
  readonly name: CorruptionName;
  readonly family: 'noise' | 'blur' | 'weather' | 'digital';
  /** true for the four held-out validation corruptions. */
  readonly validation: boolean;
  /** false when the output does not depend on the random stream. */
  readonly stochastic: boolean;
  /**
   * Corrupts one [H, W, C] image with values in [0, 1]; the result may leave [0, 1] (the caller
   * clips) and must not alias the input.
   */
  apply(image: Float32Array, severity: Severity, context: CorruptionContext): Float32Array;
  /**
   * Optional whole-batch path for deterministic corruptions that are cheaper per batch (JPEG);
   * must give the same pixels as `apply` on each image. `images` is [count, H, W, C].
   */
  applyBatch?(
    images: Float32Array,
    count: number,
    severity: Severity,
    context: CorruptionContext,
  ): Float32Array;
}

/** ITU-R 601 luma, as OpenCV's RGB2GRAY and our greyscale conversions use. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** Scales a pixel length by the size rule; integers stay integers (rounded, at least `minimum`). */
export function scaleLength(value: number, scale: number): number {
  return value * scale;
}

export function scaleInteger(value: number, scale: number, minimum = 1): number {
  return Math.max(minimum, Math.round(value * scale));
}
