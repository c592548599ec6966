import * as tf from '@tensorflow/tfjs-core';
import type { LabeledImageSet } from '@zerosiam/core';
import { evaluateClassifier } from '@zerosiam/models';
import { loadShippedModel, readModelCard, shippedWeightsDirectory } from '@zerosiam/models/node';
import { loadFashionMnist } from '@zerosiam/streams/node';
import { useBackend } from '@zerosiam/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Evaluating 10k images through ResNet-20 takes tens of seconds on wasm; the cpu check uses a subset.
const FULL_SET_TIMEOUT = 300_000;
const CPU_SUBSET = 120;

function firstImages(set: LabeledImageSet, count: number): LabeledImageSet {
  const [, h, w, c] = set.shape;
  return {
    ...set,
    name: `${set.name}[:${count}]`,
    images: set.images.subarray(0, count * h * w * c),
    labels: set.labels.subarray(0, count),
    shape: [count, h, w, c],
  };
}

const shipped = ['resnet20-gn', 'resnet20-bn', 'vit-tiny', 'convnext-nano'].filter((id) =>
  existsSync(join(shippedWeightsDirectory(), `${id}.safetensors`)),
);

describe.each(shipped)('shipped model %s reproduces its card', (id) => {
  it(
    'wasm: clean Fashion-MNIST test accuracy within ±0.1% of the card; cpu agrees with wasm on a subset',
    async () => {
      const card = await readModelCard(join(shippedWeightsDirectory(), `${id}.safetensors`));
      const test = await loadFashionMnist({ split: 'test' });
      const subset = firstImages(test, CPU_SUBSET);

      await useBackend('wasm');
      const onWasm = await loadShippedModel(id);
      const accuracy = await evaluateClassifier(onWasm, test);
      expect(Math.abs(accuracy - card.cleanTestAccuracy)).toBeLessThanOrEqual(0.001);
      const wasmLogits = subsetLogits(onWasm, subset);
      const wasmSubsetAccuracy = await evaluateClassifier(onWasm, subset);
      onWasm.dispose();

      await useBackend('cpu');
      const onCpu = await loadShippedModel(id);
      const cpuLogits = subsetLogits(onCpu, subset);
      expect(await evaluateClassifier(onCpu, subset)).toBe(wasmSubsetAccuracy);
      onCpu.dispose();
      const scale = Math.max(...Array.from(wasmLogits, Math.abs));
      for (let i = 0; i < cpuLogits.length; i++) {
        expect(Math.abs(cpuLogits[i]! - wasmLogits[i]!)).toBeLessThanOrEqual(1e-4 * scale);
      }
    },
    FULL_SET_TIMEOUT,
  );
});

/** Logits of the model on `set`, normalised with the set's statistics (as evaluateClassifier does). */
function subsetLogits(model: { forward(x: tf.Tensor4D): tf.Tensor2D }, set: LabeledImageSet): Float32Array {
  return tf.tidy(() => {
    const { mean, std } = set.normalization;
    const x = tf.div(
      tf.sub(tf.tensor4d(set.images, [...set.shape]), tf.tensor1d([...mean])),
      tf.tensor1d([...std]),
    );
    return Float32Array.from(model.forward(x as tf.Tensor4D).dataSync());
  });
}
