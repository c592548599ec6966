import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, NormMode } from '@zerosiam/core';

/**
 * tent.py's `configure_model`: BatchNorm uses the statistics of each test batch (Tent's
 * `track_running_stats=False`); `source` keeps the running statistics. Which variables adapt is
 * decided by the explicit lists of `collectParameterGroups`, not by flags on the model.
 */
export function configureModel(model: AdaptableModel, normMode: NormMode = 'batch'): AdaptableModel {
  model.setNormMode(normMode);
  return model;
}

/**
 * tent.py's `model.requires_grad_(False)` then `requires_grad_(True)` on the adapted parameters:
 * tells the model (when it supports it) that only `adapted` will be differentiated, so its conv and
 * linear layers skip the frozen weights' gradients. Like tent.py, this changes the model in place.
 */
export function restrictGradientsTo(model: AdaptableModel, adapted: readonly tf.Variable[]): void {
  model.restrictGradients?.(adapted);
}
