import { MissingDataError } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { int64Bytes, writeNpy } from '../test-support/write-npy';
import { parseNpy } from './parse-npy';

describe('parseNpy', () => {
  it('reads uint8, int64 and float32 arrays with their shapes', () => {
    const bytes = writeNpy('|u1', [2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
    expect(parseNpy(bytes)).toEqual({
      dtype: '|u1',
      shape: [2, 3],
      data: Uint8Array.from([1, 2, 3, 4, 5, 6]),
    });
    const labels = parseNpy(writeNpy('<i8', [3], int64Bytes([7, 0, 9])));
    expect(labels.shape).toEqual([3]);
    expect(Array.from(labels.data)).toEqual([7, 0, 9]);
    const floats = parseNpy(writeNpy('<f4', [2], new Uint8Array(Float32Array.from([0.5, -2]).buffer)));
    expect(Array.from(floats.data)).toEqual([0.5, -2]);
  });

  it('rejects bad magic, truncation, Fortran order and unknown dtypes', () => {
    const good = writeNpy('|u1', [4], Uint8Array.from([1, 2, 3, 4]));
    const badMagic = good.slice();
    badMagic[1] = 0x41;
    expect(() => parseNpy(badMagic, 'a.npy')).toThrow(/a\.npy.*\\x93NUMPY/);
    expect(() => parseNpy(good.subarray(0, good.length - 1), 'b.npy')).toThrow(
      /b\.npy.*4 data bytes.*truncated/,
    );
    expect(() => parseNpy(good.subarray(0, 30), 'c.npy')).toThrow(/header/);
    expect(() => parseNpy(writeNpy('|u1', [1], Uint8Array.of(1), { fortranOrder: true }))).toThrow(
      /C \(row-major\)/,
    );
    expect(() => parseNpy(writeNpy('>f8', [1], new Uint8Array(8)))).toThrow(MissingDataError);
  });
});
