import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from './errors/invalid-argument-error';

// WebGPU's default (and llvmpipe's maximum) of storage buffers per shader stage is 8: one addN
// dispatch binds each input and the output, so at most 7 inputs go into one.
const maxInputsPerAdd = 7;

/**
 * The sum of any number of same-shaped tensors, as a tree of `tf.addN` calls of at most 7 inputs.
 * A single `tf.addN` over more inputs exceeds WebGPU's storage-buffer limit: the shader is rejected
 * without an exception and the sum is silently wrong. Differentiable; the inputs are not disposed.
 */
export function addMany(tensors: readonly tf.Tensor[]): tf.Tensor {
  if (tensors.length === 0) {
    throw new InvalidArgumentError({
      functionName: 'addMany',
      argument: 'tensors',
      expected: 'at least one tensor',
      received: 'an empty list',
      fix: 'start from tf.scalar(0) (or a zeros tensor of the right shape) when there may be nothing to add',
    });
  }
  return tf.tidy(() => {
    let level: tf.Tensor[] = [...tensors];
    while (level.length > 1) {
      const next: tf.Tensor[] = [];
      for (let start = 0; start < level.length; start += maxInputsPerAdd) {
        const group = level.slice(start, start + maxInputsPerAdd);
        next.push(group.length === 1 ? group[0]! : tf.addN(group));
      }
      level = next;
    }
    // A lone input comes back as a new tensor, so the caller owns what it gets in every case.
    return tensors.length === 1 ? tf.clone(level[0]!) : level[0]!;
  });
}
