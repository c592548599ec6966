import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
import { configureModel, restrictGradientsTo } from '../shared/configure-model';
import { defineMethod } from '../shared/define-method';

/** No options: only the normalisation statistics change. */
export type NormOptions = Record<string, never>;

/**
 * `norm` (test-batch BN statistics; Schneider et al. 2020, Tent's "BN" baseline): BatchNorm
 * normalises with the statistics of each test batch, no gradient, no parameter changes. For models
 * without BatchNorm (GN/LN) it equals `source`.
 */
export function createNorm(model: AdaptableModel, options: NormOptions = {}): TtaMethod<NormOptions> {
  configureModel(model, 'batch');
  restrictGradientsTo(model, []); // forward-only: nothing is differentiated
  return defineMethod({
    id: 'norm',
    options,
    model,
    forwardAndAdapt: (images) => ({
      predictionLogits: tf.tidy(() => model.forward(images)),
      selected: 0,
      losses: {},
      forwardPasses: images.shape[0],
      backwardPasses: 0,
    }),
  });
}
