import { describeValue, InvalidArgumentError } from '@zerosiam/core';

/** Per-sample numbers derived from one batch of logits. */
export interface LogitStatistics {
  /** argmax per sample. */
  readonly predictions: Int32Array;
  /** ‖u‖₂ per sample. */
  readonly norms: Float64Array;
  /** max softmax per sample. */
  readonly confidences: Float64Array;
  /** −logsumexp(u) per sample. */
  readonly energies: Float64Array;
  /** H(softmax u) / ln C per sample, in [0, 1]. */
  readonly normalizedEntropies: Float64Array;
}

/**
 * Logit statistics of the paper's per-batch log (methods.md §2.4), computed on the host in
 * float64 from a row-major [batch, classes] array, so they are the same on every backend.
 * logsumexp is shifted by the row maximum; entropy uses log p = u − lse, never log(softmax).
 */
export function logitStatistics(
  logits: Float32Array,
  batchSize: number,
  numClasses: number,
): LogitStatistics {
  if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(numClasses) || numClasses < 2) {
    throw new InvalidArgumentError({
      functionName: 'logitStatistics',
      argument: 'batchSize/numClasses',
      expected: 'a positive integer batch size and at least 2 classes',
      received: `batchSize ${describeValue(batchSize)}, numClasses ${describeValue(numClasses)}`,
    });
  }
  if (logits.length !== batchSize * numClasses) {
    throw new InvalidArgumentError({
      functionName: 'logitStatistics',
      argument: 'logits',
      expected: `${batchSize * numClasses} values ([${batchSize}, ${numClasses}] row-major)`,
      received: `${logits.length} values`,
    });
  }
  const predictions = new Int32Array(batchSize);
  const norms = new Float64Array(batchSize);
  const confidences = new Float64Array(batchSize);
  const energies = new Float64Array(batchSize);
  const normalizedEntropies = new Float64Array(batchSize);
  const logClasses = Math.log(numClasses);
  for (let i = 0; i < batchSize; i++) {
    const offset = i * numClasses;
    let max = Number.NEGATIVE_INFINITY;
    let argmax = 0;
    let squares = 0;
    for (let c = 0; c < numClasses; c++) {
      const value = logits[offset + c]!;
      squares += value * value;
      if (value > max) {
        max = value;
        argmax = c;
      }
    }
    let sumExp = 0;
    for (let c = 0; c < numClasses; c++) sumExp += Math.exp(logits[offset + c]! - max);
    const logSumExp = max + Math.log(sumExp);
    // H = lse − Σ p·u, with p = exp(u − lse); exact for underflowing entries (p·u → 0).
    let expectedLogit = 0;
    for (let c = 0; c < numClasses; c++) {
      const value = logits[offset + c]!;
      expectedLogit += Math.exp(value - logSumExp) * value;
    }
    predictions[i] = argmax;
    norms[i] = Math.sqrt(squares);
    confidences[i] = Math.exp(max - logSumExp);
    energies[i] = -logSumExp;
    normalizedEntropies[i] = Math.min(1, Math.max(0, (logSumExp - expectedLogit) / logClasses));
  }
  return { predictions, norms, confidences, energies, normalizedEntropies };
}
