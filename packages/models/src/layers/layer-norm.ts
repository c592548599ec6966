import type * as tf from '@tensorflow/tfjs-core';
import { normalizeAutodiff, normalizeClosedForm } from './normalize-closed-form';
import type { ParameterStore } from './parameter-store';

/**
 * LayerNorm over the last axis: tokens [B, T, D] (ViT, ε = 1e-6 as timm) or channels-last maps
 * [B, H, W, C] (ConvNeXt's LayerNorm2d, which normalises each pixel over its channels).
 */
export class LayerNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    private readonly store: ParameterStore,
    readonly name: string,
    dimension: number,
    private readonly epsilon = 1e-6,
  ) {
    this.weight = store.add(`${name}.weight`, [dimension], {
      kind: 'constant',
      value: 1,
    });
    this.bias = store.add(`${name}.bias`, [dimension], {
      kind: 'constant',
      value: 0,
    });
    store.registerNorm({
      name,
      kind: 'layer-norm',
      weight: this.weight,
      bias: this.bias,
    });
  }

  apply<T extends tf.Tensor>(x: T): T {
    const normalize = this.store.state.closedFormGradients ? normalizeClosedForm : normalizeAutodiff;
    return normalize(x, this.weight, this.bias, {
      axes: [x.rank - 1],
      epsilon: this.epsilon,
    }) as T;
  }
}
