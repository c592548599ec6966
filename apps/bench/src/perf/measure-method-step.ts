import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
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
  /** V8 heap in use (after the step; no forced GC). */
  readonly heapUsedBytes: number;
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
 * One method bound to one model, timed step by step: `warmup()`, then `timedStep()` as often as
 * wanted (several sessions can be interleaved, so machine load hits every method alike), then
 * `finish()` (one profiled step for the peak memory, then the method is disposed).
 * A step is `method.adapt(images)`: forward, loss, backward, optimiser update, and the logits
 * download the StepResult needs; each step is awaited, so times include the data sync.
 */
export class MethodStepSession {
  private readonly method: TtaMethod<unknown>;
  private readonly images: tf.Tensor4D;
  private readonly ownImages: boolean;
  private readonly times: number[] = [];
  private readonly soak: SoakRecord[] = [];
  private rssBytes = 0;
  private selected = 0;
  private tensorsBefore = -1;

  constructor(
    model: AdaptableModel,
    private readonly options: MeasureStepOptions,
  ) {
    const { method: name, batchSize } = options;
    this.ownImages = options.images === undefined;
    this.images = options.images ?? perfImages(model, batchSize);
    const extra: Record<string, unknown> = {};
    // EATA's Fisher term needs clean images; the benchmark batch stands in (its cost is the same).
    if (name === 'eata') Object.assign(extra, { fisherImages: this.images, fisherBatchSize: batchSize });
    this.method = getMethod(name)(model, { ...perfMethodOptions(name, batchSize), ...extra });
  }

  async warmup(): Promise<void> {
    for (let i = 0; i < this.options.warmup; i++) await this.method.adapt(this.images);
  }

  async timedStep(): Promise<void> {
    if (this.tensorsBefore < 0) this.tensorsBefore = tf.memory().numTensors;
    const start = performance.now();
    const result = await this.method.adapt(this.images);
    this.times.push(performance.now() - start);
    this.selected += result.diagnostics.selected;
    this.rssBytes = Math.max(this.rssBytes, process.memoryUsage().rss);
    const every = this.options.recordEvery;
    const step = this.times.length;
    if (every && (step % every === 0 || step === 1)) {
      const record: SoakRecord = {
        step,
        numTensors: tf.memory().numTensors,
        numBytes: tf.memory().numBytes,
        rssBytes: process.memoryUsage().rss,
        heapUsedBytes: process.memoryUsage().heapUsed,
        medianMs: summarizeTimes(this.times.slice(-every)).medianMs,
      };
      this.soak.push(record);
      this.options.onRecord?.(record);
    }
  }

  /** `tensorsAfter` is read here: call it for every interleaved session before disposing any. */
  async finish(tensorsAfter = tf.memory().numTensors): Promise<StepMeasurement> {
    try {
      const bytesBefore = tf.memory().numBytes;
      const info = await tf.profile(async () => {
        await this.method.adapt(this.images);
      });
      const kernels = this.options.profile ? groupKernels(info.kernels) : undefined;
      const time = summarizeTimes(this.times);
      const steps = this.times.length;
      return {
        method: this.options.method,
        batchSize: this.options.batchSize,
        steps,
        warmup: this.options.warmup,
        time,
        imagesPerSecond: (this.options.batchSize * 1000) / time.medianMs,
        peakBytes: info.peakBytes,
        stepPeakBytes: info.peakBytes - bytesBefore,
        rssBytes: this.rssBytes,
        tensorsBefore: this.tensorsBefore,
        tensorsAfter,
        selected: steps > 0 ? this.selected / steps : 0,
        ...(kernels ? { kernels } : {}),
        ...(this.options.recordEvery ? { soak: this.soak } : {}),
      };
    } finally {
      this.method.dispose();
      if (this.ownImages) this.images.dispose();
    }
  }
}

/** Times `options.steps` steps of one method after `options.warmup` untimed ones (see MethodStepSession). */
export async function measureMethodStep(
  model: AdaptableModel,
  options: MeasureStepOptions,
): Promise<StepMeasurement> {
  const session = new MethodStepSession(model, options);
  let finished = false;
  try {
    await session.warmup();
    for (let i = 0; i < options.steps; i++) await session.timedStep();
    finished = true;
    return await session.finish();
  } finally {
    if (!finished) await session.finish().catch(() => undefined);
  }
}

/** Sums the profiled kernels by name, slowest first. */
function groupKernels(kernels: readonly unknown[]): KernelShare[] {
  const byName = new Map<string, { calls: number; totalMs: number }>();
  for (const kernel of kernels as {
    name: string;
    kernelTimeMs: number | { error: string };
    inputShapes: number[][];
  }[]) {
    // customGrad wrappers (named after their scope) time the kernels they run: counted twice.
    if (kernel.name === 'unnamed scope' || /^[a-z]/.test(kernel.name)) continue;
    // The closed-form conv gradient computes dW as a forward Conv2D whose "filter" is dy
    // (spatial size ≥ the output map); real ResNet filters are at most 3×3.
    const filter = kernel.inputShapes?.[1];
    const name =
      kernel.name === 'Conv2D' && filter && filter[0]! > 3 ? 'Conv2D (filter gradient dW)' : kernel.name;
    const entry = byName.get(name) ?? { calls: 0, totalMs: 0 };
    entry.calls += 1;
    entry.totalMs += typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    byName.set(name, entry);
  }
  return [...byName.entries()]
    .map(([kernel, entry]) => ({
      kernel,
      calls: entry.calls,
      totalMs: Math.round(entry.totalMs * 100) / 100,
    }))
    .sort((a, b) => b.totalMs - a.totalMs);
}
