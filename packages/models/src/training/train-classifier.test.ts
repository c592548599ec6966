import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, SeededRng } from '@zerosiam/core';
import type { LabeledImageSet } from '@zerosiam/core';
import { TIMEOUTS, expectClose, useBackend } from '@zerosiam/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../zoo/model-registry';
import { cosineLearningRate } from './learning-rate-schedule';
import { checkpointFiles, trainClassifier } from './train-classifier';
import type { TrainProgressEvent } from './train-classifier';

/** 12 random 8×8×1 images of 3 classes whose label is readable from the mean brightness. */
function toySet(seed: number): LabeledImageSet {
  const rng = new SeededRng(seed);
  const count = 12;
  const images = new Float32Array(count * 64);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 3;
    for (let p = 0; p < 64; p++)
      images[i * 64 + p] = Math.min(1, Math.max(0, 0.2 + 0.3 * (i % 3) + rng.normal(0, 0.1)));
  }
  return {
    name: `toy/${seed}`,
    images,
    shape: [count, 8, 8, 1],
    labels,
    numClasses: 3,
    normalization: { mean: [0.5], std: [0.3] },
  };
}

describe('trainClassifier', () => {
  const directory = mkdtempSync(join(tmpdir(), 'zerosiam-train-'));
  beforeAll(async () => {
    await useBackend('wasm');
  }, TIMEOUTS.backendSetup);
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const data = { train: toySet(1), test: toySet(2) };
  const options = {
    epochs: 2,
    batchSize: 4,
    seed: 7,
    learningRate: 3e-3,
    augmentation: { cropPadding: 1, horizontalFlip: true },
  };

  it('cosine schedule with warm-up', () => {
    expect(cosineLearningRate(1, 0, 10, 2)).toBeCloseTo(0.5);
    expect(cosineLearningRate(1, 2, 10, 2)).toBeCloseTo(1);
    expect(cosineLearningRate(1, 6, 10, 2)).toBeCloseTo(0.5);
    expect(cosineLearningRate(1, 10, 10, 2)).toBeCloseTo(0);
  });

  it(
    'trains, reports progress, and an aborted run resumed from its checkpoint ends with identical weights',
    async () => {
      const full = createModel('resnet20-bn', { inputShape: [8, 8, 1], numClasses: 3, seed: 1 });
      const events: TrainProgressEvent[] = [];
      const result = await trainClassifier(full, data, { ...options, onProgress: (e) => events.push(e) });
      expect(result.steps).toBe(6);
      expect(result.completed).toBe(true);
      expect(result.epochs).toHaveLength(2);
      // The settings it used, with the defaults it filled in (model cards record these).
      expect(result.settings).toEqual({
        optimizer: 'adam',
        learningRate: 3e-3,
        weightDecay: 0,
        epochs: 2,
        batchSize: 4,
        warmupSteps: 0,
        seed: 7,
        augmentation: { cropPadding: 1, horizontalFlip: true },
      });
      expect(events.filter((e) => e.type === 'epoch').map((e) => e.testAccuracy)).toHaveLength(2);
      expect(events.at(-1)?.etaSeconds).toBe(0);
      expect(full.normMode).toBe('running');

      const resumed = createModel('resnet20-bn', { inputShape: [8, 8, 1], numClasses: 3, seed: 1 });
      const controller = new AbortController();
      const checkpointDirectory = join(directory, 'run');
      const first = await trainClassifier(resumed, data, {
        ...options,
        checkpointDirectory,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.type === 'step' && e.step === 2) controller.abort();
        },
      });
      expect(first.completed).toBe(false);
      expect(first.steps).toBe(2);
      const second = await trainClassifier(resumed, data, { ...options, checkpointDirectory, resume: true });
      expect(second.completed).toBe(true);
      for (const [name, variable] of full.namedParameters()) {
        expectClose(resumed.namedParameters().get(name) as tf.Variable, variable, {
          atol: 1e-6,
          rtol: 1e-5,
          label: name,
        });
      }
      await expect(
        trainClassifier(resumed, data, { ...options, epochs: 3, checkpointDirectory, resume: true }),
      ).rejects.toThrow(InvalidArgumentError);
      // Starting over on top of a checkpoint needs saying so; the refused call leaves the checkpoint as it was.
      const state = readFileSync(checkpointFiles(checkpointDirectory).state, 'utf8');
      await expect(trainClassifier(resumed, data, { ...options, checkpointDirectory })).rejects.toThrow(
        /options\.resume.*overwriteCheckpoint: true/,
      );
      expect(readFileSync(checkpointFiles(checkpointDirectory).state, 'utf8')).toBe(state);
      const restarted = await trainClassifier(resumed, data, {
        ...options,
        checkpointDirectory,
        overwriteCheckpoint: true,
      });
      expect(restarted.completed).toBe(true);
      expect(readFileSync(checkpointFiles(checkpointDirectory).state, 'utf8')).not.toBe(state);
      full.dispose();
      resumed.dispose();
    },
    TIMEOUTS.gradientSuite,
  );

  it('rejects data that does not fit the model', async () => {
    const model = createModel('resnet20-gn', { numClasses: 3 });
    await expect(trainClassifier(model, data)).rejects.toThrow(/inputShape/);
    model.dispose();
  });

  it('rejects a warm-up that is not a whole number of steps and a negative or non-finite weight decay', async () => {
    const model = createModel('resnet20-gn', { inputShape: [8, 8, 1], numClasses: 3 });
    for (const [options, pattern] of [
      [{ warmupSteps: -1 }, /options\.warmupSteps.*an integer ≥ 0.*-1/],
      [{ warmupSteps: 2.5 }, /options\.warmupSteps.*2\.5/],
      [{ weightDecay: -0.1 }, /options\.weightDecay.*a finite number ≥ 0/],
      [{ weightDecay: Number.NaN }, /options\.weightDecay.*NaN/],
    ] as const) {
      await expect(trainClassifier(model, data, { batchSize: 4, ...options })).rejects.toThrow(pattern);
    }
    model.dispose();
  });
});
