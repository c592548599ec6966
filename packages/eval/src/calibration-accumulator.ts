import { describeValue, InvalidArgumentError } from '@zerosiam/core';

/**
 * Running equal-width confidence bins for the expected calibration error.
 * Bin b holds confidences in (b/B, (b+1)/B]; a confidence of exactly 0 goes to bin 0.
 */
export class CalibrationAccumulator {
  readonly bins: number;
  private readonly counts: Float64Array;
  private readonly confidenceSums: Float64Array;
  private readonly correctSums: Float64Array;
  private total = 0;

  constructor(bins = 15) {
    if (!Number.isInteger(bins) || bins < 1) {
      throw new InvalidArgumentError({
        functionName: 'CalibrationAccumulator',
        argument: 'bins',
        expected: 'a positive integer (15 is the usual choice)',
        received: describeValue(bins),
      });
    }
    this.bins = bins;
    this.counts = new Float64Array(bins);
    this.confidenceSums = new Float64Array(bins);
    this.correctSums = new Float64Array(bins);
  }

  add(confidence: number, correct: boolean): void {
    const bin = Math.min(this.bins - 1, Math.max(0, Math.ceil(confidence * this.bins) - 1));
    this.counts[bin]! += 1;
    this.confidenceSums[bin]! += confidence;
    this.correctSums[bin]! += correct ? 1 : 0;
    this.total += 1;
  }

  /** ECE = Σ_b (n_b / N)·|accuracy_b − confidence_b|, as a fraction in [0, 1]; 0 when empty. */
  value(): number {
    if (this.total === 0) return 0;
    let ece = 0;
    for (let b = 0; b < this.bins; b++) {
      const count = this.counts[b]!;
      if (count === 0) continue;
      ece += (count / this.total) * Math.abs(this.correctSums[b]! / count - this.confidenceSums[b]! / count);
    }
    return ece;
  }
}
