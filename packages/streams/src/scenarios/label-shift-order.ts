import { InvalidArgumentError, type SeededRng, describeValue } from '@zerosiam/core';

export interface LabelShiftOrderOptions {
  /** IR ≥ 1: the major class has probability IR/(IR+K−1), every other 1/(IR+K−1). Infinity = pure class blocks. */
  readonly imbalanceRatio: number;
  /** Time steps T (samples emitted). */
  readonly steps: number;
  readonly rng: SeededRng;
}

/**
 * SAR's online imbalanced label shift (corruptions-and-streams.md §5.5). The K classes present in
 * `labels` are visited in a shuffled order, each the major class of a block of T/K consecutive
 * steps (the first T mod K blocks get one more, so exactly T steps come out; SAR drops the
 * remainder instead). At each step a label is drawn from the block's distribution, then an entry
 * of that label uniformly with replacement.
 *
 * @returns positions into `labels`, length `steps` (repeats allowed).
 */
export function labelShiftOrder(labels: Int32Array, options: LabelShiftOrderOptions): Int32Array {
  const functionName = 'labelShiftOrder';
  const { imbalanceRatio, steps, rng } = options;
  if (typeof imbalanceRatio !== 'number' || Number.isNaN(imbalanceRatio) || imbalanceRatio < 1) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'imbalanceRatio',
      expected: 'a number >= 1 (1 = i.i.d. labels, 500000 = SAR default, Infinity = pure class order)',
      received: describeValue(imbalanceRatio),
    });
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'steps',
      expected: 'a positive integer',
      received: describeValue(steps),
    });
  }
  const byClass = new Map<number, number[]>();
  labels.forEach((label, position) => {
    const members = byClass.get(label);
    if (members) members.push(position);
    else byClass.set(label, [position]);
  });
  if (byClass.size === 0) {
    throw new InvalidArgumentError({
      functionName,
      argument: 'labels',
      expected: 'at least one sample',
      received: 'no samples',
    });
  }
  // Classes without samples cannot be drawn, so K counts the classes present.
  const classes = Array.from(byClass.keys()).sort((a, b) => a - b);
  const k = classes.length;
  const majorProbability =
    imbalanceRatio === Number.POSITIVE_INFINITY ? 1 : imbalanceRatio / (imbalanceRatio + k - 1);
  const classOrder = rng.permutation(k);
  const out = new Int32Array(steps);
  const base = Math.floor(steps / k);
  const extra = steps % k;
  let step = 0;
  for (let block = 0; block < k; block++) {
    const major = classOrder[block]!;
    const blockLength = base + (block < extra ? 1 : 0);
    for (let i = 0; i < blockLength; i++, step++) {
      let drawn = major;
      if (k > 1 && rng.uniform() >= majorProbability) {
        // Uniform over the other K − 1 classes.
        drawn = rng.integer(0, k - 1);
        if (drawn >= major) drawn++;
      }
      const members = byClass.get(classes[drawn]!)!;
      out[step] = members[rng.integer(0, members.length)]!;
    }
  }
  return out;
}
