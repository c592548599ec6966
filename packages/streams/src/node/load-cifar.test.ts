import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingDataError } from '@zerosiam/core';
import { afterAll, describe, expect, it } from 'vitest';
import { int64Bytes, writeNpy } from '../test-support/write-npy';
import { loadCifar10, loadCifar100, loadCorruptedCifar } from './load-cifar';

const folder = mkdtempSync(join(tmpdir(), 'cifar-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function record(labels: number[]): Uint8Array {
  const out = new Uint8Array(labels.length + 3072);
  out.set(labels);
  return out;
}

describe('CIFAR file loaders', () => {
  it('reads the test batch of CIFAR-10 and CIFAR-100', async () => {
    writeFileSync(join(folder, 'test_batch.bin'), record([7]));
    writeFileSync(join(folder, 'test.bin'), record([3, 42]));
    expect(Array.from((await loadCifar10({ split: 'test', dataDir: folder })).labels)).toEqual([7]);
    const hundred = await loadCifar100({ split: 'test', dataDir: folder });
    expect([hundred.labels[0], hundred.coarseLabels[0]]).toEqual([42, 3]);
  });

  it('reads a CIFAR-10-C corruption file and says how to get a missing one', async () => {
    writeFileSync(join(folder, 'fog.npy'), writeNpy('|u1', [5, 32, 32, 3], new Uint8Array(5 * 3072)));
    writeFileSync(join(folder, 'labels.npy'), writeNpy('<i8', [5], int64Bytes([0, 1, 2, 3, 4])));
    const set = await loadCorruptedCifar({
      dataDir: folder,
      dataset: 'cifar10',
      corruption: 'fog',
      severity: 4,
    });
    expect(Array.from(set.labels)).toEqual([3]);
    const error = await loadCorruptedCifar({
      dataDir: folder,
      dataset: 'cifar10',
      corruption: 'snow',
      severity: 1,
    }).catch((e: unknown) => e);
    expect(MissingDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/snow\.npy.*does not exist.*zenodo/);
    await expect(loadCifar10({ split: 'train', dataDir: folder })).rejects.toThrow(/data_batch_1\.bin/);
  });
});
