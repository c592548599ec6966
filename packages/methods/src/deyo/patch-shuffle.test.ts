import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@zerosiam/core';
import { describeForBackends, expectClose } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { patchShuffle } from './patch-shuffle';

describeForBackends(['cpu', 'wasm'], 'patchShuffle', () => {
  it('batch_size=1: the identity permutation is a no-op; output patch j is input patch π(j)', () => {
    const image = tf.reshape(tf.range(0, 8 * 8, 1, 'float32'), [1, 8, 8, 1]) as tf.Tensor4D;
    const identity = patchShuffle(image, [Array.from({ length: 16 }, (_, i) => i)]);
    expectClose(identity, image, { atol: 0, rtol: 0 });
    const reversed = Array.from({ length: 16 }, (_, i) => 15 - i);
    const shuffled = patchShuffle(image, [reversed]);
    const values = shuffled.dataSync();
    // Output patch 0 (rows 0-1, columns 0-1) is input patch 15 (rows 6-7, columns 6-7): pixel (6,6) = 54.
    expect(values[0]).toBe(54);
    expect(values[1]).toBe(55);
    expect(values[8]).toBe(62);
    tf.dispose([image, identity, shuffled]);
  });

  it('batch_size>1: each sample gets its own permutation; bad permutations are rejected', () => {
    const images = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const swap = Array.from({ length: 16 }, (_, i) => i);
    [swap[0], swap[1]] = [1, 0];
    const out = patchShuffle(images, [Array.from({ length: 16 }, (_, i) => i), swap]);
    const first = tf.slice(out, [0, 0, 0, 0], [1, -1, -1, -1]);
    const original = tf.slice(images, [0, 0, 0, 0], [1, -1, -1, -1]);
    expectClose(first, original, { atol: 0, rtol: 0 });
    expect(() => patchShuffle(images, [swap])).toThrow(InvalidArgumentError);
    tf.dispose([images, out, first, original]);
  });
});
