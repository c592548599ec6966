import type * as tf from '@tensorflow/tfjs-core';
import { readPredictorDeviation } from '@zerosiam/asymmetric';
import type { AdaptableModel, Optimizer, OptimizerSnapshot, StepResult, TtaMethod } from '@zerosiam/core';
import { assertImages, assertImagesFinite } from './assert-images';

/** What a method's `forwardAndAdapt` reports for one batch. */
export interface StepOutcome {
  /** Prediction logits of the first forward pass, before the update ([batch, classes]); the shell disposes it. */
  readonly predictionLogits: tf.Tensor2D;
  readonly selected: number;
  readonly losses: Readonly<Record<string, number>>;
  readonly forwardPasses: number;
  readonly backwardPasses: number;
  readonly didReset?: boolean;
}

export interface MethodDefinition<Options> {
  readonly id: string;
  readonly options: Readonly<Options>;
  readonly model: AdaptableModel;
  /** Absent for methods without gradients (source, norm). */
  readonly optimizer?: Optimizer;
  readonly forwardAndAdapt: (images: tf.Tensor4D) => StepOutcome | Promise<StepOutcome>;
  /** Resets the method's own state (EMA, counters, RNG) to its creation value. */
  readonly resetState?: () => void;
  /** Disposes the method's own tensors (not the model's). */
  readonly disposeState?: () => void;
}

/**
 * The part every method shares, kept out of the methods themselves: input checks before any
 * parameter changes, predictions and diagnostics from the pre-update logits, and an exact
 * `reset()` (model parameters, optimiser state and method state as at creation).
 */
export function defineMethod<Options>(definition: MethodDefinition<Options>): TtaMethod<Options> {
  const { model, optimizer } = definition;
  // Taken after configureModel/collectParams, so reset() returns exactly to the configured start.
  const initialModel = model.snapshot();
  const initialOptimizer: OptimizerSnapshot | undefined = optimizer?.snapshot();

  // Reads are awaited (`data()`), never synchronous, so every backend can run a step.
  const toResult = async (
    logits: tf.Tensor2D,
    diagnostics: Omit<StepResult['diagnostics'], 'logitNorm' | 'predictorDeviation'>,
  ): Promise<StepResult> => {
    const [batchSize, numClasses] = logits.shape;
    const values = (await logits.data()) as Float32Array;
    const predictions = new Int32Array(batchSize);
    let normSum = 0;
    for (let b = 0; b < batchSize; b++) {
      let best = 0;
      let squares = 0;
      for (let c = 0; c < numClasses; c++) {
        const v = values[b * numClasses + c]!;
        squares += v * v;
        if (v > values[b * numClasses + best]!) best = c;
      }
      predictions[b] = best;
      normSum += Math.sqrt(squares);
    }
    const deviation = await readPredictorDeviation(model);
    return {
      batchSize,
      numClasses,
      predictions,
      logits: Float32Array.from(values),
      diagnostics: {
        ...diagnostics,
        logitNorm: normSum / batchSize,
        ...(deviation === undefined ? {} : { predictorDeviation: deviation }),
      },
    };
  };

  return {
    specificationVersion: 'v1',
    id: definition.id,
    options: definition.options,
    model,
    async adapt(images: tf.Tensor4D): Promise<StepResult> {
      assertImages(images, model, `${definition.id}.adapt`);
      await assertImagesFinite(images, `${definition.id}.adapt`);
      const outcome = await definition.forwardAndAdapt(images);
      try {
        return await toResult(outcome.predictionLogits, {
          selected: outcome.selected,
          losses: outcome.losses,
          forwardPasses: outcome.forwardPasses,
          backwardPasses: outcome.backwardPasses,
          didReset: outcome.didReset ?? false,
        });
      } finally {
        outcome.predictionLogits.dispose();
      }
    },
    async predict(images: tf.Tensor4D): Promise<StepResult> {
      assertImages(images, model, `${definition.id}.predict`);
      await assertImagesFinite(images, `${definition.id}.predict`);
      const logits = model.forward(images);
      try {
        return await toResult(logits, {
          selected: 0,
          losses: {},
          forwardPasses: images.shape[0],
          backwardPasses: 0,
        });
      } finally {
        logits.dispose();
      }
    },
    reset() {
      model.restore(initialModel);
      if (optimizer && initialOptimizer) optimizer.restore(initialOptimizer);
      definition.resetState?.();
    },
    dispose() {
      initialModel.dispose();
      initialOptimizer?.dispose();
      optimizer?.dispose();
      definition.disposeState?.();
    },
  };
}
