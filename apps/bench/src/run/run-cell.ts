import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, LabeledImageSet } from '@zerosiam/core';
import { SeededRng, batchToTensor } from '@zerosiam/core';
import { type EvaluationProgress, evaluateFrozen, evaluateStream } from '@zerosiam/eval';
import { getMethod } from '@zerosiam/methods';
import { corruptImages } from '@zerosiam/streams';
import type { BenchConfig } from '../config/bench-config';
import type { Cell } from '../grid/cell';
import type { ResultRecord } from '../results/result-record';
import { buildStream } from './build-stream';
import { resolveLearningRate } from './learning-rate';
import { loadTestSet, takeSamples } from './load-dataset';
import { loadModel } from './load-model';

export interface RunCellContext {
  readonly command: string;
  readonly backend: string;
  readonly onProgress?: (progress: EvaluationProgress) => void;
}

/** Corrupted sets of the current process, reused across the cells of a grid (same seed → same set). */
const corruptedCache = new Map<string, LabeledImageSet>();

function corrupted(
  clean: LabeledImageSet,
  corruption: string,
  severity: number,
  seed: number,
  dataset: string,
): LabeledImageSet {
  if (corruption === 'none' || corruption === 'clean') return clean;
  const key = `${dataset}|${clean.labels.length}|${corruption}|${severity}|${seed}`;
  let set = corruptedCache.get(key);
  if (!set) {
    set = corruptImages(clean, { corruption: corruption as never, severity, seed });
    if (corruptedCache.size >= 16) corruptedCache.delete(corruptedCache.keys().next().value!);
    corruptedCache.set(key, set);
  }
  return set;
}

/** Indices the unadapted model gets wrong, at batch size 64 (blind-spot step 1, methods.md §2.3). */
function misclassified(model: AdaptableModel, set: LabeledImageSet): Int32Array {
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
    const predictions = tf.tidy(() => {
      const images = batchToTensor(batch, normalization);
      return tf.argMax(model.forward(images), 1).dataSync();
    });
    for (let i = 0; i < end - start; i++) if (predictions[i] !== set.labels[start + i]) wrong.push(start + i);
  }
  return Int32Array.from(wrong);
}

/** Pure Gaussian noise images N(0.5, 0.25²) clipped to [0, 1], as many as `like` holds; labels are arbitrary. */
function createNoiseSet(like: LabeledImageSet, seed: number): LabeledImageSet {
  const rng = new SeededRng(seed).fork('noise');
  const images = new Float32Array(like.images.length);
  for (let i = 0; i < images.length; i++) images[i] = Math.min(1, Math.max(0, rng.normal(0.5, 0.25)));
  return { ...like, name: 'gaussian-noise', images };
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
  };
  const clean = await loadTestSet(config, seeds.subset);
  const names = cell.corruption === 'all' ? config.scenario.corruptions : [cell.corruption];
  const domains = names.map((name) =>
    corrupted(clean, name, config.scenario.severity, seeds.corruption, config.dataset),
  );
  const [, h, w, c] = clean.shape;
  const model = await loadModel(
    cell.model,
    config,
    { inputShape: [h, w, c], numClasses: clean.numClasses },
    seeds.model,
  );
  const methodOptions: Record<string, unknown> = {
    learningRate: resolveLearningRate(config, cell.method.name),
    seed: seeds.method,
    ...cell.method.options,
  };
  if (config.method.normLearningRateScale !== null)
    methodOptions.normLearningRateScale = config.method.normLearningRateScale;
  if (config.method.predictorLearningRateScale !== null)
    methodOptions.predictorLearningRateScale = config.method.predictorLearningRateScale;
  if (config.method.momentum !== null) methodOptions.momentum = config.method.momentum;
  const evalOptions = {
    collapse: { windowSize: config.eval.windowSize },
    maxSeriesPoints: config.eval.maxSeriesPoints,
    calibrationBins: config.eval.calibrationBins,
    ...(context.onProgress ? { onBatch: context.onProgress } : {}),
  };
  const streamOptions = {
    scenario: cell.scenario,
    domainNames: names,
    batchSize: config.scenario.batchSize,
    seed: seeds.stream,
    imbalanceRatio: cell.imbalanceRatio,
    blockLength: config.scenario.blockLength,
  };
  const method = getMethod(cell.method.name)(model, methodOptions);
  try {
    let online: ResultRecord['online'];
    let frozen: ResultRecord['frozen'];
    if (cell.scenario === 'blind-spot') {
      // Adapt at bs 1 on the samples the source model gets wrong, then evaluate frozen on all.
      const subset = misclassified(model, domains[0]!);
      const adaptSet = subset.length > 0 ? takeSamples(domains[0]!, subset) : domains[0]!;
      online = await evaluateStream(
        method,
        buildStream({ ...streamOptions, domains: [adaptSet], order: 'as-is' }),
        evalOptions,
      );
      frozen = await evaluateFrozen(
        method,
        buildStream({ ...streamOptions, domains, batchSize: 64, order: 'shuffled' }),
        { ...evalOptions, onBatch: undefined },
      );
    } else if (cell.scenario === 'noise') {
      // Adapt on pure Gaussian noise (unverified protocol, methods.md §2.3), then evaluate frozen.
      const noise = createNoiseSet(domains[0]!, seeds.stream);
      online = await evaluateStream(
        method,
        buildStream({ ...streamOptions, domains: [noise], domainNames: ['noise'], order: 'as-is' }),
        evalOptions,
      );
      frozen = await evaluateFrozen(method, buildStream({ ...streamOptions, domains, order: 'shuffled' }), {
        ...evalOptions,
        onBatch: undefined,
      });
    } else {
      online = await evaluateStream(method, buildStream({ ...streamOptions, domains }), evalOptions);
    }
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
      },
      config,
      seeds,
      methodOptions,
      command: context.command,
      backend: context.backend,
      startedAt,
      finishedAt: new Date().toISOString(),
      online,
      ...(frozen ? { frozen } : {}),
      accuracy: frozen ? frozen.accuracy : online.accuracy,
    };
  } finally {
    method.dispose();
    model.dispose();
  }
}
