import type { LabeledImageSet } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { corruptImages } from './corrupt-images';

const set: LabeledImageSet = {
  name: 'fashion-mnist/test',
  images: Float32Array.from({ length: 3 * 28 * 28 }, (_, i) => ((i * 7) % 255) / 255),
  shape: [3, 28, 28, 1],
  labels: Int32Array.of(0, 1, 2),
  numClasses: 10,
  normalization: { mean: [0.286], std: [0.353] },
};

describe('corruptImages', () => {
  it('names the set and keeps labels, shape and normalisation', () => {
    const corrupted = corruptImages(set, { corruption: 'gaussian_noise', severity: 5, seed: 1 });
    expect(corrupted.name).toBe('fashion-mnist/test@gaussian_noise-5');
    expect(corrupted.shape).toEqual(set.shape);
    expect(corrupted.labels).toEqual(set.labels);
    expect(corrupted.normalization).toEqual(set.normalization);
    expect(corrupted.images).not.toEqual(set.images);
  });
  it('requires an integer seed', () => {
    expect(() => corruptImages(set, { corruption: 'fog', severity: 1, seed: 1.5 })).toThrow(/seed/);
  });
});
