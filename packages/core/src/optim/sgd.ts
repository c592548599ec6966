import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, ParamGroupOptions } from './optimizer';
import { OptimizerBase } from './optimizer-base';

export interface SgdOptions {
  /** Momentum factor; the TTA papers use 0.9 (methods.md §1.5). */
  readonly momentum?: number;
  /** PyTorch `dampening`; 0 in every method here. */
  readonly dampening?: number;
  readonly nesterov?: boolean;
}

/**
 * SGD with momentum exactly as PyTorch's `torch.optim.SGD`: the first step sets the buffer to
 * the gradient; later steps use buf ← μ·buf + (1 − dampening)·g; then p ← p − lr·buf.
 */
export function createSgd(groups: readonly ParamGroupOptions[], options: SgdOptions = {}): Optimizer {
  return new Sgd(groups, options);
}

class Sgd extends OptimizerBase {
  readonly kind = 'sgd' as const;
  private readonly momentum: number;
  private readonly dampening: number;
  private readonly nesterov: boolean;

  constructor(groups: readonly ParamGroupOptions[], options: SgdOptions) {
    super('createSgd', groups);
    this.momentum = options.momentum ?? 0.9;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
  }

  protected update(
    variable: tf.Variable,
    grad: tf.Tensor,
    group: { learningRate: number },
    state: tf.Tensor[] | undefined,
  ): { value: tf.Tensor; state: tf.Tensor[] } {
    if (this.momentum === 0) return { value: tf.sub(variable, tf.mul(grad, group.learningRate)), state: [] };
    const buffer =
      state?.[0] === undefined
        ? tf.clone(grad)
        : tf.add(tf.mul(state[0], this.momentum), tf.mul(grad, 1 - this.dampening));
    const direction = this.nesterov ? tf.add(grad, tf.mul(buffer, this.momentum)) : buffer;
    return { value: tf.sub(variable, tf.mul(direction, group.learningRate)), state: [buffer] };
  }
}
