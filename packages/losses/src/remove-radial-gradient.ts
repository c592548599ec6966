import * as tf from '@tensorflow/tfjs-core';
import { assertTensor } from '@zerosiam/core';

/**
 * COME's radial-gradient removal (methods.md §4.5, step 1): ũ = u/‖u‖ · sg(‖u‖), per row.
 *
 * The forward value is returned unchanged (bit for bit, unlike the PyTorch expression, which
 * divides and multiplies by the norm). The backward pass projects each row's incoming gradient
 * onto the plane orthogonal to that row: dũ → (I − ûûᵀ) dũ with û = u/‖u‖, so no update can grow
 * the logit norm to first order. A zero row has no radial direction and passes its gradient
 * through (PyTorch would give NaN there).
 *
 * @param logits [batch, classes] float32 logits.
 * @returns [batch, classes], equal to `logits`.
 */
export function removeRadialGradient(logits: tf.Tensor2D): tf.Tensor2D {
  assertTensor(
    logits,
    { functionName: 'removeRadialGradient', argument: 'logits' },
    { rank: 2, dtype: 'float32' },
  );
  const project = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    save([x]);
    return {
      value: tf.clone(x),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const u = saved[0]!; // [batch, classes]
        // Dividing by max(‖u‖, tiny) keeps a zero row finite: its û is 0 and dy passes through.
        const norm = tf.maximum(tf.norm(u, 'euclidean', 1, true), 1e-30); // [batch, 1]
        const direction = tf.div(u, norm);
        const radial = tf.sum(tf.mul(direction, dy), 1, true); // [batch, 1]
        return tf.sub(dy, tf.mul(direction, radial));
      },
    };
  });
  return project(logits) as tf.Tensor2D;
}
