import type { Batch, Normalization, Stream, StreamInfo } from '@zerosiam/core';
import { InvalidArgumentError, SeededRng, describeValue } from '@zerosiam/core';
import { checkBatchSize } from './plan-stream';

export interface NoiseStreamOptions {
  /** Number of noise images. */
  readonly length: number;
  /** σ of N(mean, σ²) per pixel before clipping to [0, 1]. */
  readonly std: number;
  /** Default 0.5 (mid-grey). */
  readonly mean?: number;
  readonly imageShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly normalization: Normalization;
  readonly batchSize: number;
  readonly seed: number;
  readonly scenario?: string;
  /** Domain name reported in `info.domains`. */
  readonly domainName?: string;
}

/**
 * Pure noise images, each pixel N(mean, σ²) clipped to [0, 1], for the Gaussian-noise
 * pre-adaptation test. Noise has no class: labels are −1, so evaluators must not score them.
 * Each iteration regenerates the same images from the seed; nothing is held beyond one batch.
 */
export function createNoiseStream(options: NoiseStreamOptions): Stream {
  const functionName = 'createNoiseStream';
  checkBatchSize(functionName, options.batchSize);
  if (!Number.isInteger(options.length) || options.length < 1) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'length',
      expected: 'a positive integer',
      received: describeValue(options.length),
    });
  }
  if (!(options.std >= 0) || !Number.isFinite(options.std)) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'std',
      expected: 'a finite number >= 0',
      received: describeValue(options.std),
    });
  }
  const mean = options.mean ?? 0.5;
  const [height, width, channels] = options.imageShape;
  const imageSize = height * width * channels;
  const info: StreamInfo = {
    scenario: options.scenario ?? 'gaussian-noise',
    domains: [options.domainName ?? `gaussian-noise(σ=${options.std})`],
    numClasses: options.numClasses,
    imageShape: options.imageShape,
    normalization: options.normalization,
    length: options.length,
    batchSize: options.batchSize,
    seed: options.seed,
    resetPolicy: 'never',
  };
  async function* batches(): AsyncGenerator<Batch> {
    const rng = new SeededRng(options.seed).fork('gaussian-noise');
    for (let start = 0; start < options.length; start += options.batchSize) {
      const count = Math.min(options.batchSize, options.length - start);
      const images = new Float32Array(count * imageSize);
      for (let i = 0; i < images.length; i++)
        images[i] = Math.min(1, Math.max(0, rng.normal(mean, options.std)));
      const indices = new Int32Array(count);
      for (let i = 0; i < count; i++) indices[i] = start + i;
      yield {
        images,
        shape: [count, height, width, channels],
        labels: new Int32Array(count).fill(-1),
        domains: new Int32Array(count),
        indices,
      };
    }
  }
  return { specificationVersion: 'v1', info, [Symbol.asyncIterator]: batches };
}
