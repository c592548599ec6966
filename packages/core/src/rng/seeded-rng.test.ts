import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { logGamma } from './log-gamma';
import { SeededRng } from './seeded-rng';

function moments(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

describe('SeededRng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new SeededRng(2021);
    const b = new SeededRng(2021);
    const c = new SeededRng(2022);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it('fork depends on the label and the seed, not on draws made so far', () => {
    const a = new SeededRng(7);
    const childBefore = a.fork('stream').uniform();
    a.uniform();
    expect(a.fork('stream').uniform()).toBe(childBefore);
    expect(a.fork('other').uniform()).not.toBe(childBefore);
    expect(new SeededRng(8).fork('stream').uniform()).not.toBe(childBefore);
  });

  test.prop([fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 100 })], {
    numRuns: 50,
  })('integer(low, high) stays in [low, high) — the upper bound is exclusive', (seed, low, width) => {
    const rng = new SeededRng(seed);
    for (let i = 0; i < 50; i++) {
      const x = rng.integer(low, low + width);
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(low);
      expect(x).toBeLessThan(low + width);
    }
  });

  it('integer(-d, d) reaches -d and never d (glass blur relies on this bias)', () => {
    const rng = new SeededRng(1);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.integer(-2, 2)));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1].sort());
  });

  it('uniform and normal have the right moments', () => {
    const rng = new SeededRng(3);
    const u = moments(Array.from({ length: 20000 }, () => rng.uniform()));
    expect(u.mean).toBeCloseTo(0.5, 1);
    expect(u.variance).toBeCloseTo(1 / 12, 2);
    const n = moments(Array.from({ length: 20000 }, () => rng.normal(2, 3)));
    expect(Math.abs(n.mean - 2)).toBeLessThan(0.1);
    expect(Math.abs(Math.sqrt(n.variance) - 3)).toBeLessThan(0.1);
  });

  it.each([0.5, 3, 9.9, 12, 60, 500, 5000])(
    'poisson(%d) has mean ≈ variance ≈ λ (valid for large λ)',
    (lambda) => {
      const rng = new SeededRng(4);
      const draws = Array.from({ length: 8000 }, () => rng.poisson(lambda));
      expect(draws.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
      const m = moments(draws);
      const se = Math.sqrt(lambda / draws.length);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * se);
      expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.1);
    },
  );

  it.each([0.05, 0.7, 1, 4.5])('gamma(%d) has mean ≈ shape', (shape) => {
    const rng = new SeededRng(5);
    const m = moments(Array.from({ length: 20000 }, () => rng.gamma(shape)));
    expect(Math.abs(m.mean - shape)).toBeLessThan(0.05 * Math.max(1, shape));
  });

  it('dirichlet sums to 1, has mean α/Σα, and survives tiny concentrations', () => {
    const rng = new SeededRng(6);
    const alpha = [1, 2, 3, 4];
    const sums = [0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      const p = rng.dirichlet(alpha);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      p.forEach((v, k) => {
        sums[k]! += v;
      });
    }
    sums.forEach((s, k) => {
      expect(s / 5000).toBeCloseTo(alpha[k]! / 10, 1);
    });
    const tiny = rng.dirichlet(new Array(100).fill(0.01));
    expect(tiny.every(Number.isFinite)).toBe(true);
    expect(tiny.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(Math.max(...tiny)).toBeGreaterThan(0.3);
  });

  test.prop([fc.integer(), fc.integer({ min: 0, max: 200 })], { numRuns: 50 })(
    'permutation is a permutation',
    (seed, n) => {
      const perm = new SeededRng(seed).permutation(n);
      expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    },
  );

  it('choice without replacement gives distinct indices; categorical follows its weights', () => {
    const rng = new SeededRng(9);
    const picked = rng.choice(10, 10, { replace: false });
    expect(new Set(picked).size).toBe(10);
    const counts = [0, 0, 0];
    for (let i = 0; i < 9000; i++) counts[rng.categorical([1, 2, 6])]!++;
    expect(counts[2]! / 9000).toBeCloseTo(6 / 9, 1);
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => new SeededRng(1.5)).toThrow(InvalidArgumentError);
    const rng = new SeededRng(1);
    expect(() => rng.integer(3, 3)).toThrow(/exclusive/);
    expect(() => rng.poisson(-1)).toThrow(InvalidArgumentError);
    expect(() => rng.gamma(0)).toThrow(InvalidArgumentError);
    expect(() => rng.choice(3, 5, { replace: false })).toThrow(/replace: true/);
    expect(() => rng.categorical([0, 0])).toThrow(InvalidArgumentError);
    expect(() => rng.dirichlet([])).toThrow(InvalidArgumentError);
  });

  it('logGamma matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8);
  });
});
