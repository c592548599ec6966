import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { MissingDataError } from '@zerosiam/core';
import { TIMEOUTS, useBackend } from '@zerosiam/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedModel, readModelCard, shippedWeightsDirectory } from './model-files';

describe('shipped weights', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  }, TIMEOUTS.backendSetup);

  it('every shipped file loads into its architecture and its card is complete', async () => {
    const directory = shippedWeightsDirectory();
    expect(existsSync(join(directory, 'resnet20-gn.safetensors'))).toBe(true);
    for (const id of ['resnet20-gn', 'resnet20-bn', 'vit-tiny', 'convnext-nano']) {
      const path = join(directory, `${id}.safetensors`);
      if (!existsSync(path)) continue;
      const card = await readModelCard(path);
      expect(card.architecture).toBe(id);
      // Shipped weights come from the project's own train command, for this very model.
      expect(card.command).toMatch(new RegExp(`^pnpm bench train .*--model=${id}( |$)`));
      expect(card.cleanTestAccuracy).toBeGreaterThan(0.5);
      const model = await loadShippedModel(id);
      expect(model.normalization).toEqual(card.normalization);
      const logits = model.forward(tf.zeros([1, ...card.inputShape]) as tf.Tensor4D);
      expect(logits.shape).toEqual([1, card.numClasses]);
      logits.dispose();
      model.dispose();
    }
  });

  it('an unknown id fails with MissingDataError naming the path', async () => {
    await expect(loadShippedModel('resnet56-gn')).rejects.toThrow(MissingDataError);
    await expect(loadShippedModel('resnet56-gn')).rejects.toThrow(/resnet56-gn\.safetensors/);
  });
});
