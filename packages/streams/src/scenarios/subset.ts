import { InvalidArgumentError, SeededRng, describeValue } from '@zerosiam/core';

/** Keep only part of each domain, for quick presets: the first `count` samples or a seeded random `count`. */
export interface SubsetOptions {
  readonly count: number;
  /** `first` keeps indices 0..count−1; `random` a seeded sample (sorted, so class order is kept). Default `first`. */
  readonly mode?: 'first' | 'random';
  /** Seed of the `random` sample; defaults to the scenario seed. */
  readonly seed?: number;
}

/**
 * The sample indices of a set of `size` samples kept by `subset` (all of them when undefined).
 * A random subset is returned in ascending order so "dataset order" stays meaningful.
 */
export function selectSubset(
  size: number,
  subset: SubsetOptions | undefined,
  defaultSeed: number,
): Int32Array {
  if (subset === undefined) {
    const all = new Int32Array(size);
    for (let i = 0; i < size; i++) all[i] = i;
    return all;
  }
  if (typeof subset !== 'object' || subset === null || !Number.isInteger(subset.count) || subset.count < 1) {
    throw new InvalidArgumentError({
      functionName: 'selectSubset',
      argument: 'subset.count',
      expected: 'a positive integer',
      received: describeValue(subset?.count),
      fix: 'pass e.g. { count: 1000, mode: "random" }.',
    });
  }
  const mode = subset.mode ?? 'first';
  if (mode !== 'first' && mode !== 'random') {
    throw new InvalidArgumentError({
      functionName: 'selectSubset',
      argument: 'subset.mode',
      expected: "'first' or 'random'",
      received: describeValue(mode),
    });
  }
  const count = Math.min(subset.count, size);
  if (mode === 'first') return selectSubset(count, undefined, defaultSeed);
  const chosen = new SeededRng(subset.seed ?? defaultSeed)
    .fork('subset')
    .choice(size, count, { replace: false });
  return chosen.sort();
}
