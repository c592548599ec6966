import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { labelShiftOrder } from './label-shift-order';

const numClasses = 10;
const perClass = 20;
const labels = Int32Array.from({ length: numClasses * perClass }, (_, i) => Math.floor(i / perClass));

/** Fraction of steps whose label is the block's majority (major) class. */
function purity(positions: Int32Array, blockLength: number): number {
  let major = 0;
  for (let start = 0; start < positions.length; start += blockLength) {
    const counts = new Array<number>(numClasses).fill(0);
    for (let i = start; i < start + blockLength; i++) counts[labels[positions[i]!]!]!++;
    major += Math.max(...counts);
  }
  return major / positions.length;
}

describe('labelShiftOrder', () => {
  it.each([
    [1000, 1000 / (1000 + numClasses - 1)],
    [500000, 500000 / (500000 + numClasses - 1)],
  ])('block purity ≈ IR/(IR+K−1) for IR = %d', (imbalanceRatio, expected) => {
    const steps = 4000;
    const positions = labelShiftOrder(labels, { imbalanceRatio, steps, rng: new SeededRng(1) });
    expect(positions).toHaveLength(steps);
    const standardError = Math.sqrt((expected * (1 - expected)) / steps);
    expect(Math.abs(purity(positions, steps / numClasses) - expected)).toBeLessThan(4 * standardError + 1e-3);
  });

  it('IR = 1 gives i.i.d. uniform labels (no block structure)', () => {
    const steps = 5000;
    const positions = labelShiftOrder(labels, { imbalanceRatio: 1, steps, rng: new SeededRng(2) });
    const counts = new Array<number>(numClasses).fill(0);
    for (const position of positions) counts[labels[position]!]!++;
    for (const count of counts)
      expect(Math.abs(count - steps / numClasses)).toBeLessThan(4 * Math.sqrt(steps * 0.09));
    // With uniform labels the block-majority fraction stays far below the IR=1000 purity.
    expect(purity(positions, steps / numClasses)).toBeLessThan(0.2);
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
