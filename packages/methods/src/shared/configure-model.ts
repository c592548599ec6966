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
