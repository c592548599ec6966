import type { Normalization } from './normalization';

/** An in-memory labelled image data set, pixels in [0, 1], row-major [count, H, W, C]. */
export interface LabeledImageSet {
  /** e.g. `fashion-mnist/test`. */
  readonly name: string;
  readonly images: Float32Array;
  /** [count, H, W, C] */
  readonly shape: readonly [number, number, number, number];
  readonly labels: Int32Array;
  readonly numClasses: number;
  readonly classNames?: readonly string[];
  /** The data set's normalisation statistics (part of its description, never implicit). */
  readonly normalization: Normalization;
}
