import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingDataError } from '@zerosiam/core';
import { encode } from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { imagenetCorruptedStream } from './imagenet-corrupted-stream';

const root = mkdtempSync(join(tmpdir(), 'imagenet-c-'));
const wnids = ['n01440764', 'n01443537', 'n01484850'];
for (const [label, wnid] of wnids.entries()) {
  const folder = join(root, 'fog', '5', wnid);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 3; i++) {
    const data = new Uint8Array(224 * 224 * 4).fill(40 + 80 * label);
    writeFileSync(
      join(folder, `ILSVRC2012_val_${label}${i}.JPEG`),
      encode({ width: 224, height: 224, data }, 90).data,
    );
  }
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('imagenetCorruptedStream', () => {
  it('streams batches lazily, labels from sorted class folders, final partial batch kept', async () => {
    const stream = await imagenetCorruptedStream({ root, corruption: 'fog', severity: 5, batchSize: 4 });
    expect(stream.info.length).toBe(9);
    expect(stream.info.domains).toEqual(['fog@5']);
    expect(stream.info.normalization.mean).toEqual([0.485, 0.456, 0.406]);
    const sizes: number[] = [];
    const labels: number[] = [];
    for await (const batch of stream) {
      sizes.push(batch.shape[0]);
      expect(batch.shape.slice(1)).toEqual([224, 224, 3]);
      labels.push(...batch.labels);
      for (let s = 0; s < batch.shape[0]; s++) {
        expect(batch.images[s * 224 * 224 * 3]! * 255).toBeCloseTo(40 + 80 * batch.labels[s]!, -1);
      }
    }
    expect(sizes).toEqual([4, 4, 1]);
    expect(labels).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it('shuffles with a seed and takes subsets', async () => {
    const a = await imagenetCorruptedStream({
      root,
      corruption: 'fog',
      severity: 5,
      batchSize: 9,
      shuffle: true,
      seed: 1,
    });
    const b = await imagenetCorruptedStream({
      root,
      corruption: 'fog',
      severity: 5,
      batchSize: 9,
      shuffle: true,
      seed: 1,
    });
    const first = async (stream: AsyncIterable<{ indices: Int32Array }>) => {
      for await (const batch of stream) return Array.from(batch.indices);
      return [];
    };
    const order = await first(a);
    expect(order).toEqual(await first(b));
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const small = await imagenetCorruptedStream({
      root,
      corruption: 'fog',
      severity: 5,
      batchSize: 2,
      subset: { count: 2 },
    });
    expect(small.info.length).toBe(2);
  });

  it('says how to get a missing folder', async () => {
    await expect(
      imagenetCorruptedStream({ root, corruption: 'snow', severity: 5, batchSize: 4 }),
    ).rejects.toSatisfy(
      (error: unknown) => MissingDataError.isInstance(error) && /zenodo/.test((error as Error).message),
    );
    await expect(
      imagenetCorruptedStream({ root, corruption: 'fog', severity: 0, batchSize: 4 }),
    ).rejects.toThrow(/\[1, 5\]/);
  });
});
