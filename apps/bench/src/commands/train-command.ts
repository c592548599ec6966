import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoDeviceErrors } from '../cli/optional-backend';
import type { AugmentationOptions } from '@zerosiam/models';
import { ConfigError } from '../config/config-error';
import type { Progress } from '../cli/progress';

/** `train` flags (not config keys: training is not a grid cell). */
export const trainFlags = [
  'model',
  'epochs',
  'batch-size',
  'learning-rate',
  'warmup-steps',
  'weight-decay',
  'optimizer',
  'seed',
  'data-dir',
  'checkpoint-dir',
  'checkpoint-every',
  'out',
  'resume',
  'overwrite-checkpoint',
  'init-from',
  'backend',
  'dawn-backend',
  'threads',
  'crop-padding',
  'horizontal-flip',
  'json',
  'help',
];

const numberFlag = (flags: ReadonlyMap<string, string | true>, name: string, fallback: number): number => {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value))
    throw new ConfigError(`--${name} must be a number, but received '${String(raw)}'.`);
  return value;
};

/** `--threads=N`: wasm's experimental threads for training (a whole number ≥ 1; absent = 1 thread). */
export function trainThreads(flags: ReadonlyMap<string, string | true>): number | undefined {
  if (!flags.has('threads')) return undefined;
  const threads = numberFlag(flags, 'threads', 1);
  if (!Number.isInteger(threads) || threads < 1)
    throw new ConfigError(
      `--threads must be a whole number ≥ 1, but received '${String(flags.get('threads'))}'. Use the number of idle physical cores, e.g. --threads=2.`,
    );
  return threads;
}

/**
 * `--crop-padding=N` and `--horizontal-flip`: the trainer's augmentation (random crop from the image
 * zero-padded by N pixels; 0 turns cropping off). Absent flags keep the trainer's defaults (2, no flip).
 */
export function trainAugmentation(flags: ReadonlyMap<string, string | true>): Partial<AugmentationOptions> {
  const padding = numberFlag(flags, 'crop-padding', 2);
  if (!Number.isInteger(padding) || padding < 0)
    throw new ConfigError(
      `--crop-padding must be a whole number ≥ 0 (pixels of zero padding before the random crop; 0 turns cropping off), but received '${String(flags.get('crop-padding'))}'. Example: --crop-padding=0.`,
    );
  const flip = flags.get('horizontal-flip');
  if (flip !== undefined && flip !== true && flip !== 'true' && flip !== 'false')
    throw new ConfigError(
      `--horizontal-flip takes no value (or true/false), but received '${String(flip)}'. Write --horizontal-flip to flip half the images.`,
    );
  return {
    ...(flags.has('crop-padding') ? { cropPadding: padding } : {}),
    ...(flip !== undefined ? { horizontalFlip: flip !== 'false' } : {}),
  };
}

/**
 * Trains a zoo model on the Fashion-MNIST training split with @zerosiam/models' trainClassifier:
 * a progress bar, a checkpoint per epoch in --checkpoint-dir, exact --resume, and the final
 * weights + model card written to --out (default packages/models/weights/<model>.safetensors).
 */
export async function trainCommand(
  flags: ReadonlyMap<string, string | true>,
  context: { command: string; progress: Progress; backend: string },
) {
  const { createModel } = await import('@zerosiam/models');
  const { checkpointFiles, saveModel, trainClassifier } = await import('@zerosiam/models/node');
  const { loadFashionMnist } = await import('@zerosiam/streams/node');
  const id = String(flags.get('model') ?? 'resnet20-gn');
  const seed = numberFlag(flags, 'seed', 0);
  const epochs = numberFlag(flags, 'epochs', 10);
  const optimizer = String(flags.get('optimizer') ?? 'adam');
  if (optimizer !== 'adam' && optimizer !== 'sgd')
    throw new ConfigError(`--optimizer must be adam or sgd, but received '${optimizer}'.`);
  const augmentation = trainAugmentation(flags);
  const checkpointDirectory = String(flags.get('checkpoint-dir') ?? join('results', 'train', id));
  const checkpointState = checkpointFiles(checkpointDirectory).state;
  if (existsSync(checkpointState) && !flags.has('resume') && !flags.has('overwrite-checkpoint')) {
    // trainClassifier refuses this too; saying it in flags, before loading the data, is kinder.
    throw new ConfigError(
      `${checkpointState} already holds a checkpoint of an earlier run. Pass --resume to continue it, ` +
        '--overwrite-checkpoint to start over and replace it, or --checkpoint-dir=DIR to keep both.',
    );
  }
  const initFrom = flags.get('init-from');
  if (initFrom === true)
    throw new ConfigError(
      '--init-from needs a weights file, e.g. --init-from=packages/models/weights/resnet20-gn.safetensors',
    );
  // A warm restart (SGDR-style) continues from finished weights with a fresh schedule; the card keeps the chain.
  const init = typeof initFrom === 'string' ? await readInitialWeights(initFrom, id) : undefined;
  const dataDir = flags.get('data-dir');
  const train = await loadFashionMnist({
    split: 'train',
    ...(typeof dataDir === 'string' ? { dataDir } : {}),
  });
  const test = await loadFashionMnist({ split: 'test', ...(typeof dataDir === 'string' ? { dataDir } : {}) });
  const model =
    init?.model ??
    createModel(id, {
      inputShape: [train.shape[1], train.shape[2], train.shape[3]],
      numClasses: train.numClasses,
      seed,
      normalization: train.normalization,
    });
  const out = String(flags.get('out') ?? join('packages', 'models', 'weights', `${id}.safetensors`));
  context.progress.log(
    `training ${id} (seed ${seed}, ${epochs} epochs, ${optimizer}) on ${train.name}; checkpoints in ${checkpointDirectory}`,
  );
  context.progress.startCell(id, 1, 1);
  // Ctrl-C / SIGTERM (a scheduler's preemption): finish the current step, write the checkpoint, exit 1.
  // A second signal kills at once, losing only the steps since the last checkpoint.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(130);
    context.progress.log(
      `${signal}: stopping after this step and writing a checkpoint to ${checkpointDirectory}; continue with --resume`,
    );
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const batchSize = numberFlag(flags, 'batch-size', 128);
  let result: Awaited<ReturnType<typeof trainClassifier>>;
  try {
    result = await trainClassifier(
      model,
      { train, test },
      {
        optimizer,
        epochs,
        seed,
        batchSize,
        augmentation,
        ...(flags.has('learning-rate') ? { learningRate: numberFlag(flags, 'learning-rate', 0) } : {}),
        // ViTs need a warm-up before the cosine decay; AdamW's decoupled decay when weight-decay > 0.
        ...(flags.has('warmup-steps') ? { warmupSteps: numberFlag(flags, 'warmup-steps', 0) } : {}),
        ...(flags.has('weight-decay') ? { weightDecay: numberFlag(flags, 'weight-decay', 0) } : {}),
        checkpointDirectory,
        ...(flags.has('checkpoint-every')
          ? { checkpointEverySteps: numberFlag(flags, 'checkpoint-every', 0) }
          : {}),
        resume: flags.has('resume'),
        overwriteCheckpoint: flags.has('overwrite-checkpoint'),
        signal: stop.signal,
        onProgress: (event) => {
          // Stop at the first step the device rejected work in, before its checkpoint is written.
          if (event.type === 'step') assertNoDeviceErrors(`training step ${event.step}`);
          if (event.type === 'epoch') {
            context.progress.log(
              `epoch ${event.epoch + 1}/${event.epochs}: loss ${event.loss.toFixed(4)}, train ${(event.accuracy * 100).toFixed(2)}%` +
                (event.testAccuracy !== undefined ? `, test ${(event.testAccuracy * 100).toFixed(2)}%` : ''),
            );
          } else if (event.type === 'resume') {
            context.progress.log(`resumed at step ${event.step}/${event.totalSteps}`);
          } else {
            // The trainer's ETA counts only this run's steps; the bar's own would credit resumed steps to it.
            context.progress.update(
              event.step / Math.max(1, event.totalSteps),
              event.accuracy,
              event.etaSeconds,
            );
          }
        },
      },
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  context.progress.finishCell(
    result.completed
      ? `${id}: test accuracy ${(result.testAccuracy * 100).toFixed(2)}% after ${result.steps} steps (${result.seconds.toFixed(0)} s)`
      : `${id}: stopped at step ${result.steps}; checkpoint in ${checkpointDirectory}, continue with the same command and --resume`,
  );
  // The last steps' evaluation can still report; no weights are written after an error.
  assertNoDeviceErrors(`the training run's last steps`);
  if (result.completed) {
    await saveModel(model, out, {
      architecture: model.id,
      inputShape: model.inputShape,
      numClasses: model.numClasses,
      normalization: train.normalization,
      ...(train.classNames ? { classNames: train.classNames } : {}),
      trainingData: `${train.name} (${train.labels.length} images)`,
      // With --init-from, the whole chain: the earlier run's command, then this one.
      command: init?.card.command ? `${init.card.command} && ${context.command}` : context.command,
      seed,
      cleanTestAccuracy: result.testAccuracy,
      date: new Date().toISOString().slice(0, 10),
      format: 'safetensors',
      extra: {
        epochs: result.epochs,
        // Every setting the run used, defaults filled in by the trainer, so the card stands alone.
        settings: result.settings,
        steps: result.steps,
        trainSeconds: Math.round(result.seconds),
        backend: context.backend,
        ...(init ? { initializedFrom: init.provenance } : {}),
      },
    });
    context.progress.log(`wrote ${out} and its model card`);
  }
  model.dispose();
  return {
    model: id,
    seed,
    testAccuracy: result.testAccuracy,
    steps: result.steps,
    completed: result.completed,
    out,
  };
}

/** Loads --init-from weights for a warm restart and records where they came from. */
async function readInitialWeights(path: string, id: string) {
  const { loadModel, readModelCard, cardPathFor } = await import('@zerosiam/models/node');
  if (!existsSync(path))
    throw new ConfigError(
      `--init-from=${path}: no such file. Pass a .safetensors file that has a model card beside it.`,
    );
  if (!existsSync(cardPathFor(path)))
    throw new ConfigError(
      `--init-from=${path} has no model card (${cardPathFor(path)}); the new card must name where its weights came from. Save the weights with saveModel or pass shipped weights.`,
    );
  const card = await readModelCard(path);
  if (card.architecture !== id)
    throw new ConfigError(
      `--init-from=${path} holds a '${card.architecture}' model, but --model is '${id}'. Pass weights of the same architecture.`,
    );
  const model = await loadModel(path);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  const { epochs: _epochs, ...extra } = card.extra ?? {};
  return {
    model,
    card,
    provenance: {
      path,
      sha256,
      command: card.command,
      cleanTestAccuracy: card.cleanTestAccuracy,
      seed: card.seed,
      date: card.date,
      extra,
    },
  };
}
