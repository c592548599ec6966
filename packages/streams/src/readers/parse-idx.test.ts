import { MissingDataError } from '@zerosiam/core';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeIdxPair, writeIdx } from '../test-support/write-idx';
import { fashionMnistDescription } from './dataset-description';
import { idxImageSet } from './idx-image-set';
import { parseIdx } from './parse-idx';

describe('parseIdx', () => {
  it('round-trips raw and gzip bytes', () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    const raw = writeIdx([2, 3], data);
    for (const bytes of [raw, gzipSync(raw)]) {
      const parsed = parseIdx(bytes, 'x.idx');
      expect(parsed.dims).toEqual([2, 3]);
      expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('rejects a wrong magic number, naming the file', () => {
    const bytes = writeIdx([2], Uint8Array.from([0, 1]));
    bytes[2] = 0x0d; // float elements
    expect(() => parseIdx(bytes, 'bad.idx')).toThrow(/bad\.idx.*magic number 00 00 0d 01/);
    expect(() => parseIdx(Uint8Array.from([0x50, 0x4b, 3, 4]), 'zip.idx')).toThrow(MissingDataError);
  });

  it('rejects truncated files and trailing bytes', () => {
    const bytes = writeIdx([4], Uint8Array.from([0, 1, 2, 3]));
    expect(() => parseIdx(bytes.subarray(0, bytes.length - 1), 't.idx')).toThrow(
      /4 data bytes.*3 bytes \(the file is truncated\)/,
    );
    expect(() => parseIdx(bytes.subarray(0, 6), 't.idx')).toThrow(/header/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => parseIdx(longer, 't.idx')).toThrow(/trailing/);
    const gz = gzipSync(bytes);
    expect(() => parseIdx(gz.subarray(0, gz.length - 6), 'cut.gz')).toThrow(MissingDataError);
  });
});

describe('idxImageSet', () => {
  it('scales pixels to [0, 1], NHWC, and carries the description', () => {
    const { images, labels } = makeIdxPair(5);
    const set = idxImageSet({
      images: gzipSync(images),
      labels,
      description: fashionMnistDescription,
    });
    expect(set.shape).toEqual([5, 28, 28, 1]);
    expect(set.images[1]).toBeCloseTo(37 / 255, 6);
    expect(Array.from(set.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(set.normalization).toEqual({ mean: [0.286], std: [0.353] });
    expect(set.classNames?.[9]).toBe('Ankle boot');
  });

  it('rejects count mismatches, out-of-range labels and swapped files', () => {
    const { images } = makeIdxPair(5);
    const fewLabels = writeIdx([4], Uint8Array.from([0, 1, 2, 3]));
    expect(() =>
      idxImageSet({
        images,
        labels: fewLabels,
        description: fashionMnistDescription,
        labelsFileName: 'l.idx',
      }),
    ).toThrow(/l\.idx.*5 labels.*received|l\.idx.*expected 5 labels.*found 4 labels/);
    const badLabels = writeIdx([5], Uint8Array.from([0, 1, 2, 3, 10]));
    expect(() =>
      idxImageSet({
        images,
        labels: badLabels,
        description: fashionMnistDescription,
      }),
    ).toThrow(/label 10 at position 4/);
    expect(() =>
      idxImageSet({
        images: badLabels,
        labels: images,
        description: fashionMnistDescription,
      }),
    ).toThrow(MissingDataError);
  });
});
