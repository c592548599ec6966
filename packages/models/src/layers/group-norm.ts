import type * as tf from '@tensorflow/tfjs-core';
import { channelNormClosedForm } from './channel-norm-closed-form';
import { normalizeAutodiff } from './normalize-closed-form';
import type { ParameterStore } from './parameter-store';

/** GroupNorm over channels-last [N, H, W, C] (PyTorch `nn.GroupNorm(groups, C)`, ε = 1e-5); statistics per sample × group. */
export class GroupNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  private readonly epsilon = 1e-5;

  constructor(
    private readonly store: ParameterStore,
    readonly name: string,
    private readonly groups: number,
    private readonly channels: number,
  ) {
    if (channels % groups !== 0)
      throw new Error(`GroupNorm ${name}: ${channels} channels are not divisible into ${groups} groups`);
    this.weight = store.add(`${name}.weight`, [channels], {
      kind: 'constant',
      value: 1,
    });
    this.bias = store.add(`${name}.bias`, [channels], {
      kind: 'constant',
      value: 0,
    });
    store.registerNorm({
      name,
      kind: 'group-norm',
      weight: this.weight,
      bias: this.bias,
    });
  }

  /** x [N, H, W, C] */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    if (this.store.state.closedFormGradients) {
      return channelNormClosedForm(x, this.weight, this.bias, {
        groups: this.groups,
        perSample: true,
        epsilon: this.epsilon,
      });
    }
    const [n, h, w] = x.shape;
    return normalizeAutodiff(x, this.weight, this.bias, {
      statisticsShape: [n, h, w, this.groups, this.channels / this.groups],
      axes: [1, 2, 4],
      epsilon: this.epsilon,
    }) as tf.Tensor4D;
  }
}
