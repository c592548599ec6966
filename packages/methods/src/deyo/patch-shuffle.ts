import * as tf from '@tensorflow/tfjs-core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';

/**
 * DeYO's patch shuffling (methods.md §4.4 step 2): cut each image into a grid×grid set of
 * patches (row-major, patch k = row·grid + column) and reassemble them so that output patch j is
 * input patch permutations[n][j]. Sizes not divisible by the grid are resized (bilinear) to the
 * nearest smaller multiple first and back afterwards, as the official code does (a no-op at 224/4).
 *
 * @param images [n, H, W, C]
 * @param permutations n permutations of 0..grid²−1
 */
export function patchShuffle(
  images: tf.Tensor4D,
  permutations: readonly ArrayLike<number>[],
  grid = 4,
): tf.Tensor4D {
  const [count, height, width, channels] = images.shape;
  const patches = grid * grid;
  if (permutations.length !== count || permutations.some((p) => p.length !== patches)) {
    throw new InvalidArgumentError({
      functionName: 'patchShuffle',
      argument: 'permutations',
      expected: `${count} permutations of length ${patches}`,
      received: describeValue(permutations),
    });
  }
  return tf.tidy(() => {
    const cropHeight = Math.floor(height / grid) * grid;
    const cropWidth = Math.floor(width / grid) * grid;
    const resized = cropHeight === height && cropWidth === width;
    let x: tf.Tensor = resized ? images : tf.image.resizeBilinear(images, [cropHeight, cropWidth]);
    const ph = cropHeight / grid;
    const pw = cropWidth / grid;
    x = tf.reshape(x, [count, grid, ph, grid, pw, channels]);
    x = tf.transpose(x, [0, 1, 3, 2, 4, 5]); // [n, gridRow, gridColumn, ph, pw, C]
    x = tf.reshape(x, [count * patches, ph, pw, channels]);
    const indices = new Int32Array(count * patches);
    for (let n = 0; n < count; n++)
      for (let j = 0; j < patches; j++) indices[n * patches + j] = n * patches + permutations[n]![j]!;
    x = tf.gather(x, tf.tensor1d(indices, 'int32'));
    x = tf.reshape(x, [count, grid, grid, ph, pw, channels]);
    x = tf.transpose(x, [0, 1, 3, 2, 4, 5]);
    x = tf.reshape(x, [count, cropHeight, cropWidth, channels]);
    return (resized ? x : tf.image.resizeBilinear(x as tf.Tensor4D, [height, width])) as tf.Tensor4D;
  });
}
