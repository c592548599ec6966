import type { Batch, Stream, StreamInfo } from '@zerosiam/core';
import { SeededRng } from '@zerosiam/core';

export interface SyntheticStreamOptions {
  /** Per batch: the labels, and optionally one domain index for the whole batch. */
  readonly batches: readonly { labels: readonly number[]; domain?: number }[];
  readonly numClasses: number;
  readonly imageShape?: readonly [number, number, number];
  readonly domains?: readonly string[];
  readonly resetPolicy?: StreamInfo['resetPolicy'];
  readonly seed?: number;
}

/** A seeded stream of random images with scripted labels and domains, for runner tests. */
export function createSyntheticStream(options: SyntheticStreamOptions): Stream {
  const imageShape = options.imageShape ?? ([8, 8, 3] as const);
  const pixels = imageShape[0] * imageShape[1] * imageShape[2];
  const length = options.batches.reduce((sum, b) => sum + b.labels.length, 0);
  const info: StreamInfo = {
    scenario: 'synthetic',
    domains: options.domains ?? ['a', 'b', 'c'],
    numClasses: options.numClasses,
    imageShape: [...imageShape] as [number, number, number],
    normalization: {
      mean: new Array(imageShape[2]).fill(0.5),
      std: new Array(imageShape[2]).fill(0.25),
    },
    length,
    batchSize: options.batches[0]?.labels.length ?? 1,
    seed: options.seed ?? 0,
    resetPolicy: options.resetPolicy ?? 'never',
  };
  return {
    specificationVersion: 'v1',
    info,
    async *[Symbol.asyncIterator](): AsyncIterator<Batch> {
      const rng = new SeededRng(info.seed);
      let index = 0;
      for (const scripted of options.batches) {
        const size = scripted.labels.length;
        const images = new Float32Array(size * pixels);
        for (let i = 0; i < images.length; i++) images[i] = rng.uniform();
        yield {
          images,
          shape: [size, imageShape[0], imageShape[1], imageShape[2]],
          labels: Int32Array.from(scripted.labels),
          domains: new Int32Array(size).fill(scripted.domain ?? 0),
          indices: Int32Array.from({ length: size }, () => index++),
        };
      }
    },
  };
}
