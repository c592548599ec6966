import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from '@zerosiam/core';
import { MissingDataError, ShapeMismatchError } from '@zerosiam/core';
import type { ParameterLayout } from '../layers/parameter-store';
import type { SafetensorsContents } from './safetensors';

const TO_TORCH: Record<ParameterLayout, number[] | undefined> = {
  conv: [3, 2, 0, 1], // [K, K, in, out] → [out, in, K, K]
  depthwise: [2, 3, 0, 1], // [K, K, C, 1] → [C, 1, K, K]
  linear: [1, 0], // [in, out] → [out, in]
  plain: undefined,
};
const FROM_TORCH: Record<ParameterLayout, number[] | undefined> = {
  conv: [2, 3, 1, 0],
  depthwise: [2, 3, 0, 1],
  linear: [1, 0],
  plain: undefined,
};

/** The layout of a parameter: asked from the model when it knows, else conv for rank 4 and linear for rank 2. */
export function layoutOf(model: AdaptableModel, name: string, variable: tf.Variable): ParameterLayout {
  const known = (model as { parameterLayout?: (n: string) => ParameterLayout }).parameterLayout;
  if (known) return known(name);
  if (variable.rank === 4) return 'conv';
  if (variable.rank === 2) return 'linear';
  return 'plain';
}

function permute(shape: readonly number[], order: number[] | undefined): number[] {
  return order ? order.map((axis) => shape[axis]!) : [...shape];
}

/** Every named variable in PyTorch layout, as tensors the caller reads and disposes. */
function torchLayoutTensors(model: AdaptableModel): [name: string, tensor: tf.Tensor][] {
  return [...model.namedParameters()].map(([name, variable]) => {
    const order = TO_TORCH[layoutOf(model, name, variable)];
    return [name, order ? tf.transpose(variable, order) : tf.clone(variable)];
  });
}

/** Every named variable (buffers included) in PyTorch layout, ready for `encodeSafetensors`. */
export function modelToStateDict(
  model: AdaptableModel,
): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, tensor] of torchLayoutTensors(model)) {
    out.set(name, { shape: [...tensor.shape], data: new Float32Array(tensor.dataSync() as Float32Array) });
    tensor.dispose();
  }
  return out;
}

/**
 * `modelToStateDict` with awaited reads, for backends without synchronous read-back (WebGPU in
 * Node, where `dataSync()` needs an OffscreenCanvas).
 */
export async function readModelStateDict(
  model: AdaptableModel,
): Promise<Map<string, { shape: number[]; data: Float32Array }>> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  const tensors = torchLayoutTensors(model);
  try {
    for (const [name, tensor] of tensors)
      out.set(name, {
        shape: [...tensor.shape],
        data: new Float32Array((await tensor.data()) as Float32Array),
      });
  } finally {
    tf.dispose(tensors.map(([, tensor]) => tensor));
  }
  return out;
}

/**
 * Loads PyTorch-layout tensors into the model. Every model parameter must be present with the right
 * (PyTorch) shape; extra tensors are errors too unless `allowExtra`. Errors name the tensor.
 * Nothing is assigned unless every tensor checks out.
 */
export function loadStateDict(
  model: AdaptableModel,
  contents: SafetensorsContents,
  source: string,
  options: { allowExtra?: boolean } = {},
): void {
  const named = model.namedParameters();
  const pending: [tf.Variable, SafetensorsTensor2][] = [];
  for (const [name, variable] of named) {
    const entry = contents.tensors.get(name);
    if (!entry) {
      throw new MissingDataError({
        what: `weights for model '${model.id}'`,
        path: source,
        problem: `tensor '${name}' is missing (the file has ${contents.tensors.size} tensors)`,
        fix: `write every parameter of '${model.id}' (saveModel does), or load the file into the architecture it was saved from.`,
      });
    }
    const order = TO_TORCH[layoutOf(model, name, variable)];
    const expected = permute(variable.shape, order);
    if (entry.shape.length !== expected.length || entry.shape.some((d, i) => d !== expected[i])) {
      throw new ShapeMismatchError({
        functionName: `loadWeights(${source})`,
        argument: name,
        expectedShape: expected,
        receivedShape: entry.shape,
        fix: `the file holds weights for a different architecture or input/class count; expected PyTorch layout [${expected.join(', ')}] for '${name}'.`,
      });
    }
    pending.push([variable, { ...entry, order: FROM_TORCH[layoutOf(model, name, variable)] }]);
  }
  if (!options.allowExtra) {
    for (const name of contents.tensors.keys()) {
      if (!named.has(name)) {
        throw new MissingDataError({
          what: `weights for model '${model.id}'`,
          path: source,
          problem: `tensor '${name}' does not belong to the model`,
          fix: `load the file into the architecture it was saved from (model '${model.id}' has no '${name}').`,
        });
      }
    }
  }
  for (const [variable, entry] of pending) {
    tf.tidy(() => {
      const t = tf.tensor(entry.data, [...entry.shape], 'float32');
      variable.assign(entry.order ? tf.transpose(t, entry.order) : t);
    });
  }
}

interface SafetensorsTensor2 {
  readonly shape: readonly number[];
  readonly data: Float32Array;
  readonly order: number[] | undefined;
}
