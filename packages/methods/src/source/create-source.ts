import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
import { configureModel, restrictGradientsTo } from '../shared/configure-model';
import { defineMethod } from '../shared/define-method';

/** No options: the source model is evaluated as trained. */
export type SourceOptions = Record<string, never>;

/**
 * `source` (NoAdapt): the trained model, BatchNorm on its running statistics, no update. The
 * baseline every table starts from (methods.md §5).
 */
export function createSource(model: AdaptableModel, options: SourceOptions = {}): TtaMethod<SourceOptions> {
  configureModel(model, 'running');
  restrictGradientsTo(model, []); // forward-only: nothing is differentiated
  return defineMethod({
    id: 'source',
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
