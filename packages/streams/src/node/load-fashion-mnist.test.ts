import { existsSync } from 'node:fs';
import { MissingDataError } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { debianFashionMnistDir, loadFashionMnist } from './load-fashion-mnist';

function histogram(labels: Int32Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}

describe('loadFashionMnist', () => {
  it('reads the shipped test split', async () => {
    const set = await loadFashionMnist({ split: 'test' });
    expect(set.name).toBe('fashion-mnist/test');
    expect(set.shape).toEqual([10000, 28, 28, 1]);
    expect(set.numClasses).toBe(10);
    expect(histogram(set.labels, 10)).toEqual(new Array(10).fill(1000));
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const value of set.images) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
  });

  const hasTrain = existsSync(`${debianFashionMnistDir}/train-images-idx3-ubyte.gz`);
  it.skipIf(!hasTrain)(
    'reads the train split when dataset-fashion-mnist is installed (else skipped)',
    async () => {
      const set = await loadFashionMnist({ split: 'train' });
      expect(set.shape).toEqual([60000, 28, 28, 1]);
      expect(histogram(set.labels, 10)).toEqual(new Array(10).fill(6000));
      // The description's statistics are the measured training-split values.
      let sum = 0;
      let squares = 0;
      for (const value of set.images) {
        sum += value;
        squares += value * value;
      }
      const mean = sum / set.images.length;
      expect(mean).toBeCloseTo(set.normalization.mean[0]!, 3);
      expect(Math.sqrt(squares / set.images.length - mean * mean)).toBeCloseTo(set.normalization.std[0]!, 3);
    },
  );

  it('says how to get a missing split', async () => {
    const error = await loadFashionMnist({
      split: 'train',
      dataDir: '/nonexistent-folder',
    }).catch((e: unknown) => e);
    expect(MissingDataError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/apt-get install dataset-fashion-mnist/);
    expect(String((error as Error).message)).toMatch(/--data-dir/);
  });

  it('rejects an unknown split', async () => {
    await expect(loadFashionMnist({ split: 'validation' as 'test' })).rejects.toThrow(/'train' or 'test'/);
  });
});
