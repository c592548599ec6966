import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, LabeledImageSet } from '@zerosiam/core';
import { batchToTensor, InvalidArgumentError, readAndDispose } from '@zerosiam/core';
import { type EvaluationProgress, evaluateFrozen, evaluateStream } from '@zerosiam/eval';
import { getMethod } from '@zerosiam/methods';
import { corruptImages, domainsFromSets, getScenario } from '@zerosiam/streams';
import type { ScenarioOptions } from '@zerosiam/streams';
import type { BenchConfig } from '../config/bench-config';
import { type Cell, corruptionsOfCell } from '../grid/cell';
import type { ResultRecord } from '../results/result-record';
import { collapseWindowFor } from './collapse-window';
import { domainName } from './domain-name';
import { benchOnlyMethodOptions } from './learning-rate';
import { loadTestSet } from './load-dataset';
import { loadModel } from './load-model';
import { softwareProvenance } from './software-provenance';
import { describeWeights } from './weights-provenance';

export interface RunCellContext {
  readonly command: string;
  readonly backend: string;
  readonly onProgress?: (progress: EvaluationProgress) => void;
}

/** Corrupted sets of the current process, reused across the cells of a grid (same seed → same set). */
const corruptedCache = new Map<string, LabeledImageSet>();

/**
 * The corrupted copy of `clean`. Fashion-MNIST goes through streams' on-disk cache
 * (`loadOrCorrupt`, shared by shards and re-runs); synthetic data is corrupted in memory.
 */
async function corrupted(
  clean: LabeledImageSet,
  corruption: string,
  severity: number,
  seed: number,
  dataset: string,
): Promise<LabeledImageSet> {
  if (corruption === 'none' || corruption === 'clean') return clean;
  const key = `${dataset}|${clean.labels.length}|${corruption}|${severity}|${seed}`;
  let set = corruptedCache.get(key);
  if (!set) {
    const options = { corruption: corruption as never, severity, seed };
    if (dataset === 'synthetic') {
      set = corruptImages(clean, options);
    } else {
      const { loadOrCorrupt } = await import('@zerosiam/streams/node');
      set = await loadOrCorrupt(clean, options);
    }
    if (corruptedCache.size >= 16) corruptedCache.delete(corruptedCache.keys().next().value!);
    corruptedCache.set(key, set);
  }
  return set;
}

/** Indices the unadapted model gets wrong, at batch size 64 (blind-spot step 1, methods.md §2.3). */
async function misclassified(model: AdaptableModel, set: LabeledImageSet): Promise<Int32Array> {
  const wrong: number[] = [];
  const [count, h, w, c] = set.shape;
  const normalization = model.normalization ?? set.normalization;
  for (let start = 0; start < count; start += 64) {
    const end = Math.min(count, start + 64);
    const batch = {
      images: set.images.subarray(start * h * w * c, end * h * w * c),
      shape: [end - start, h, w, c] as const,
      labels: set.labels.subarray(start, end),
      domains: new Int32Array(end - start),
      indices: new Int32Array(end - start),
    };
    // Awaited, so that backends without synchronous read-back (WebGPU in Node) can run it.
    const predictions = await readAndDispose<'int32'>(
      tf.tidy(() => tf.argMax(model.forward(batchToTensor(batch, normalization)), 1)),
    );
    for (let i = 0; i < end - start; i++) if (predictions[i] !== set.labels[start + i]) wrong.push(start + i);
  }
  return Int32Array.from(wrong);
}

/** The options of streams' scenario `cell.scenario`, only the keys it accepts. */
function scenarioOptions(
  cell: Cell,
  config: BenchConfig,
  model: AdaptableModel,
  domains: readonly LabeledImageSet[],
): ScenarioOptions {
  const base = { seed: cell.seed, batchSize: config.scenario.batchSize };
  switch (cell.scenario) {
    case 'label-shift':
      return {
        ...base,
        imbalanceRatio: cell.imbalanceRatio,
        ...(config.scenario.steps > 0 ? { steps: config.scenario.steps } : {}),
      };
    case 'blind-spot':
      return {
        ...base,
        adaptBatchSize: config.scenario.adaptBatchSize,
        wrongIndices: (domain) => misclassified(model, domains[domain]!),
      };
    case 'noise-pre-adaptation':
      return {
        ...base,
        evaluationMode: 'frozen',
        ...(config.scenario.noiseLength > 0 ? { noiseLength: config.scenario.noiseLength } : {}),
      };
    default:
      return base;
  }
}

/** Runs one cell end to end and returns its result record (not yet written). */
export async function runCell(
  cell: Cell,
  config: BenchConfig,
  context: RunCellContext,
): Promise<ResultRecord> {
  const startedAt = new Date().toISOString();
  const seeds = {
    stream: cell.seed,
    corruption: cell.seed,
    subset: cell.seed,
    model: cell.seed,
    method: cell.seed,
    fisher: cell.seed + 1,
  };
  const clean = await loadTestSet(config, seeds.subset);
  const names = corruptionsOfCell(cell.corruption, config.scenario.corruptions);
  const domains = await Promise.all(
    names.map((name) => corrupted(clean, name, config.scenario.severity, seeds.corruption, config.dataset)),
  );
  const [, h, w, c] = clean.shape;
  const model = await loadModel(
    cell.model,
    config,
    { inputShape: [h, w, c], numClasses: clean.numClasses },
    seeds.model,
  );
  const weights = await describeWeights(cell.model, config);
  const plan = cell.learningRates;
  // Options in the method entry win over the `method.*` keys; the bench's own entry options
  // (`baseLearningRate`) are already in the plan and never reach the factory.
  const entryOptions = Object.fromEntries(
    Object.entries(cell.method.options).filter(([key]) => !benchOnlyMethodOptions.includes(key)),
  );
  const methodOptions: Record<string, unknown> = {
    learningRate: plan.learningRate,
    seed: seeds.method,
    ...(plan.predictorLearningRateScale !== null
      ? { predictorLearningRateScale: plan.predictorLearningRateScale }
      : {}),
    ...(config.method.normLearningRateScale !== null
      ? { normLearningRateScale: config.method.normLearningRateScale }
      : {}),
    ...(config.method.momentum !== null ? { momentum: config.method.momentum } : {}),
    ...entryOptions,
  };
  const evalOptions = {
    collapse: { windowSize: config.eval.windowSize },
    maxSeriesPoints: config.eval.maxSeriesPoints,
    calibrationBins: config.eval.calibrationBins,
  };
  const scenarioRun = getScenario(cell.scenario).create(
    domainsFromSets(
      domains,
      names.map((name) => domainName(name, config.scenario.severity)),
    ),
    scenarioOptions(cell, config, model, domains),
  );
  // EATA's Fisher estimate needs clean in-distribution images: a seeded sample of the clean test
  // split, as the paper uses clean ImageNet val (the images ImageNet-C was made from).
  let fisherImages: tf.Tensor4D | undefined;
  if (cell.method.name.includes('eata') && methodOptions.fisherAlpha !== 0) {
    const fisherSet = await loadTestSet(
      { ...config, scenario: { ...config.scenario, samplesPerDomain: config.method.fisherSamples } },
      seeds.fisher,
    );
    fisherImages = batchToTensor(
      {
        images: fisherSet.images,
        shape: fisherSet.shape,
        labels: fisherSet.labels,
        domains: new Int32Array(fisherSet.labels.length),
        indices: new Int32Array(fisherSet.labels.length),
      },
      model.normalization ?? fisherSet.normalization,
    );
    methodOptions.fisherImages = fisherImages;
  }
  let method: ReturnType<ReturnType<typeof getMethod>>;
  try {
    method = getMethod(cell.method.name)(model, methodOptions);
  } finally {
    fisherImages?.dispose();
    if (fisherImages)
      methodOptions.fisherImages = `${fisherImages.shape[0]} clean test images (seed ${seeds.fisher})`;
  }
  try {
    let online: ResultRecord['online'] | undefined;
    let frozen: ResultRecord['frozen'];
    // The scenario's phases own the reset points; inside a phase the runner never resets.
    for (const [index, phase] of scenarioRun.phases.entries()) {
      if (phase.resetBefore && index > 0) method.reset();
      // A short phase (a blind-spot domain at 100 images) is judged on one window spanning it.
      const { length, numClasses } = phase.stream.info;
      const collapse = { windowSize: collapseWindowFor(config.eval.windowSize, length, numClasses) };
      if (phase.mode === 'frozen') {
        frozen = await evaluateFrozen(method, phase.stream, { ...evalOptions, collapse });
      } else {
        online = await evaluateStream(method, phase.stream, {
          ...evalOptions,
          collapse,
          resetPolicy: 'never',
          ...(context.onProgress ? { onBatch: context.onProgress } : {}),
        });
      }
    }
    if (!online)
      throw new InvalidArgumentError({
        functionName: 'runCell',
        argument: 'cell.scenario',
        expected: "a scenario with at least one phase of mode 'online'",
        received: `'${cell.scenario}', which produced no adaptation phase`,
        fix: "the scenario's create() must return an online phase (the bench scores methods on it)",
      });
    // The tables' number: the frozen evaluation where there is one, else the online accuracy.
    const accuracy = (frozen ?? online).accuracy;
    if (accuracy === null)
      throw new InvalidArgumentError({
        functionName: 'runCell',
        argument: 'cell.scenario',
        expected: 'a scenario whose evaluated phase carries labels (the cell reports an accuracy)',
        received: `'${cell.scenario}', which scored no labelled sample (its ${frozen ? 'frozen evaluation' : 'adaptation stream'} is unlabelled)`,
        fix: 'end a scenario that adapts on unlabelled data with a labelled frozen phase, as noise-pre-adaptation does',
      });
    // The multiplier the method actually applied when the bench left it to the method's default.
    const appliedPredictorScale =
      plan.predictorLearningRateScaleFrom === 'default'
        ? (method.model.auxiliaryParameterGroups().find((group) => group.name === 'predictor')
            ?.learningRateScale ?? null)
        : plan.predictorLearningRateScale;
    return {
      format: 'zerosiam-bench/v1',
      key: cell.key,
      cell: {
        method: cell.method,
        model: cell.model,
        scenario: cell.scenario,
        corruption: cell.corruption,
        imbalanceRatio: cell.imbalanceRatio,
        seed: cell.seed,
        learningRates: { ...plan, predictorLearningRateScale: appliedPredictorScale },
      },
      config,
      modelWeights: weights,
      seeds,
      methodOptions,
      command: context.command,
      backend: context.backend,
      software: softwareProvenance(),
      startedAt,
      finishedAt: new Date().toISOString(),
      online,
      scenarioPhases: scenarioRun.phases.map((phase) => ({
        name: phase.name,
        mode: phase.mode,
        resetBefore: phase.resetBefore,
      })),
      ...(frozen ? { frozen } : {}),
      accuracy,
    };
  } finally {
    method.dispose();
    model.dispose();
  }
}
