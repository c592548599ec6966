import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, ParamGroupOptions } from './optimizer';
import { OptimizerBase } from './optimizer-base';

export interface AdamOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Decoupled weight decay (AdamW) instead of the L2 term in the gradient. */
  readonly decoupledWeightDecay?: boolean;
}

/**
 * Adam as PyTorch's `torch.optim.Adam` (bias-corrected moments, ε added after the square root);
 * with `decoupledWeightDecay` it is AdamW.
 */
export function createAdam(groups: readonly ParamGroupOptions[], options: AdamOptions = {}): Optimizer {
  if (options.decoupledWeightDecay) {
    // Decay is applied to the weights here, so the base class must not add it to the gradient.
    const decays = groups.map((g) => g.weightDecay ?? 0);
    return new Adam(
      groups.map((g) => ({ ...g, weightDecay: 0 })),
      options,
      decays,
    );
  }
  return new Adam(groups, options, undefined);
}

class Adam extends OptimizerBase {
  readonly kind = 'adam' as const;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly decoupled: Map<string, number> | undefined;

  constructor(
    groups: readonly ParamGroupOptions[],
    options: AdamOptions,
    decoupledDecays: number[] | undefined,
  ) {
    super('createAdam', groups);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.decoupled = decoupledDecays
      ? new Map(this.groups.map((g, i) => [g.name, decoupledDecays[i] ?? 0]))
      : undefined;
  }

  protected update(
    variable: tf.Variable,
    grad: tf.Tensor,
    group: { name: string; learningRate: number },
    state: tf.Tensor[] | undefined,
    step: number,
  ): { value: tf.Tensor; state: tf.Tensor[] } {
    const m0 = state?.[0] ?? tf.zerosLike(grad);
    const v0 = state?.[1] ?? tf.zerosLike(grad);
    const m = tf.add(tf.mul(m0, this.beta1), tf.mul(grad, 1 - this.beta1));
    const v = tf.add(tf.mul(v0, this.beta2), tf.mul(tf.square(grad), 1 - this.beta2));
    const correction1 = 1 - this.beta1 ** step;
    const correction2 = 1 - this.beta2 ** step;
    const denominator = tf.add(tf.div(tf.sqrt(v), Math.sqrt(correction2)), this.epsilon);
    let base: tf.Tensor = variable;
    const decay = this.decoupled?.get(group.name) ?? 0;
    if (decay !== 0) base = tf.mul(variable, 1 - group.learningRate * decay);
    const value = tf.sub(base, tf.mul(tf.div(m, denominator), group.learningRate / correction1));
    return { value, state: [m, v] };
  }
}
