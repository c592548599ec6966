import { InvalidArgumentError } from '@zerosiam/core';

/**
 * Center dominance — OUR OWN definition (the paper does not define it, methods.md §2.4):
 * CD = ‖mean_i u_i‖₂ / mean_i ‖u_i‖₂ over a set of logit vectors u_i. It lies in [0, 1] and
 * tends to 1 when every output becomes the same vector (collapse); diverse outputs that
 * point in different directions keep it low. Returns 0 for an empty set or all-zero logits.
 */
export function centerDominance(logits: Float32Array, count: number, numClasses: number): number {
  if (logits.length !== count * numClasses) {
    throw new InvalidArgumentError({
      functionName: 'centerDominance',
      argument: 'logits',
      expected: `${count * numClasses} values ([${count}, ${numClasses}] row-major)`,
      received: `${logits.length} values`,
    });
  }
  const sum = new Float64Array(numClasses);
  let normSum = 0;
  for (let i = 0; i < count; i++) {
    let squares = 0;
    for (let c = 0; c < numClasses; c++) {
      const value = logits[i * numClasses + c]!;
      sum[c]! += value;
      squares += value * value;
    }
    normSum += Math.sqrt(squares);
  }
  return centerDominanceFromSums(sum, normSum);
}

/** CD from running sums: ‖Σ u‖ / Σ ‖u‖ (the 1/n factors cancel). */
export function centerDominanceFromSums(logitSum: ArrayLike<number>, normSum: number): number {
  if (normSum <= 0) return 0;
  let squares = 0;
  for (let c = 0; c < logitSum.length; c++) squares += logitSum[c]! * logitSum[c]!;
  return Math.sqrt(squares) / normSum;
}
