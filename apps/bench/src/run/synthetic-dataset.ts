import { SeededRng } from '@zerosiam/core';
import type { LabeledImageSet } from '@zerosiam/core';

/**
 * A seeded toy data set for tests and smoke runs: 8×8×1 images, 4 classes, each class a bright
 * blob in its own quadrant plus noise. Small enough that a whole grid runs in seconds.
 */
export function createSyntheticDataset(options: { count: number; seed: number }): LabeledImageSet {
  const [h, w, classes] = [8, 8, 4];
  const rng = new SeededRng(options.seed);
  const images = new Float32Array(options.count * h * w);
  const labels = new Int32Array(options.count);
  for (let n = 0; n < options.count; n++) {
    const label = n % classes;
    labels[n] = label;
    const cy = label < 2 ? 2 : 6;
    const cx = label % 2 === 0 ? 2 : 6;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const blob = Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / 4);
        images[(n * h + y) * w + x] = Math.min(1, Math.max(0, 0.1 + 0.8 * blob + rng.normal(0, 0.1)));
      }
    }
  }
  return {
    name: 'synthetic/test',
    images,
    shape: [options.count, h, w, 1],
    labels,
    numClasses: classes,
    normalization: { mean: [0.2], std: [0.3] },
  };
}
