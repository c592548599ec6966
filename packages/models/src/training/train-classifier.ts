import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, LabeledImageSet, Optimizer } from '@zerosiam/core';
import { createAdam, createSgd, InvalidArgumentError, SeededRng } from '@zerosiam/core';
import { decodeSafetensors, encodeSafetensors } from '../weights/safetensors';
import { evaluateClassifier } from './evaluate-classifier';
import { cosineLearningRate } from './learning-rate-schedule';
import type { AugmentationOptions } from './make-batch';
import { makeBatch } from './make-batch';
import { failTrainArgument, type ResolvedTrainSettings, resolveTrainOptions } from './resolve-train-options';

export interface TrainClassifierOptions {
  /** `adam` (default; PyTorch Adam, or AdamW when weightDecay > 0) or `sgd` (momentum 0.9, nesterov). */
  readonly optimizer?: 'adam' | 'sgd';
  /** Peak learning rate; default 2e-3 for Adam, 0.1 for SGD. */
  readonly learningRate?: number;
  /** Decoupled (AdamW) or L2 (SGD) weight decay; default 5e-4 for SGD, 0 for Adam. */
  readonly weightDecay?: number;
  /** Default 10. */
  readonly epochs?: number;
  /** Default 128. The last incomplete batch of each epoch is dropped. */
  readonly batchSize?: number;
  /** Linear warm-up steps before the cosine decay; default 0. */
  readonly warmupSteps?: number;
  /** Default 0; drives init-independent randomness: epoch order and augmentation. */
  readonly seed?: number;
  /** Default { cropPadding: 2, horizontalFlip: false }. */
  readonly augmentation?: Partial<AugmentationOptions> | false;
  /** Evaluate on the test set after every epoch (default true). */
  readonly evaluateEachEpoch?: boolean;
  /** Writes `checkpoint.safetensors` + `checkpoint.json` here (model, optimiser state, progress). */
  readonly checkpointDirectory?: string;
  /** Checkpoint every N steps (default: at the end of every epoch only). */
  readonly checkpointEverySteps?: number;
  /** Continue from the checkpoint in `checkpointDirectory` when one exists (exactly: same order, augmentation, lr). */
  readonly resume?: boolean;
  /**
   * Start over although `checkpointDirectory` holds a checkpoint, replacing it at the first write.
   * Without it (or `resume`), an existing checkpoint is an error: hours of training are never lost by accident.
   */
  readonly overwriteCheckpoint?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: TrainProgressEvent) => void;
}

export interface TrainProgressEvent {
  readonly type: 'step' | 'epoch' | 'checkpoint' | 'resume';
  readonly epoch: number; // 0-based
  readonly epochs: number;
  readonly step: number; // global steps done
  readonly totalSteps: number;
  /** Mean training loss over the current epoch so far. */
  readonly loss: number;
  /** Training accuracy over the current epoch so far. */
  readonly accuracy: number;
  readonly learningRate: number;
  readonly imagesPerSecond: number;
  readonly elapsedSeconds: number;
  readonly etaSeconds: number;
  /** Set on `epoch` events when evaluated. */
  readonly testAccuracy?: number;
}

export interface EpochRecord {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number | undefined;
  readonly seconds: number;
}

export interface TrainClassifierResult {
  /** The settings the run used, defaults filled in (for model cards). */
  readonly settings: ResolvedTrainSettings;
  readonly epochs: readonly EpochRecord[];
  /** Test accuracy after the last epoch (running BN statistics). */
  readonly testAccuracy: number;
  readonly steps: number;
  /** False when stopped by the AbortSignal. */
  readonly completed: boolean;
  readonly seconds: number;
}

/** The two files of a training checkpoint in `directory`: weights + optimiser state, and progress. */
export function checkpointFiles(directory: string): { readonly weights: string; readonly state: string } {
  return { weights: join(directory, 'checkpoint.safetensors'), state: join(directory, 'checkpoint.json') };
}

interface TrainableModel extends AdaptableModel {
  setTraining?(training: boolean): void;
  trainableParameters?(): import('@tensorflow/tfjs-core').Variable[];
}

interface CheckpointState {
  readonly version: 1;
  readonly step: number;
  readonly epochs: EpochRecord[];
  readonly epochLoss: number;
  readonly epochCorrect: number;
  readonly epochSeen: number;
  readonly optimizerSteps: Record<string, number>;
  readonly fingerprint: string;
  readonly elapsedSeconds: number;
}

/**
 * Supervised source training: cross-entropy, Adam/SGD over every trainable variable, cosine schedule
 * with optional warm-up, light augmentation, per-epoch evaluation, checkpoints and exact resume.
 * Runs on whatever tfjs backend is active (use `wasmBackend` from @zerosiam/backend-wasm); zoo
 * models use closed-form conv/dense/norm gradients built from forward ops, so no cpu-fallback kernel runs.
 * Every read-back is awaited, so it also trains on WebGPU in Node.
 */
export async function trainClassifier(
  model: TrainableModel,
  data: { readonly train: LabeledImageSet; readonly test: LabeledImageSet },
  options: TrainClassifierOptions = {},
): Promise<TrainClassifierResult> {
  const { train, test } = data;
  const settings = resolveTrainOptions(model, data, options);
  const {
    optimizer: optimizerKind,
    learningRate,
    weightDecay,
    epochs,
    batchSize,
    warmupSteps,
    seed,
  } = settings;
  const augmentation = settings.augmentation === false ? undefined : settings.augmentation;

  // A model a TTA method configured skips frozen weight gradients: training needs all of them back.
  model.restrictGradients?.(undefined);
  const variables =
    model.trainableParameters?.() ?? [...model.namedParameters().values()].filter((v) => v.trainable);
  const nameOf = new Map<string, string>(); // tfjs variable name → stable name
  for (const [name, variable] of model.namedParameters()) nameOf.set(variable.name, name);
  const optimizer: Optimizer =
    optimizerKind === 'adam'
      ? createAdam([{ name: 'all', variables, learningRate, weightDecay }], {
          decoupledWeightDecay: true,
        })
      : createSgd([{ name: 'all', variables, learningRate, weightDecay }], {
          momentum: 0.9,
          nesterov: true,
        });
  const group = optimizer.groups[0]!;

  const stepsPerEpoch = Math.floor(train.labels.length / batchSize);
  const totalSteps = stepsPerEpoch * epochs;
  const fingerprint = JSON.stringify({
    model: model.id,
    optimizerKind,
    learningRate,
    weightDecay,
    epochs,
    batchSize,
    warmupSteps,
    seed,
    augmentation,
    n: train.labels.length,
  });
  const [, h, w, c] = train.shape;
  const baseRng = new SeededRng(seed);

  let step = 0;
  const history: EpochRecord[] = [];
  let epochLoss = 0;
  let epochCorrect = 0;
  let epochSeen = 0;
  let elapsedBefore = 0;

  const checkpointPaths = options.checkpointDirectory
    ? checkpointFiles(options.checkpointDirectory)
    : undefined;
  if (
    checkpointPaths &&
    !options.resume &&
    !options.overwriteCheckpoint &&
    existsSync(checkpointPaths.state)
  ) {
    failTrainArgument(
      'options.resume',
      `true to continue the checkpoint already in ${options.checkpointDirectory}, or overwriteCheckpoint: true to start over and replace it`,
      options.resume,
    );
  }

  if (options.resume && checkpointPaths && existsSync(checkpointPaths.state)) {
    const state = JSON.parse(await readFile(checkpointPaths.state, 'utf8')) as CheckpointState;
    if (state.fingerprint !== fingerprint) {
      failTrainArgument(
        'options',
        `the options the checkpoint was written with (${state.fingerprint})`,
        fingerprint,
      );
    }
    const contents = decodeSafetensors(
      new Uint8Array(await readFile(checkpointPaths.weights)),
      checkpointPaths.weights,
    );
    const named = model.namedParameters();
    const buffers = new Map<string, tf.Tensor[]>();
    const steps = new Map<string, number>();
    for (const [name, variable] of named) {
      const entry = contents.tensors.get(`model.${name}`);
      if (!entry) failTrainArgument('checkpoint', `a tensor 'model.${name}'`, undefined);
      variable.assign(tf.tensor(entry.data, [...entry.shape], 'float32'));
      const slots: tf.Tensor[] = [];
      for (let i = 0; contents.tensors.has(`optimizer.${name}.${i}`); i++) {
        const slot = contents.tensors.get(`optimizer.${name}.${i}`)!;
        slots.push(tf.tensor(slot.data, [...slot.shape], 'float32'));
      }
      if (slots.length > 0) buffers.set(variable.name, slots);
      const count = state.optimizerSteps[name];
      if (count !== undefined) steps.set(variable.name, count);
    }
    optimizer.restore({ buffers, steps, dispose: () => {} });
    for (const slots of buffers.values()) for (const t of slots) t.dispose();
    step = state.step;
    history.push(...state.epochs);
    epochLoss = state.epochLoss;
    epochCorrect = state.epochCorrect;
    epochSeen = state.epochSeen;
    elapsedBefore = state.elapsedSeconds;
  }

  const started = performance.now();
  const elapsed = () => elapsedBefore + (performance.now() - started) / 1000;
  let stepsThisRun = 0;
  let lastEvent = {
    loss: 0,
    accuracy: 0,
    learningRate: 0,
  };
  const progress = (type: TrainProgressEvent['type'], extra: Partial<TrainProgressEvent> = {}) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = stepsThisRun > 0 ? (stepsThisRun * batchSize) / seconds : 0;
    options.onProgress?.({
      type,
      epoch: Math.min(epochs - 1, Math.floor(step / stepsPerEpoch)),
      epochs,
      step,
      totalSteps,
      ...lastEvent,
      imagesPerSecond: rate,
      elapsedSeconds: elapsed(),
      etaSeconds: rate > 0 ? ((totalSteps - step) * batchSize) / rate : Number.NaN,
      ...extra,
    });
  };

  const writeCheckpoint = async () => {
    if (!checkpointPaths || !options.checkpointDirectory) return;
    await mkdir(options.checkpointDirectory, { recursive: true });
    const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
    const snapshot = optimizer.snapshot();
    const optimizerSteps: Record<string, number> = {};
    try {
      for (const [name, variable] of model.namedParameters()) {
        // Awaited reads: WebGPU in Node cannot read back synchronously.
        tensors.set(`model.${name}`, {
          shape: [...variable.shape],
          data: new Float32Array((await variable.data()) as Float32Array),
        });
        const slots = snapshot.buffers.get(variable.name) ?? [];
        for (const [i, t] of slots.entries()) {
          tensors.set(`optimizer.${name}.${i}`, {
            shape: [...t.shape],
            data: new Float32Array((await t.data()) as Float32Array),
          });
        }
        const count = snapshot.steps.get(variable.name);
        if (count !== undefined) optimizerSteps[name] = count;
      }
    } finally {
      snapshot.dispose();
    }
    const state: CheckpointState = {
      version: 1,
      step,
      epochs: history,
      epochLoss,
      epochCorrect,
      epochSeen,
      optimizerSteps,
      fingerprint,
      elapsedSeconds: elapsed(),
    };
    // Write to temporary names and rename, so an interrupted write never leaves a half checkpoint.
    await writeFile(
      `${checkpointPaths.weights}.tmp`,
      encodeSafetensors(tensors, { kind: 'zerosiam-train-checkpoint' }),
    );
    await writeFile(`${checkpointPaths.state}.tmp`, JSON.stringify(state));
    await rename(`${checkpointPaths.weights}.tmp`, checkpointPaths.weights);
    await rename(`${checkpointPaths.state}.tmp`, checkpointPaths.state);
    progress('checkpoint');
  };

  if (step > 0) progress('resume');
  const savedNormMode = model.normMode;
  let completed = true;
  let epochStarted = performance.now();
  try {
    while (step < totalSteps) {
      if (options.signal?.aborted) {
        completed = false;
        await writeCheckpoint();
        break;
      }
      const epoch = Math.floor(step / stepsPerEpoch);
      const batchIndex = step % stepsPerEpoch;
      // Order and augmentation depend only on (seed, epoch, batch), so a resumed run replays them exactly.
      const order = baseRng.fork(`epoch-${epoch}`).permutation(train.labels.length);
      const indices = order.subarray(batchIndex * batchSize, (batchIndex + 1) * batchSize);
      const batch = makeBatch(train, indices, augmentation, baseRng.fork(`augment-${epoch}-${batchIndex}`));
      group.learningRate = cosineLearningRate(learningRate, step, totalSteps, warmupSteps);

      model.setNormMode('batch');
      model.setTraining?.(true);
      const images = tf.tensor4d(batch.images, [indices.length, h, w, c]);
      const labels = tf.tensor1d(batch.labels, 'int32');
      let correct: tf.Tensor | undefined;
      const { value, grads } = tf.tidy(() => {
        const oneHot = tf.oneHot(labels, model.numClasses);
        return tf.variableGrads(() => {
          const logits = model.forward(images);
          // Kept out of variableGrads' scope; the tape ignores it (argMax has no gradient path).
          correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'int32')));
          return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
        }, variables);
      });
      model.setTraining?.(false);
      optimizer.step(grads);
      const [lossValue, correctValue] = [(await value.data())[0]!, (await correct!.data())[0]!];
      tf.dispose([images, labels, value, correct!]);
      for (const g of Object.values(grads)) g.dispose();
      if (!Number.isFinite(lossValue)) {
        throw new InvalidArgumentError({
          functionName: 'trainClassifier',
          argument: 'options.learningRate',
          expected: 'a rate that keeps the loss finite',
          received: `${learningRate} (loss became ${lossValue} at step ${step})`,
          fix: 'lower the learning rate or add warm-up steps.',
        });
      }
      step++;
      stepsThisRun++;
      epochLoss += lossValue * indices.length;
      epochCorrect += correctValue;
      epochSeen += indices.length;
      lastEvent = {
        loss: epochLoss / epochSeen,
        accuracy: epochCorrect / epochSeen,
        learningRate: group.learningRate,
      };
      progress('step');

      const endOfEpoch = step % stepsPerEpoch === 0;
      if (endOfEpoch) {
        model.setNormMode('running');
        const testAccuracy =
          options.evaluateEachEpoch === false && step < totalSteps
            ? undefined
            : await evaluateClassifier(model, test);
        model.setNormMode('batch');
        history.push({
          epoch,
          trainLoss: epochLoss / epochSeen,
          trainAccuracy: epochCorrect / epochSeen,
          testAccuracy,
          seconds: (performance.now() - epochStarted) / 1000,
        });
        epochStarted = performance.now();
        progress('epoch', { epoch, testAccuracy });
        epochLoss = 0;
        epochCorrect = 0;
        epochSeen = 0;
      }
      if (endOfEpoch || (options.checkpointEverySteps && step % options.checkpointEverySteps === 0))
        await writeCheckpoint();
    }
  } finally {
    model.setTraining?.(false);
    model.setNormMode(model.hasBatchNorm ? 'running' : savedNormMode);
    optimizer.dispose();
  }
  const last = history[history.length - 1];
  return {
    settings,
    epochs: history,
    testAccuracy: last?.testAccuracy ?? Number.NaN,
    steps: step,
    completed,
    seconds: elapsed(),
  };
}
