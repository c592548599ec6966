import * as tf from '@tensorflow/tfjs-core';
import type { LabeledImageSet } from '@zerosiam/core';
import { readAndDispose, SeededRng } from '@zerosiam/core';
import { TIMEOUTS, useBackend } from '@zerosiam/testing';
import { describe, expect, it } from 'vitest';
import { createModel } from '../zoo/model-registry';
import { evaluateClassifier } from './evaluate-classifier';
import { makeBatch } from './make-batch';

/** 23 random 8×8×1 images with random labels of 4 classes (23 is prime: no chunk size divides it). */
function randomSet(): LabeledImageSet {
  const rng = new SeededRng(5);
  const images = Float32Array.from({ length: 23 * 64 }, () => rng.uniform());
  const labels = Int32Array.from({ length: 23 }, () => rng.integer(0, 4));
  return {
    name: 'random',
    images,
    shape: [23, 8, 8, 1],
    labels,
    numClasses: 4,
    normalization: { mean: [0.5], std: [0.29] },
  };
}

describe.each(['cpu', 'wasm'] as const)('evaluateClassifier on %s', (backend) => {
  it(
    'equals the accuracy of one whole-set forward pass for any chunk size, and leaks nothing',
    async () => {
      await useBackend(backend);
      const set = randomSet();
      const model = createModel('resnet20-gn', { inputShape: [8, 8, 1], numClasses: 4, seed: 3 });
      const all = makeBatch(
        set,
        Array.from({ length: 23 }, (_, i) => i),
        undefined,
        undefined,
      );
      const predictions = await readAndDispose<'int32'>(
        tf.tidy(() => tf.argMax(model.forward(tf.tensor4d(all.images, [23, 8, 8, 1])), 1)),
      );
      const expected = predictions.filter((p, i) => p === set.labels[i]).length / 23;
      expect(expected).toBeGreaterThan(0); // a seed that gets some right, so a miscount shows
      const before = tf.memory().numTensors;
      for (const chunk of [1, 5, 23, 250]) {
        expect(await evaluateClassifier(model, set, chunk), `chunk ${chunk}`).toBeCloseTo(expected, 12);
      }
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    },
    TIMEOUTS.gradientSuite,
  );
});
