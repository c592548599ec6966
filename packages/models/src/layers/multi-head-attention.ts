import * as tf from '@tensorflow/tfjs-core';
import { Dense } from './dense';
import type { Initializer, ParameterStore } from './parameter-store';

/**
 * Multi-head self-attention with separate q/k/v projections (`attn.q`, `attn.k`, `attn.v`, `attn.proj`).
 * timm fuses them into one [3D, D] `qkv` layer, which needs a 5-D transpose (slow on wasm, 100 ms for a
 * ViT batch); three projections need only 4-D transposes. The loader splits a fused `qkv` if present.
 */
export class MultiHeadAttention {
  readonly q: Dense;
  readonly k: Dense;
  readonly v: Dense;
  readonly proj: Dense;
  private readonly headDim: number;

  constructor(
    store: ParameterStore,
    readonly name: string,
    private readonly dimension: number,
    private readonly heads: number,
    initializer?: Initializer,
  ) {
    if (dimension % heads !== 0)
      throw new Error(`MultiHeadAttention ${name}: ${dimension} is not divisible by ${heads} heads`);
    this.headDim = dimension / heads;
    const options = {
      inFeatures: dimension,
      outFeatures: dimension,
      initializer,
      biasInitializer: initializer ? ({ kind: 'constant', value: 0 } as const) : undefined,
    };
    this.q = new Dense(store, `${name}.q`, options);
    this.k = new Dense(store, `${name}.k`, options);
    this.v = new Dense(store, `${name}.v`, options);
    this.proj = new Dense(store, `${name}.proj`, options);
  }

  /** x [B, T, D] → [B, T, D] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const [b, t] = x.shape;
    const split = (y: tf.Tensor3D) =>
      tf.transpose(tf.reshape(y, [b, t, this.heads, this.headDim]), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, T, dh]
    const q = split(this.q.apply(x));
    const k = split(this.k.apply(x));
    const v = split(this.v.apply(x));
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(this.headDim)); // [B, H, T, T]
    const attention = tf.softmax(scores);
    const context = tf.reshape(tf.transpose(tf.matMul(attention, v), [0, 2, 1, 3]), [
      b,
      t,
      this.dimension,
    ]) as tf.Tensor3D;
    return this.proj.apply(context);
  }
}
