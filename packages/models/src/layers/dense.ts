import * as tf from '@tensorflow/tfjs-core';
import type { Initializer, ParameterStore } from './parameter-store';

/**
 * x [M, in] · W [in, out] with an explicit-transpose gradient: dx = dy · Wᵀ, dW = xᵀ · dy, each a plain
 * 2-D matMul (XNNPACK on wasm runs 2-D matMul without transpose flags ~10× faster than with them).
 */
export function matMulClosedForm(
  x: tf.Tensor2D,
  weight: tf.Tensor2D,
  /** Given when the weight is frozen (restrictGradients): returns Wᵀ [out, in], cached by the caller. */
  frozenTransposedWeight?: () => tf.Tensor2D,
): tf.Tensor2D {
  if (frozenTransposedWeight !== undefined) {
    // Frozen weight: captured rather than an input, so only dx is computed.
    const frozen = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input] = args as [tf.Tensor];
      const value = tf.matMul(input as tf.Tensor2D, weight);
      return { value, gradFunc: (dy: tf.Tensor) => [tf.matMul(dy as tf.Tensor2D, frozenTransposedWeight())] };
    });
    return frozen(x) as tf.Tensor2D;
  }
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([input, w]);
    const value = tf.matMul(input as tf.Tensor2D, w as tf.Tensor2D);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
    };
    return { value, gradFunc };
  });
  return run(x, weight) as tf.Tensor2D;
}

export interface DenseOptions {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly bias?: boolean;
  /** Default: PyTorch's nn.Linear init, U(±1/√in) for weight and bias. */
  readonly initializer?: Initializer;
  readonly biasInitializer?: Initializer;
}

/** A linear layer (PyTorch `nn.Linear`); weight stored [in, out] (PyTorch files hold [out, in]). Accepts [..., in]. */
export class Dense {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;

  constructor(
    private readonly store: ParameterStore,
    readonly name: string,
    private readonly options: DenseOptions,
  ) {
    const defaultInit: Initializer = {
      kind: 'uniform-fan-in',
      fanIn: options.inFeatures,
    };
    this.weight = store.add(
      `${name}.weight`,
      [options.inFeatures, options.outFeatures],
      options.initializer ?? defaultInit,
      true,
      'linear',
    );
    this.bias =
      options.bias === false
        ? undefined
        : store.add(`${name}.bias`, [options.outFeatures], options.biasInitializer ?? defaultInit);
  }

  apply<T extends tf.Tensor>(x: T): T {
    const leading = x.shape.slice(0, -1);
    const rows = leading.reduce((a, b) => a * b, 1);
    const flat =
      x.rank === 2
        ? (x as unknown as tf.Tensor2D)
        : (tf.reshape(x, [rows, this.options.inFeatures]) as tf.Tensor2D);
    let y: tf.Tensor = this.store.state.closedFormGradients
      ? matMulClosedForm(
          flat,
          this.weight as tf.Tensor2D,
          this.store.needsGradient(this.weight)
            ? undefined
            : () => this.store.derived(this.weight, 'transposed', (w) => tf.transpose(w) as tf.Tensor2D),
        )
      : tf.matMul(flat, this.weight as tf.Tensor2D);
    if (this.bias) y = tf.add(y, this.bias);
    return (x.rank === 2 ? y : tf.reshape(y, [...leading, this.options.outFeatures])) as T;
  }
}
