import * as tf from '@tensorflow/tfjs-core';
import type { Batch, Normalization, StepResult, Stream, TtaMethod } from '@zerosiam/core';
import { batchToTensor, describeValue, InvalidArgumentError, ShapeMismatchError } from '@zerosiam/core';
import { type CollapseThresholds, defaultCollapseThresholds } from './collapse-thresholds';
import { EvaluationAccumulator } from './evaluation-accumulator';
import type { ResetPolicy, StreamEvaluation } from './stream-evaluation';

/** Progress after each batch, for progress bars. */
export interface EvaluationProgress {
  readonly samples: number;
  /** Samples the stream announced (`stream.info.length`). */
  readonly total: number;
  readonly batches: number;
  /** Online accuracy so far, a fraction; null until a labelled sample has been scored. */
  readonly accuracy: number | null;
  readonly seconds: number;
}

export interface EvaluateStreamOptions {
  /** Overrides `stream.info.resetPolicy`. `per-domain` calls `method.reset()` when a batch's domain differs from the previous batch's. */
  readonly resetPolicy?: ResetPolicy;
  /** Input normalisation; default the model card's (`method.model.normalization`), else the stream's. */
  readonly normalization?: Normalization;
  /** Equal-width bins of the calibration error; default 15. */
  readonly calibrationBins?: number;
  /** Window and thresholds of the collapse flag (our own rule, see CollapseThresholds). */
  readonly collapse?: Partial<CollapseThresholds>;
  /** Upper bound on time-series points; consecutive batches are merged to stay under it. Default 400. */
  readonly maxSeriesPoints?: number;
  /**
   * The first steps run under `tf.profile` to find the peak tensor memory inside a step
   * (kernel outputs, not backend scratch). They are left out of images/s. Default 2; 0 disables.
   */
  readonly memoryProfileSteps?: number;
  readonly onBatch?: (progress: EvaluationProgress) => void;
  /** Stops the loop after the current batch; the result covers what was seen. */
  readonly signal?: AbortSignal;
}

const functionName = 'evaluateStream';

/** The loop shared by evaluateStream and evaluateFrozen. */
export async function runEvaluationLoop(
  mode: 'online' | 'frozen',
  method: TtaMethod,
  stream: Stream,
  options: EvaluateStreamOptions,
  step: (images: tf.Tensor4D) => Promise<StepResult>,
): Promise<StreamEvaluation> {
  validate(method, stream, options);
  const info = stream.info;
  const model = method.model;
  const normalization = options.normalization ?? model.normalization ?? info.normalization;
  const resetPolicy: ResetPolicy = options.resetPolicy ?? info.resetPolicy;
  const thresholds: CollapseThresholds = {
    ...defaultCollapseThresholds,
    ...options.collapse,
  };
  const maxPoints = options.maxSeriesPoints ?? 400;
  const expectedBatches = Math.max(1, Math.ceil(info.length / Math.max(1, info.batchSize)));
  const batchesPerPoint = Math.max(1, Math.ceil(expectedBatches / maxPoints));
  const profileSteps = options.memoryProfileSteps ?? 2;
  const accumulator = new EvaluationAccumulator(
    info.numClasses,
    info.domains,
    options.calibrationBins ?? 15,
    thresholds,
    batchesPerPoint,
  );

  const start = tf.memory();
  let peakBytes = start.numBytes;
  let peakTensors = start.numTensors;
  const loopStart = performance.now();
  let timedSeconds = 0;
  let timedSamples = 0;
  let previousDomain: number | undefined;

  for await (const batch of stream) {
    checkBatch(batch, info.numClasses);
    const domain = batch.domains[0] ?? -1;
    if (resetPolicy === 'per-batch' && accumulator.batches > 0) {
      method.reset();
      accumulator.runnerResets += 1;
    } else if (resetPolicy === 'per-domain' && previousDomain !== undefined && domain !== previousDomain) {
      method.reset();
      accumulator.runnerResets += 1;
    }
    previousDomain = domain;

    const stepStart = performance.now();
    const profiled = accumulator.batches < profileSteps;
    let result: StepResult;
    const images = batchToTensor(batch, normalization);
    try {
      if (profiled) {
        const profile = await tf.profile(async () => {
          result = await step(images);
          return [];
        });
        peakBytes = Math.max(peakBytes, profile.peakBytes);
        for (const kernel of profile.kernels)
          peakTensors = Math.max(peakTensors, kernel.totalTensorsSnapshot);
      } else {
        result = await step(images);
      }
      const memory = tf.memory();
      peakBytes = Math.max(peakBytes, memory.numBytes);
      peakTensors = Math.max(peakTensors, memory.numTensors);
    } finally {
      images.dispose();
    }
    const stepSeconds = (performance.now() - stepStart) / 1000;
    if (!profiled) {
      timedSeconds += stepSeconds;
      timedSamples += batch.labels.length;
    }
    accumulator.add(batch, result!);
    options.onBatch?.({
      samples: accumulator.samples,
      total: info.length,
      batches: accumulator.batches,
      accuracy: accumulator.labeledSamples > 0 ? accumulator.correct / accumulator.labeledSamples : null,
      seconds: (performance.now() - loopStart) / 1000,
    });
    if (options.signal?.aborted) break;
  }

  const seconds = (performance.now() - loopStart) / 1000;
  const end = tf.memory();
  return accumulator.finish({
    mode,
    methodId: method.id,
    modelId: model.id,
    scenario: info.scenario,
    resetPolicy,
    seconds,
    // With only profiled steps, fall back to the whole loop's time.
    imagesPerSecond:
      timedSamples > 0 ? timedSamples / timedSeconds : accumulator.samples / Math.max(seconds, 1e-9),
    memory: {
      startBytes: start.numBytes,
      startTensors: start.numTensors,
      peakBytes,
      peakTensors,
      retainedTensors: end.numTensors - start.numTensors,
    },
  });
}

function validate(method: TtaMethod, stream: Stream, options: EvaluateStreamOptions): void {
  if (!method || typeof method.adapt !== 'function' || typeof method.predict !== 'function') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'method',
      expected: 'a TtaMethod (from getMethod(name)(model, options))',
      received: describeValue(method),
    });
  }
  if (!stream || typeof stream[Symbol.asyncIterator] !== 'function' || !stream.info) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'stream',
      expected: 'a Stream (an async iterable of batches with `info`)',
      received: describeValue(stream),
      fix: 'build one with getScenario(name) from @zerosiam/streams.',
    });
  }
  const model = method.model;
  if (model.numClasses !== stream.info.numClasses) {
    throw new ShapeMismatchError({
      functionName,
      argument: 'stream classes',
      expectedShape: [model.numClasses],
      receivedShape: [stream.info.numClasses],
      fix: `the model '${model.id}' predicts ${model.numClasses} classes; use a stream over a data set with the same classes.`,
    });
  }
  const [h, w, c] = stream.info.imageShape;
  if (model.inputShape[0] !== h || model.inputShape[1] !== w || model.inputShape[2] !== c) {
    throw new ShapeMismatchError({
      functionName,
      argument: 'stream images',
      expectedShape: [null, ...model.inputShape],
      receivedShape: [stream.info.batchSize, h, w, c],
      fix: `model '${model.id}' takes [${model.inputShape.join(', ')}] images; build the stream from matching data.`,
    });
  }
  const policy = options.resetPolicy;
  if (policy !== undefined && policy !== 'never' && policy !== 'per-domain' && policy !== 'per-batch') {
    throw new InvalidArgumentError({
      functionName,
      argument: 'options.resetPolicy',
      expected: "'never', 'per-domain' or 'per-batch'",
      received: describeValue(policy),
    });
  }
  if (
    options.maxSeriesPoints !== undefined &&
    (!Number.isInteger(options.maxSeriesPoints) || options.maxSeriesPoints < 1)
  ) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'options.maxSeriesPoints',
      expected: 'a positive integer',
      received: describeValue(options.maxSeriesPoints),
    });
  }
}

function checkBatch(batch: Batch, numClasses: number): void {
  const size = batch.shape[0];
  if (batch.labels.length !== size || batch.domains.length !== size) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'batch',
      expected: `labels and domains with one entry per image (${size})`,
      received: `${batch.labels.length} labels and ${batch.domains.length} domains`,
      fix: 'the stream produced an inconsistent batch; check its batcher.',
    });
  }
  for (let i = 0; i < size; i++) {
    const label = batch.labels[i]!;
    if (!(label === -1 || (label >= 0 && label < numClasses))) {
      throw new InvalidArgumentError({
        functionName,
        argument: 'batch.labels',
        expected: `integers in [0, ${numClasses}), or −1 for an unlabelled sample`,
        received: `label ${label} at position ${i}`,
      });
    }
  }
}
