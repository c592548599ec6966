import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, Objective, Optimizer, TtaMethod } from '@zerosiam/core';
import { adaptOnSelection } from '../shared/adapt-on-selection';
import type { StepOutcome } from '../shared/define-method';
import { defineMethod } from '../shared/define-method';
import type { GradientMethodOptions } from '../shared/method-options';
import { resolveGradientOptions } from '../shared/method-options';
import type { ReadbackMode } from '../shared/readback';
import { resolveObjective } from '../shared/resolve-objective';
import { setUpAdaptation } from '../shared/set-up-adaptation';

/** Tent (Wang et al., ICLR 2021): entropy minimisation on every sample, all norm layers (methods.md §4.1). */
export interface TentOptions extends GradientMethodOptions {}

/**
 * tent.py's `forward_and_adapt`: one forward, loss = mean_i objective(adaptation logits)_i +
 * mean_i regulariser_i over the whole batch, one SGD step. Returns the pre-update prediction logits.
 */
export async function tentForwardAndAdapt(
  images: tf.Tensor4D,
  model: AdaptableModel,
  optimizer: Optimizer,
  variables: readonly tf.Variable[],
  objective: Objective,
  readback: ReadbackMode = 'auto',
): Promise<StepOutcome> {
  const batch = images.shape[0];
  const step = await adaptOnSelection({
    model,
    images,
    variables,
    optimizer,
    objective,
    score: objective,
    readback,
  });
  return {
    predictionLogits: step.predictionLogits,
    selected: step.selected,
    losses: step.losses,
    forwardPasses: batch,
    backwardPasses: batch,
  };
}

/** Creates Tent bound to `model` (configured in place: BN uses test-batch statistics). */
export function createTent(
  model: AdaptableModel,
  options: TentOptions = {},
  id = 'tent',
): TtaMethod<TentOptions> {
  const resolved = resolveGradientOptions(options, { normSelection: 'all' }, id);
  const { objective } = resolveObjective(resolved.objective);
  const { variables, optimizer } = setUpAdaptation(model, resolved, id);
  return defineMethod({
    id,
    options,
    model,
    optimizer,
    forwardAndAdapt: (images) =>
      tentForwardAndAdapt(images, model, optimizer, variables, objective, resolved.readback),
  });
}
