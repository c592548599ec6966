import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, Optimizer, ParamGroupOptions } from '@zerosiam/core';
import { createSgd } from '@zerosiam/core';
import { checkParameterGroups, collectParameterGroups, groupVariables } from './collect-parameter-groups';
import { configureModel, restrictGradientsTo } from './configure-model';
import type { ResolvedGradientOptions } from './method-options';

export interface AdaptationSetUp {
  /** `norm` first, then the wrapper's groups (the ZeroSiam predictor). */
  readonly groups: ParamGroupOptions[];
  /** Every adapted variable, in group order. */
  readonly variables: tf.Variable[];
  readonly optimizer: Optimizer;
}

/**
 * tent.py's set-up, shared by every gradient method: `configure_model` (BN on test-batch
 * statistics), `collect_params` + `check_model`, `requires_grad_` on exactly those parameters
 * (restrictGradients), and SGD with momentum over the groups.
 */
export function setUpAdaptation(
  model: AdaptableModel,
  resolved: ResolvedGradientOptions,
  methodId: string,
): AdaptationSetUp {
  configureModel(model);
  const groups = collectParameterGroups(model, resolved);
  checkParameterGroups(groups, methodId);
  const variables = groupVariables(groups);
  restrictGradientsTo(model, variables);
  return { groups, variables, optimizer: createSgd(groups, { momentum: resolved.momentum }) };
}
