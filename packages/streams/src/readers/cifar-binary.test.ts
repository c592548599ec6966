import { MissingDataError } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { parseCifar100Batches, parseCifar10Batches } from './cifar-binary';

/** Records with label byte(s) then planar R, G, B; pixel value encodes (record, channel, position). */
function makeRecords(labels: readonly (readonly number[])[]): Uint8Array {
  const recordLength = labels[0]!.length + 3072;
  const out = new Uint8Array(labels.length * recordLength);
  labels.forEach((recordLabels, r) => {
    const offset = r * recordLength;
    out.set(recordLabels, offset);
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++)
        out[offset + recordLabels.length + c * 1024 + p] = (r * 50 + c * 80 + p) % 256;
    }
  });
  return out;
}

describe('CIFAR binary batches', () => {
  it('decodes CIFAR-10 planar records into NHWC in [0, 1], across files', () => {
    const set = parseCifar10Batches([
      { bytes: makeRecords([[3], [9]]), fileName: 'data_batch_1.bin' },
      { bytes: makeRecords([[0]]), fileName: 'data_batch_2.bin' },
    ]);
    expect(set.shape).toEqual([3, 32, 32, 3]);
    expect(Array.from(set.labels)).toEqual([3, 9, 0]);
    // Record 1, pixel 5: R = 55, G = 135, B = 215.
    const base = 1 * 3072 + 5 * 3;
    expect(
      [set.images[base]! * 255, set.images[base + 1]! * 255, set.images[base + 2]! * 255].map(Math.round),
    ).toEqual([55, 135, 215]);
    expect(set.normalization.mean).toHaveLength(3);
  });

  it('reads CIFAR-100 coarse and fine labels', () => {
    const set = parseCifar100Batches([
      {
        bytes: makeRecords([
          [19, 99],
          [0, 4],
        ]),
        fileName: 'test.bin',
      },
    ]);
    expect(Array.from(set.labels)).toEqual([99, 4]);
    expect(Array.from(set.coarseLabels)).toEqual([19, 0]);
    expect(set.classNames).toHaveLength(100);
    expect(set.coarseClassNames).toHaveLength(20);
    expect(set.classNames?.[99]).toBe('worm');
  });

  it('rejects truncated files and out-of-range labels, naming the file', () => {
    const bytes = makeRecords([[1], [2]]);
    expect(() => parseCifar10Batches([{ bytes: bytes.subarray(0, 5000), fileName: 'cut.bin' }])).toThrow(
      /cut\.bin.*3073-byte records/,
    );
    expect(() => parseCifar10Batches([{ bytes: makeRecords([[10]]), fileName: 'x.bin' }])).toThrow(
      MissingDataError,
    );
    expect(() => parseCifar100Batches([{ bytes: makeRecords([[20, 1]]), fileName: 'y.bin' }])).toThrow(
      /label 20/,
    );
    expect(() => parseCifar10Batches([])).toThrow(/non-empty array/);
  });
});
