import type { Normalization } from '@zerosiam/core';

/** Options every zoo factory takes. */
export interface ModelOptions {
  /** [height, width, channels]; default [28, 28, 1] (Fashion-MNIST). */
  readonly inputShape?: readonly [number, number, number];
  /** Default 10. */
  readonly numClasses?: number;
  /** Seed of the parameter initialisation; default 0. */
  readonly seed?: number;
  /** Recorded on the model (from the model card), e.g. Fashion-MNIST mean/std. */
  readonly normalization?: Normalization;
}
