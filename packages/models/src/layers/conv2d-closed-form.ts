import * as tf from '@tensorflow/tfjs-core';

/** Zero-inserts `stride − 1` rows/columns after every element of dy: [N, Ho, Wo, C] → [N, Ho·s, Wo·s, C]. */
function upsample(dy: tf.Tensor4D, stride: number): tf.Tensor4D {
  if (stride === 1) return dy;
  const [n, ho, wo, c] = dy.shape;
  // Rows then columns, each a 4-D pad of a new unit axis. Not 5-D: tfjs-backend-webgpu 4.22's pad
  // shader does not compile for rank 5 and its output is silently garbage (docs/decisions/0005).
  let x: tf.Tensor4D = tf.reshape(dy, [n, ho, 1, wo * c]);
  x = tf.pad(x, [
    [0, 0],
    [0, 0],
    [0, stride - 1],
    [0, 0],
  ]); // [N, Ho, s, Wo·C]
  x = tf.reshape(x, [n * ho * stride, wo, 1, c]);
  x = tf.pad(x, [
    [0, 0],
    [0, 0],
    [0, stride - 1],
    [0, 0],
  ]); // [N·Ho·s, Wo, s, C]
  return tf.reshape(x, [n, ho * stride, wo * stride, c]);
}

/** Pads (positive) or crops (negative) the two spatial axes of a [N, H, W, C] tensor. */
function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  let y = x;
  const [, h, w] = y.shape;
  const cropTop = Math.max(0, -top);
  const cropBottom = Math.max(0, -bottom);
  const cropLeft = Math.max(0, -left);
  const cropRight = Math.max(0, -right);
  if (cropTop + cropBottom + cropLeft + cropRight > 0) {
    y = tf.slice(y, [0, cropTop, cropLeft, 0], [-1, h - cropTop - cropBottom, w - cropLeft - cropRight, -1]);
  }
  const padTop = Math.max(0, top);
  const padBottom = Math.max(0, bottom);
  const padLeft = Math.max(0, left);
  const padRight = Math.max(0, right);
  if (padTop + padBottom + padLeft + padRight > 0) {
    y = tf.pad(y, [
      [0, 0],
      [padTop, padBottom],
      [padLeft, padRight],
      [0, 0],
    ]);
  }
  return y;
}

/**
 * `tf.conv2d(x, filter, stride, [[0,0],[p,p],[p,p],[0,0]])` with a closed-form gradient written
 * only with forward ops that are fast on every backend:
 * - dx is a stride-1 forward conv of the zero-upsampled, padded dy with the flipped, in/out-swapped
 *   filter (tfjs-backend-wasm's own Conv2DBackpropInput is ~10× slower than its forward conv);
 * - dW is one forward conv of the transposed input with dy as a dilated filter (wasm has no
 *   Conv2DBackpropFilter kernel; the cpu fallback runs at ~0.02 GFLOP/s, per-tap matMuls and slices
 *   measured 4× slower than this).
 * x [N, H, W, Cin], filter [K, K, Cin, Cout] → [N, Ho, Wo, Cout].
 */
/** The dx kernel: the filter flipped spatially with in/out swapped, [K, K, Cin, Cout] → [K, K, Cout, Cin]. */
export function flipFilter(filter: tf.Tensor4D): tf.Tensor4D {
  return tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
}

export function conv2dClosedForm(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  stride: number,
  padding: number,
  /** Given when the filter is frozen (restrictGradients): returns flipFilter(filter), cached by the caller. */
  frozenFlippedFilter?: () => tf.Tensor4D,
): tf.Tensor4D {
  const explicit: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [padding, padding],
    [padding, padding],
    [0, 0],
  ];
  // dx: full correlation of the upsampled dy with the flipped kernel [K, K, Cout, Cin].
  const inputGradient = (dy4: tf.Tensor4D, flipped: tf.Tensor4D, h: number, w: number): tf.Tensor4D => {
    const [kh, kw] = flipped.shape;
    const [, ho, wo] = dy4.shape;
    const up = upsample(dy4, stride);
    const [top, bottom] = [kh - 1 - padding, h + padding - ho * stride];
    const [left, right] = [kw - 1 - padding, w + padding - wo * stride];
    // Non-negative amounts go to the conv's own (implicit) padding: no separate PadV2 kernel.
    if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) {
      return tf.conv2d(up, flipped, 1, [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ]);
    }
    return tf.conv2d(padOrCrop(up, top, bottom, left, right), flipped, 1, 'valid');
  };
  if (frozenFlippedFilter !== undefined) {
    // Frozen filter: captured, not an input, so the tape never asks for dW and the backward pass is
    // one conv instead of two; the flipped filter comes from the caller's cache.
    const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
      const x4 = input as tf.Tensor4D;
      save([x4]);
      const value = tf.conv2d(x4, filter, stride, explicit);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [, h, w] = (saved[0] as tf.Tensor4D).shape;
        return [inputGradient(dy as tf.Tensor4D, frozenFlippedFilter(), h, w)];
      };
      return { value, gradFunc };
    });
    return run(x) as tf.Tensor4D;
  }
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, weights, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const x4 = input as tf.Tensor4D;
    const w4 = weights as tf.Tensor4D;
    save([x4, w4]);
    const value = tf.conv2d(x4, w4, stride, explicit);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
      const dy4 = dy as tf.Tensor4D;
      const [, h, w, cin] = xs.shape;
      const [kh, kw, , cout] = ws.shape;
      const dx = inputGradient(dy4, flipFilter(ws), h, w);
      // dW as one forward conv: batch ↔ channel roles swapped, dy as a dilated filter.
      // out[ci, i, j, co] = Σ_{n,y,x} xp[n, i + y·s, j + x·s, ci] · dy[n, y, x, co]
      const xp = padding > 0 ? tf.pad(xs, explicit) : xs;
      const swapped = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, Hp, Wp, N]
      const dyFilter = tf.transpose(dy4, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Cout]
      let full = tf.conv2d(swapped, dyFilter, 1, 'valid', 'NHWC', stride); // [Cin, ≥K, ≥K, Cout]
      if (full.shape[1] !== kh || full.shape[2] !== kw)
        full = tf.slice(full, [0, 0, 0, 0], [cin, kh, kw, cout]);
      const dw = tf.transpose(full, [1, 2, 0, 3]); // [K, K, Cin, Cout]
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return run(x, filter) as tf.Tensor4D;
}
