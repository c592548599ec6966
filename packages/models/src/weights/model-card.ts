import type { Normalization } from '@zerosiam/core';

/** The JSON file beside every weights file: what the model is and exactly how it was made. */
export interface ModelCard {
  /** Zoo architecture id, e.g. `resnet20-gn`. */
  readonly architecture: string;
  /** [height, width, channels] */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** Input normalisation the weights expect (applied to pixels in [0, 1]). */
  readonly normalization: Normalization;
  readonly classNames?: readonly string[];
  /** e.g. `fashion-mnist/train (60000 images)`. */
  readonly trainingData: string;
  /** The exact command that produced the file. */
  readonly command: string;
  readonly seed: number;
  /** Top-1 accuracy on the clean test split, in [0, 1]. */
  readonly cleanTestAccuracy: number;
  /** ISO date of training. */
  readonly date: string;
  /** Always `safetensors` with PyTorch tensor layouts. */
  readonly format?: 'safetensors';
  /** Anything else worth keeping (training options, per-epoch history, parameter count). */
  readonly extra?: Readonly<Record<string, unknown>>;
}
