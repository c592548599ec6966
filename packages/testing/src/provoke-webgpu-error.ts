import * as tf from '@tensorflow/tfjs-core';

/**
 * Makes the active WebGPU backend report a device error without anything throwing: tfjs-webgpu 4.22
 * cannot compile a rank-5 pad, so its shader fails validation and the error arrives asynchronously.
 * The read waits for the queue, so the error is recorded by the time this resolves. Tests of the
 * error path (`takeWebgpuErrors`, the bench's failed-cell handling) share this one provocation.
 */
export async function provokeWebgpuDeviceError(): Promise<void> {
  // [1, 2, 1, 3, 1] → padded along the third axis to [1, 2, 2, 3, 1]
  const padded = tf.tidy(() =>
    tf.pad(tf.reshape(tf.range(1, 7), [1, 2, 1, 3, 1]), [
      [0, 0],
      [0, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ]),
  );
  try {
    await padded.data();
  } finally {
    padded.dispose();
  }
}
