import * as tf from '@tensorflow/tfjs-core';
import { channelNormClosedForm } from './channel-norm-closed-form';
import { normalizeAutodiff, normalizeClosedForm } from './normalize-closed-form';
import type { ParameterStore } from './parameter-store';

/**
 * BatchNorm over channels-last inputs ([N, H, W, C] or [N, C]) with PyTorch defaults (ε = 1e-5,
 * momentum 0.1, unbiased running variance). The store's `normMode` picks test-batch statistics
 * (`batch`, Tent) or the running buffers (`running`, eval mode). Running statistics are buffers
 * (non-trainable variables), updated only while `state.training` is true.
 */
export class BatchNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVar: tf.Variable;
  private readonly epsilon = 1e-5;
  private readonly momentum = 0.1;

  constructor(
    private readonly store: ParameterStore,
    readonly name: string,
    channels: number,
  ) {
    this.weight = store.add(`${name}.weight`, [channels], {
      kind: 'constant',
      value: 1,
    });
    this.bias = store.add(`${name}.bias`, [channels], {
      kind: 'constant',
      value: 0,
    });
    this.runningMean = store.add(`${name}.running_mean`, [channels], { kind: 'constant', value: 0 }, false);
    this.runningVar = store.add(`${name}.running_var`, [channels], { kind: 'constant', value: 1 }, false);
    store.registerNorm({
      name,
      kind: 'batch-norm',
      weight: this.weight,
      bias: this.bias,
    });
  }

  apply<T extends tf.Tensor>(x: T): T {
    const state = this.store.state;
    if (state.normMode === 'running') {
      // Plain affine map; autodiff of mul/add is cheap and exact here.
      const scale = tf.mul(this.weight, tf.rsqrt(tf.add(this.runningVar, this.epsilon)));
      const shift = tf.sub(this.bias, tf.mul(this.runningMean, scale));
      return tf.add(tf.mul(x, scale), shift) as T;
    }
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    const count = x.size / x.shape[x.rank - 1]!;
    const onStatistics = state.training
      ? (mean: tf.Tensor, variance: tf.Tensor) => {
          tf.tidy(() => {
            const m = this.momentum;
            const unbiased = tf.mul(tf.reshape(variance, [-1]), count / Math.max(1, count - 1));
            this.runningMean.assign(
              tf.add(tf.mul(this.runningMean, 1 - m), tf.mul(tf.reshape(mean, [-1]), m)),
            );
            this.runningVar.assign(tf.add(tf.mul(this.runningVar, 1 - m), tf.mul(unbiased, m)));
          });
        }
      : undefined;
    if (state.closedFormGradients && x.rank === 4) {
      const channels = x.shape[3]!;
      return channelNormClosedForm(x as unknown as tf.Tensor4D, this.weight, this.bias, {
        groups: channels,
        perSample: false,
        epsilon: this.epsilon,
        onStatistics,
      }) as unknown as T;
    }
    const normalize = state.closedFormGradients ? normalizeClosedForm : normalizeAutodiff;
    return normalize(x, this.weight, this.bias, {
      axes,
      epsilon: this.epsilon,
      onStatistics,
    }) as T;
  }
}
