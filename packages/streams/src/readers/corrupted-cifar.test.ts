import { InvalidArgumentError, MissingDataError } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { int64Bytes, writeNpy } from '../test-support/write-npy';
import { parseCorruptedCifar } from './corrupted-cifar';

const perSeverity = 4;
const rows = 5 * perSeverity;
const pixels = new Uint8Array(rows * 3072);
for (let r = 0; r < rows; r++) pixels.fill(r * 10, r * 3072, (r + 1) * 3072);
const labelValues = Array.from({ length: rows }, (_, i) => i % perSeverity);
const images = writeNpy('|u1', [rows, 32, 32, 3], pixels);
const labels = writeNpy('<i8', [rows], int64Bytes(labelValues));

describe('parseCorruptedCifar', () => {
  it('returns the rows of the requested severity', () => {
    const set = parseCorruptedCifar({ images, labels, dataset: 'cifar10', corruption: 'fog', severity: 3 });
    expect(set.name).toBe('cifar10-c/fog@3');
    expect(set.shape).toEqual([perSeverity, 32, 32, 3]);
    expect(Math.round(set.images[0]! * 255)).toBe(80); // row 8 = severity 3, first image
    expect(Math.round(set.images[3 * 3072]! * 255)).toBe(110);
    expect(Array.from(set.labels)).toEqual([0, 1, 2, 3]);
  });

  it('accepts uint8 labels and a single-severity file', () => {
    const one = writeNpy('|u1', [perSeverity, 32, 32, 3], pixels.subarray(0, perSeverity * 3072));
    const oneLabels = writeNpy('|u1', [perSeverity], Uint8Array.from([5, 6, 7, 8]));
    const set = parseCorruptedCifar({
      images: one,
      labels: oneLabels,
      dataset: 'cifar100',
      corruption: 'snow',
      severity: 5,
      severitiesInFile: 1,
    });
    expect(Array.from(set.labels)).toEqual([5, 6, 7, 8]);
    expect(set.numClasses).toBe(100);
  });

  it('rejects wrong dtypes, mismatched labels, bad severities and labels out of range', () => {
    const floatImages = writeNpy('<f4', [1, 32, 32, 3], new Uint8Array(3072 * 4));
    expect(() =>
      parseCorruptedCifar({
        images: floatImages,
        labels,
        dataset: 'cifar10',
        corruption: 'fog',
        severity: 1,
      }),
    ).toThrow(/uint8 \(\|u1\)/);
    const shortLabels = writeNpy('<i8', [rows - 1], int64Bytes(labelValues.slice(1)));
    expect(() =>
      parseCorruptedCifar({
        images,
        labels: shortLabels,
        dataset: 'cifar10',
        corruption: 'fog',
        severity: 1,
        labelsFileName: 'labels.npy',
      }),
    ).toThrow(/labels\.npy.*shape \(20\)/);
    expect(() =>
      parseCorruptedCifar({ images, labels, dataset: 'cifar10', corruption: 'fog', severity: 6 }),
    ).toThrow(InvalidArgumentError);
    const badLabels = writeNpy('<i8', [rows], int64Bytes(labelValues.map((v) => v + 7)));
    expect(() =>
      parseCorruptedCifar({ images, labels: badLabels, dataset: 'cifar10', corruption: 'fog', severity: 1 }),
    ).toThrow(MissingDataError);
  });
});
