import { SeededRng } from '@zerosiam/core';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dirichletOrder } from './dirichlet-order';

const numClasses = 10;
const labels = Int32Array.from({ length: 1000 }, (_, i) => i % numClasses);

function meanRunLength(order: Int32Array): number {
  let runs = 1;
  for (let i = 1; i < order.length; i++) if (labels[order[i]!] !== labels[order[i - 1]!]) runs++;
  return order.length / runs;
}

describe('dirichletOrder', () => {
  test.prop([fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.01, 0.1, 1, 100)], { numRuns: 12 })(
    'is a permutation of the samples',
    (seed, concentration) => {
      const order = dirichletOrder(labels, { concentration, numClasses, rng: new SeededRng(seed) });
      expect(Array.from(order).sort((a, b) => a - b)).toEqual(
        Array.from({ length: labels.length }, (_, i) => i),
      );
    },
  );

  it('small δ gives much longer single-class runs than large δ', () => {
    const runs = (concentration: number) => {
      let total = 0;
      for (let seed = 0; seed < 5; seed++) {
        total += meanRunLength(
          dirichletOrder(labels, { concentration, numClasses, rng: new SeededRng(seed) }),
        );
      }
      return total / 5;
    };
    const correlated = runs(0.01);
    const nearIid = runs(100);
    expect(correlated).toBeGreaterThan(30);
    expect(nearIid).toBeLessThan(correlated / 4);
  });

  it('is deterministic for a seed and rejects bad δ or labels', () => {
    const a = dirichletOrder(labels, { concentration: 0.1, numClasses, rng: new SeededRng(4) });
    expect(dirichletOrder(labels, { concentration: 0.1, numClasses, rng: new SeededRng(4) })).toEqual(a);
    expect(() => dirichletOrder(labels, { concentration: 0, numClasses, rng: new SeededRng(4) })).toThrow(
      /> 0/,
    );
    expect(() =>
      dirichletOrder(Int32Array.of(0, 12), { concentration: 1, numClasses, rng: new SeededRng(4) }),
    ).toThrow(/label 12/);
    expect(() =>
      dirichletOrder(labels, {
        concentration: 0.01,
        numClasses,
        rng: new SeededRng(4),
        minChunkSize: 500,
        maxAttempts: 3,
      }),
    ).toThrow(/minChunkSize/);
  });
});
