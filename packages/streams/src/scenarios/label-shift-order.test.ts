import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { labelShiftOrder } from './label-shift-order';

const numClasses = 10;
const perClass = 20;
const labels = Int32Array.from({ length: numClasses * perClass }, (_, i) => Math.floor(i / perClass));

/**
 * Fraction of steps whose label is the block's designated major class. The class order is the
 * first draw labelShiftOrder makes, so a generator with the same seed reproduces it.
 */
function majorFraction(positions: Int32Array, seed: number): number {
  const classOrder = new SeededRng(seed).permutation(numClasses);
  const blockLength = positions.length / numClasses;
  let major = 0;
  for (let i = 0; i < positions.length; i++) {
    if (labels[positions[i]!] === classOrder[Math.floor(i / blockLength)]) major++;
  }
  return major / positions.length;
}

describe('labelShiftOrder', () => {
  it.each([1, 1000, 500000])(
    'block purity ≈ IR/(IR+K−1) within sampling error for IR = %d',
    (imbalanceRatio) => {
      const steps = 5000;
      const expected = imbalanceRatio / (imbalanceRatio + numClasses - 1);
      const positions = labelShiftOrder(labels, { imbalanceRatio, steps, rng: new SeededRng(11) });
      expect(positions).toHaveLength(steps);
      const standardError = Math.sqrt((expected * (1 - expected)) / steps);
      expect(Math.abs(majorFraction(positions, 11) - expected)).toBeLessThan(4 * standardError + 1e-3);
    },
  );

  it('IR = 1 gives uniform labels', () => {
    const steps = 5000;
    const positions = labelShiftOrder(labels, { imbalanceRatio: 1, steps, rng: new SeededRng(2) });
    const counts = new Array<number>(numClasses).fill(0);
    for (const position of positions) counts[labels[position]!]!++;
    for (const count of counts)
      expect(Math.abs(count - steps / numClasses)).toBeLessThan(4 * Math.sqrt(steps * 0.09));
  });

  it('visits the classes in a shuffled block order and draws with replacement within class', () => {
    const positions = labelShiftOrder(labels, {
      imbalanceRatio: Number.POSITIVE_INFINITY,
      steps: 1000,
      rng: new SeededRng(3),
    });
    const blockClasses = Array.from({ length: numClasses }, (_, b) => labels[positions[b * 100]!]!);
    expect([...blockClasses].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(blockClasses).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(positions.subarray(0, 100)).size).toBeLessThan(100); // 100 draws from 20 images
    // Steps not divisible by K still give exactly T steps.
    expect(labelShiftOrder(labels, { imbalanceRatio: 10, steps: 1003, rng: new SeededRng(3) })).toHaveLength(
      1003,
    );
  });

  it('is deterministic for a seed', () => {
    const a = labelShiftOrder(labels, { imbalanceRatio: 1000, steps: 500, rng: new SeededRng(7) });
    const b = labelShiftOrder(labels, { imbalanceRatio: 1000, steps: 500, rng: new SeededRng(7) });
    expect(a).toEqual(b);
  });

  it('rejects IR < 1 and bad step counts', () => {
    expect(() => labelShiftOrder(labels, { imbalanceRatio: 0.5, steps: 10, rng: new SeededRng(1) })).toThrow(
      />= 1/,
    );
    expect(() =>
      labelShiftOrder(labels, { imbalanceRatio: Number.NaN, steps: 10, rng: new SeededRng(1) }),
    ).toThrow();
    expect(() => labelShiftOrder(labels, { imbalanceRatio: 2, steps: 0, rng: new SeededRng(1) })).toThrow(
      /positive/,
    );
  });
});
