import { InvalidArgumentError, type SeededRng, describeValue } from '@zerosiam/core';

/**
 * Aligns the source model's misclassified samples to exactly `targetLength` entries, as ZeroSiam's
 * blind-spot protocol does (methods.md §2.3): with at least `targetLength` wrong samples draw
 * `targetLength` of them at random; otherwise repeat the whole list in dataset (class-sorted)
 * order as many times as it fits, then fill the remainder with a random sample of it.
 *
 * @param wrong sample indices the unadapted model gets wrong (sorted ascending here).
 */
export function blindSpotOrder(wrong: ArrayLike<number>, targetLength: number, rng: SeededRng): Int32Array {
  const functionName = 'blindSpotOrder';
  if (!Number.isInteger(targetLength) || targetLength < 1) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'targetLength',
      expected: 'a positive integer',
      received: describeValue(targetLength),
    });
  }
  const sorted = Int32Array.from(wrong).sort();
  if (sorted.length === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'wrong',
      expected: 'at least one misclassified sample index',
      received: 'an empty list',
      fix: 'the source model is right on every sample of this domain, so there is no blind spot to adapt on; skip the domain.',
    });
  }
  if (sorted.length >= targetLength) {
    const picked = rng.choice(sorted.length, targetLength, { replace: false });
    return picked.map((position) => sorted[position]!);
  }
  const out = new Int32Array(targetLength);
  const repeats = Math.floor(targetLength / sorted.length);
  for (let r = 0; r < repeats; r++) out.set(sorted, r * sorted.length);
  const remainder = targetLength - repeats * sorted.length;
  const fill = rng.choice(sorted.length, remainder, { replace: false });
  for (let i = 0; i < remainder; i++) out[repeats * sorted.length + i] = sorted[fill[i]!]!;
  return out;
}
