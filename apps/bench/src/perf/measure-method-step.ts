import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from '@zerosiam/core';
import { getMethod } from '@zerosiam/methods';
import { perfMethodOptions } from './perf-learning-rate';
import { summarizeTimes, type TimeSummary } from './summarize-times';

export interface MeasureStepOptions {
  readonly method: string;
  readonly batchSize: number;
  readonly steps: number;
  readonly warmup: number;
  /** Also run one step under tf.profile and keep the kernel breakdown. */
  readonly profile?: boolean;
  /** Images to adapt on, [batch, H, W, C]; default: seeded N(0, 1) noise of the model's input shape. */
  readonly images?: tf.Tensor4D;
  /** Soak mode: record tensor count and memory every `recordEvery` steps. */
  readonly recordEvery?: number;
  readonly onRecord?: (record: SoakRecord) => void;
}

export interface SoakRecord {
  readonly step: number;
  readonly numTensors: number;
  readonly numBytes: number;
  readonly rssBytes: number;
  readonly medianMs: number;
}

export interface KernelShare {
  readonly kernel: string;
  readonly calls: number;
  readonly totalMs: number;
}

export interface StepMeasurement {
  readonly method: string;
  readonly batchSize: number;
  readonly steps: number;
  readonly warmup: number;
  readonly time: TimeSummary;
  readonly imagesPerSecond: number;
  /** Peak tf.memory().numBytes during one step (tf.profile), model weights included. */
  readonly peakBytes: number;
  /** Peak minus the bytes alive before the step: what the step itself allocates at most. */
  readonly stepPeakBytes: number;
  /** Largest process RSS seen after a step. */
  readonly rssBytes: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
  /** Mean samples selected per step (filters are opened by perfMethodOptions, so = batch). */
  readonly selected: number;
  readonly kernels?: readonly KernelShare[];
  readonly soak?: readonly SoakRecord[];
}

/** Seeded N(0, 1) images [batch, H, W, C] (already "normalised" inputs). */
export function perfImages(model: AdaptableModel, batchSize: number, seed = 0): tf.Tensor4D {
  return tf.randomNormal([batchSize, ...model.inputShape], 0, 1, 'float32', seed) as tf.Tensor4D;
}

/**
 * Times `method.adapt(images)` (the whole TTA step: forward, loss, backward, optimiser update,
 * and the logits download the StepResult needs) on one model. The model is left as the steps
 * left it; the method is disposed. Each step is awaited, so times include the data sync.
 */
export async function measureMethodStep(
  model: AdaptableModel,
  options: MeasureStepOptions,
): Promise<StepMeasurement> {
  const { method: name, batchSize, steps, warmup } = options;
  const ownImages = options.images === undefined;
  const images = options.images ?? perfImages(model, batchSize);
  const extra: Record<string, unknown> = {};
  // EATA's Fisher term needs clean images; the benchmark batch stands in (its cost is the same).
  if (name === 'eata') Object.assign(extra, { fisherImages: images, fisherBatchSize: batchSize });
  const method = getMethod(name)(model, { ...perfMethodOptions(name, batchSize), ...extra });
  try {
    for (let i = 0; i < warmup; i++) await method.adapt(images);
    const tensorsBefore = tf.memory().numTensors;
    const times: number[] = [];
    const soak: SoakRecord[] = [];
    let rssBytes = process.memoryUsage().rss;
    let selected = 0;
    for (let i = 0; i < steps; i++) {
      const start = performance.now();
      const result = await method.adapt(images);
      times.push(performance.now() - start);
      selected += result.diagnostics.selected;
      rssBytes = Math.max(rssBytes, process.memoryUsage().rss);
      if (options.recordEvery && ((i + 1) % options.recordEvery === 0 || i === 0)) {
        const record: SoakRecord = {
          step: i + 1,
          numTensors: tf.memory().numTensors,
          numBytes: tf.memory().numBytes,
          rssBytes: process.memoryUsage().rss,
          medianMs: summarizeTimes(times.slice(-options.recordEvery)).medianMs,
        };
        soak.push(record);
        options.onRecord?.(record);
      }
    }
    const tensorsAfter = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    const info = await tf.profile(async () => {
      await method.adapt(images);
    });
    const kernels = options.profile ? groupKernels(info.kernels) : undefined;
    const time = summarizeTimes(times);
    return {
      method: name,
      batchSize,
      steps,
      warmup,
      time,
      imagesPerSecond: (batchSize * 1000) / time.medianMs,
      peakBytes: info.peakBytes,
      stepPeakBytes: info.peakBytes - bytesBefore,
      rssBytes,
      tensorsBefore,
      tensorsAfter,
      selected: steps > 0 ? selected / steps : 0,
      ...(kernels ? { kernels } : {}),
      ...(options.recordEvery ? { soak } : {}),
    };
  } finally {
    method.dispose();
    if (ownImages) images.dispose();
  }
}

/** Sums the profiled kernels by name, slowest first. */
function groupKernels(kernels: readonly unknown[]): KernelShare[] {
  const byName = new Map<string, { calls: number; totalMs: number }>();
  for (const kernel of kernels as { name: string; kernelTimeMs: number | { error: string } }[]) {
    const entry = byName.get(kernel.name) ?? { calls: 0, totalMs: 0 };
    entry.calls += 1;
    entry.totalMs += typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    byName.set(kernel.name, entry);
  }
  return [...byName.entries()]
    .map(([kernel, entry]) => ({
      kernel,
      calls: entry.calls,
      totalMs: Math.round(entry.totalMs * 100) / 100,
    }))
    .sort((a, b) => b.totalMs - a.totalMs);
}
