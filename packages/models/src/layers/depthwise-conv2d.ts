import * as tf from '@tensorflow/tfjs-core';
import type { ParameterStore } from './parameter-store';

/**
 * Stride-1 'valid' depthwise conv with a closed-form gradient from forward ops (wasm has no
 * DepthwiseConv2dNativeBackpropInput/Filter kernels):
 *   dx = depthwise(pad(dy, K − 1), flipped filter), dW[i, j, c] = Σ x[n, h + i, w + j, c]·dy[n, h, w, c].
 * x [N, H, W, C] (already padded), filter [K, K, C, 1] → [N, H − K + 1, W − K + 1, C].
 */
export function depthwiseConv2dClosedForm(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  /** Given when the filter is frozen (restrictGradients): returns the spatially flipped filter, cached by the caller. */
  frozenFlippedFilter?: () => tf.Tensor4D,
): tf.Tensor4D {
  // dx = depthwise(pad(dy, K − 1), flipped filter)
  const inputGradient = (dy4: tf.Tensor4D, flipped: tf.Tensor4D): tf.Tensor4D => {
    const [kh, kw] = flipped.shape;
    const padded = tf.pad(dy4, [
      [0, 0],
      [kh - 1, kh - 1],
      [kw - 1, kw - 1],
      [0, 0],
    ]);
    return tf.depthwiseConv2d(padded, flipped, 1, 'valid');
  };
  if (frozenFlippedFilter !== undefined) {
    // Frozen filter (restrictGradients): captured, so the K² per-tap dW reductions never run.
    const frozen = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input] = args as [tf.Tensor];
      const value = tf.depthwiseConv2d(input as tf.Tensor4D, filter, 1, 'valid');
      return {
        value,
        gradFunc: (dy: tf.Tensor) => [inputGradient(dy as tf.Tensor4D, frozenFlippedFilter())],
      };
    });
    return frozen(x) as tf.Tensor4D;
  }
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, weights, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([input, weights]);
    const value = tf.depthwiseConv2d(input as tf.Tensor4D, weights as tf.Tensor4D, 1, 'valid');
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
      const dy4 = dy as tf.Tensor4D;
      const [kh, kw, channels] = ws.shape;
      const [n, ho, wo] = dy4.shape;
      const dx = inputGradient(dy4, tf.reverse(ws, [0, 1]) as tf.Tensor4D);
      const taps: tf.Tensor[] = [];
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const patch = tf.slice(xs, [0, i, j, 0], [n, ho, wo, channels]);
          taps.push(tf.sum(tf.mul(patch, dy4), [0, 1, 2]));
        }
      }
      const dw = tf.reshape(tf.stack(taps), [kh, kw, channels, 1]);
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return run(x, filter) as tf.Tensor4D;
}

/** Depthwise conv (PyTorch `nn.Conv2d(C, C, K, padding=p, groups=C)`), stride 1, with bias; filter stored [K, K, C, 1]. */
export class DepthwiseConv2d {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    private readonly store: ParameterStore,
    readonly name: string,
    channels: number,
    private readonly kernelSize: number,
    private readonly padding: number,
  ) {
    this.weight = store.add(
      `${name}.weight`,
      [kernelSize, kernelSize, channels, 1],
      { kind: 'truncated-normal', std: 0.02 },
      true,
      'depthwise',
    );
    this.bias = store.add(`${name}.bias`, [channels], {
      kind: 'constant',
      value: 0,
    });
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    const p = this.padding;
    const padded =
      p > 0
        ? tf.pad(x, [
            [0, 0],
            [p, p],
            [p, p],
            [0, 0],
          ])
        : x;
    const y = this.store.state.closedFormGradients
      ? depthwiseConv2dClosedForm(
          padded,
          this.weight as tf.Tensor4D,
          this.store.needsGradient(this.weight)
            ? undefined
            : () => this.store.derived(this.weight, 'flipped', (w) => tf.reverse(w, [0, 1]) as tf.Tensor4D),
        )
      : tf.depthwiseConv2d(padded, this.weight as tf.Tensor4D, 1, 'valid');
    void this.kernelSize;
    return tf.add(y, this.bias) as tf.Tensor4D;
  }
}
