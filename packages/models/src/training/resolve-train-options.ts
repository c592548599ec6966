import type { AdaptableModel, LabeledImageSet } from '@zerosiam/core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import type { AugmentationOptions } from './make-batch';
import type { TrainClassifierOptions } from './train-classifier';

/** `trainClassifier`'s options with every default filled in: what a run used, and what a model card records. */
export interface ResolvedTrainSettings {
  readonly optimizer: 'adam' | 'sgd';
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly warmupSteps: number;
  readonly seed: number;
  /** `false` when augmentation is off. */
  readonly augmentation: AugmentationOptions | false;
}

/** The typed error of every bad `trainClassifier` argument. */
export function failTrainArgument(argument: string, expected: string, value: unknown): never {
  throw new InvalidArgumentError({
    functionName: 'trainClassifier',
    argument,
    expected,
    received: describeValue(value),
  });
}

/** Checks the data sets against the model and the options, and fills in the defaults. */
export function resolveTrainOptions(
  model: AdaptableModel,
  data: { readonly train: LabeledImageSet; readonly test: LabeledImageSet },
  options: TrainClassifierOptions,
): ResolvedTrainSettings {
  const { train, test } = data;
  for (const [argument, set] of [
    ['data.train', train],
    ['data.test', test],
  ] as const) {
    if (!set || !(set.images instanceof Float32Array) || set.shape?.length !== 4)
      failTrainArgument(argument, 'a LabeledImageSet', set);
    const [, h, w, c] = set.shape;
    if (h !== model.inputShape[0] || w !== model.inputShape[1] || c !== model.inputShape[2]) {
      failTrainArgument(
        argument,
        `images of shape [*, ${model.inputShape.join(', ')}] (the model's inputShape)`,
        `[${set.shape.join(', ')}]`,
      );
    }
    if (set.numClasses !== model.numClasses)
      failTrainArgument(argument, `${model.numClasses} classes`, set.numClasses);
  }
  const optimizer = options.optimizer ?? 'adam';
  if (optimizer !== 'adam' && optimizer !== 'sgd')
    failTrainArgument('options.optimizer', "'adam' or 'sgd'", optimizer);
  const learningRate = options.learningRate ?? (optimizer === 'adam' ? 2e-3 : 0.1);
  const weightDecay = options.weightDecay ?? (optimizer === 'sgd' ? 5e-4 : 0);
  const epochs = options.epochs ?? 10;
  const batchSize = options.batchSize ?? 128;
  if (!(learningRate > 0)) failTrainArgument('options.learningRate', 'a positive number', learningRate);
  if (!Number.isInteger(epochs) || epochs < 1) failTrainArgument('options.epochs', 'an integer ≥ 1', epochs);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > train.labels.length) {
    failTrainArgument('options.batchSize', `an integer in [1, ${train.labels.length}]`, batchSize);
  }
  const warmupSteps = options.warmupSteps ?? 0;
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0)
    failTrainArgument('options.warmupSteps', 'an integer ≥ 0', warmupSteps);
  if (!(weightDecay >= 0) || !Number.isFinite(weightDecay))
    failTrainArgument('options.weightDecay', 'a finite number ≥ 0', weightDecay);
  if (options.resume && !options.checkpointDirectory)
    failTrainArgument('options.checkpointDirectory', 'a directory when resume is true', undefined);
  return {
    optimizer,
    learningRate,
    weightDecay,
    epochs,
    batchSize,
    warmupSteps,
    seed: options.seed ?? 0,
    augmentation:
      options.augmentation === false
        ? false
        : {
            cropPadding: options.augmentation?.cropPadding ?? 2,
            horizontalFlip: options.augmentation?.horizontalFlip ?? false,
          },
  };
}
