import * as tf from '@tensorflow/tfjs-core';
import { conv2dClosedForm, flipFilter } from './conv2d-closed-form';
import type { Initializer, ParameterStore } from './parameter-store';

export interface Conv2dOptions {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride?: number;
  /** Symmetric zero padding in pixels, as PyTorch's `padding=p`. */
  readonly padding?: number;
  readonly bias?: boolean;
  /** Default: Kaiming normal (fan-out, ReLU gain) for the weight, PyTorch's U(±1/√fanIn) for the bias. */
  readonly initializer?: Initializer;
  readonly biasInitializer?: Initializer;
}

/**
 * A 2-D convolution with PyTorch semantics (explicit symmetric padding, optional bias). The kernel is
 * stored the tfjs way, [K, K, in, out]; the weights loader converts from PyTorch's [out, in, K, K].
 * Never uses `tf.fused.conv2d` (its linear-activation gradient always computes the filter gradient).
 */
export class Conv2d {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;
  private readonly stride: number;
  private readonly padding: number;

  constructor(
    private readonly store: ParameterStore,
    readonly name: string,
    options: Conv2dOptions,
  ) {
    const { inChannels, outChannels, kernelSize } = options;
    this.stride = options.stride ?? 1;
    this.padding = options.padding ?? 0;
    this.weight = store.add(
      `${name}.weight`,
      [kernelSize, kernelSize, inChannels, outChannels],
      options.initializer ?? {
        kind: 'kaiming-normal-fan-out',
        fanOut: outChannels * kernelSize * kernelSize,
      },
      true,
      'conv',
    );
    this.bias = options.bias
      ? store.add(
          `${name}.bias`,
          [outChannels],
          options.biasInitializer ?? { kind: 'uniform-fan-in', fanIn: inChannels * kernelSize * kernelSize },
        )
      : undefined;
  }

  /** x [N, H, W, in] → [N, Ho, Wo, out] */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    const filter = this.weight as tf.Tensor4D;
    const p = this.padding;
    const y = this.store.state.closedFormGradients
      ? conv2dClosedForm(
          x,
          filter,
          this.stride,
          p,
          this.store.needsGradient(this.weight)
            ? undefined
            : () => this.store.derived(this.weight, 'flipped', (w) => flipFilter(w as tf.Tensor4D)),
        )
      : tf.conv2d(x, filter, this.stride, [
          [0, 0],
          [p, p],
          [p, p],
          [0, 0],
        ]);
    return this.bias ? (tf.add(y, this.bias) as tf.Tensor4D) : y;
  }
}
