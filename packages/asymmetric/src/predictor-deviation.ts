import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from '@zerosiam/core';
import { readAndDispose } from '@zerosiam/core';
import { zeroSiamStateOf } from './with-zero-siam';

/** ‖P − I‖_F as a scalar tensor, or undefined when the model has no single predictor matrix. */
function deviationTensor(model: AdaptableModel): tf.Scalar | undefined {
  const matrix = zeroSiamStateOf(model)?.predictor.matrix;
  if (matrix === undefined) return undefined;
  return tf.tidy(() => tf.norm(tf.sub(matrix, tf.eye(matrix.shape[0]!))) as tf.Scalar);
}

/**
 * ‖P − I‖_F of a ZeroSiam-wrapped model's linear predictor (paper Fig. 2a's deviation from the
 * identity). Undefined for models that are not wrapped and for the `mlp` predictor, which has no
 * single matrix. Reads synchronously; `readPredictorDeviation` works on every backend.
 */
export function predictorDeviation(model: AdaptableModel): number | undefined {
  const value = deviationTensor(model);
  if (value === undefined) return undefined;
  const result = value.dataSync()[0]!;
  value.dispose();
  return result;
}

/** `predictorDeviation` with an awaited read, for backends without synchronous read-back (WebGPU in Node). */
export async function readPredictorDeviation(model: AdaptableModel): Promise<number | undefined> {
  const value = deviationTensor(model);
  if (value === undefined) return undefined;
  return (await readAndDispose(value))[0];
}
