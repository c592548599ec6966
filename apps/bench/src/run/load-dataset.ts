import type { LabeledImageSet } from '@zerosiam/core';
import { selectSubset } from '@zerosiam/streams';
import type { BenchConfig } from '../config/bench-config';
import { createSyntheticDataset } from './synthetic-dataset';

/** Keeps the samples at `indices` of a set. */
export function takeSamples(set: LabeledImageSet, indices: Int32Array): LabeledImageSet {
  const [, h, w, c] = set.shape;
  const pixels = h * w * c;
  const images = new Float32Array(indices.length * pixels);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    images.set(set.images.subarray(index * pixels, (index + 1) * pixels), i * pixels);
  }
  return {
    ...set,
    images,
    shape: [indices.length, h, w, c],
    labels: Int32Array.from(indices, (i) => set.labels[i]!),
  };
}

/** The clean test split of the configured data set, cut to `samplesPerDomain` (seeded, sorted). */
export async function loadTestSet(config: BenchConfig, seed: number): Promise<LabeledImageSet> {
  let set: LabeledImageSet;
  if (config.dataset === 'synthetic') {
    set = createSyntheticDataset({ count: Math.max(config.scenario.samplesPerDomain, 64), seed: 7 });
  } else {
    const { loadFashionMnist } = await import('@zerosiam/streams/node');
    set = await loadFashionMnist({ split: 'test', ...(config.dataDir ? { dataDir: config.dataDir } : {}) });
  }
  const count = config.scenario.samplesPerDomain;
  if (count > 0 && count < set.labels.length)
    set = takeSamples(set, selectSubset(set.labels.length, { count, mode: 'random', seed }, seed));
  return set;
}
