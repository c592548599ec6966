import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from '@zerosiam/core';
import { zeroSiamStateOf } from './with-zero-siam';

/**
 * ‖P − I‖_F of a ZeroSiam-wrapped model's linear predictor (paper Fig. 2a's deviation from the
 * identity). Undefined for models that are not wrapped and for the `mlp` predictor, which has no
 * single matrix.
 */
export function predictorDeviation(model: AdaptableModel): number | undefined {
  const state = zeroSiamStateOf(model);
  const matrix = state?.predictor.matrix;
  if (matrix === undefined) return undefined;
  const value = tf.tidy(() => tf.norm(tf.sub(matrix, tf.eye(matrix.shape[0]!))));
  const result = value.dataSync()[0]!;
  value.dispose();
  return result;
}
