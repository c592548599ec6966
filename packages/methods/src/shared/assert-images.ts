import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from '@zerosiam/core';
import {
  assertFinite,
  assertFiniteDeferred,
  canReadSynchronously,
  describeValue,
  InvalidArgumentError,
  ShapeMismatchError,
} from '@zerosiam/core';

/**
 * Checks a batch before anything touches the model: a live float tensor of shape
 * [batch ≥ 1, ...model.inputShape] holding only finite numbers. Runs before any parameter
 * changes, so a bad batch never half-updates a model.
 */
export function assertImages(
  images: unknown,
  model: AdaptableModel,
  functionName: string,
): asserts images is tf.Tensor4D {
  if (!(images instanceof tf.Tensor) || images.isDisposed) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'images',
      expected: `a live tf.Tensor4D of shape [batch, ${model.inputShape.join(', ')}]`,
      received: describeValue(images),
    });
  }
  const [height, width, channels] = model.inputShape;
  const shape = images.shape;
  if (
    shape.length !== 4 ||
    shape[0] === 0 ||
    shape[1] !== height ||
    shape[2] !== width ||
    shape[3] !== channels
  ) {
    throw new ShapeMismatchError({
      functionName,
      argument: 'images',
      expectedShape: [null, height, width, channels],
      receivedShape: shape,
      fix:
        shape[0] === 0
          ? 'pass at least one image; skip empty batches before calling the method.'
          : `pass normalised images of shape [batch, ${height}, ${width}, ${channels}] (NHWC) as the model expects.`,
    });
  }
  if (images.dtype !== 'float32') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'images',
      expected: 'dtype float32',
      received: `dtype ${images.dtype}`,
      fix: "cast with tf.cast(images, 'float32').",
    });
  }
  assertFinite(images, { functionName, argument: 'images' });
}

/**
 * The finiteness check of `assertImages` on backends without synchronous read-back (WebGPU in
 * Node), where `assertImages` can only check shape and dtype. A no-op elsewhere: done already.
 */
export async function assertImagesFinite(images: tf.Tensor4D, functionName: string): Promise<void> {
  if (canReadSynchronously()) return;
  await assertFiniteDeferred(images, { functionName, argument: 'images' });
}
