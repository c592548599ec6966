import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import { centerDominanceFromSums } from './center-dominance';
import { histogramEntropy } from './histogram-entropy';

interface WindowEntry {
  readonly count: number;
  readonly predictionCounts: Int32Array;
  readonly labelCounts: Int32Array;
  readonly logitSum: Float64Array;
  readonly normSum: number;
}

/** What the window currently holds, summarised. */
export interface WindowSummary {
  /** Samples in the window (whole batches, so it may exceed the nominal size by less than one batch). */
  readonly samples: number;
  /** True once the window holds at least `windowSize` samples. */
  readonly full: boolean;
  /** Normalised entropy of the predicted-class histogram, in [0, 1]. */
  readonly predictionEntropy: number;
  /** Share of the predictions that go to the most frequent predicted class. */
  readonly topPredictionShare: number;
  /** Share of the labels that belong to the most frequent label. */
  readonly topLabelShare: number;
  /**
   * Share of the labels that belong to the most frequently PREDICTED class (0 when the window has
   * no labels): how far the labels justify the dominant prediction.
   */
  readonly dominantClassLabelShare: number;
  /** Normalised entropy of the label histogram, in [0, 1]. */
  readonly labelEntropy: number;
  /** Center dominance ‖Σu‖ / Σ‖u‖ over the window (our definition, see centerDominance). */
  readonly centerDominance: number;
}

/**
 * The last `windowSize` samples of a stream, kept as per-batch summaries with running totals,
 * so each update costs O(classes) whatever the window length.
 */
export class SlidingWindow {
  readonly windowSize: number;
  readonly numClasses: number;
  private readonly entries: WindowEntry[] = [];
  private head = 0;
  private count = 0;
  private normSum = 0;
  private readonly predictionCounts: Int32Array;
  private readonly labelCounts: Int32Array;
  private readonly logitSum: Float64Array;

  constructor(windowSize: number, numClasses: number) {
    if (!Number.isInteger(windowSize) || windowSize < 1) {
      throw new InvalidArgumentError({
        functionName: 'SlidingWindow',
        argument: 'windowSize',
        expected: 'a positive integer number of samples',
        received: describeValue(windowSize),
      });
    }
    this.windowSize = windowSize;
    this.numClasses = numClasses;
    this.predictionCounts = new Int32Array(numClasses);
    this.labelCounts = new Int32Array(numClasses);
    this.logitSum = new Float64Array(numClasses);
  }

  /** Adds one batch: predictions and labels [batch], logits [batch, classes] row-major, norms [batch]. */
  push(predictions: Int32Array, labels: Int32Array, logits: Float32Array, norms: ArrayLike<number>): void {
    const classes = this.numClasses;
    const entry: WindowEntry = {
      count: predictions.length,
      predictionCounts: new Int32Array(classes),
      labelCounts: new Int32Array(classes),
      logitSum: new Float64Array(classes),
      normSum: 0,
    };
    let normSum = 0;
    for (let i = 0; i < predictions.length; i++) {
      entry.predictionCounts[predictions[i]!]! += 1;
      const label = labels[i]!;
      if (label >= 0 && label < classes) entry.labelCounts[label]! += 1;
      for (let c = 0; c < classes; c++) {
        const value = logits[i * classes + c] ?? 0;
        entry.logitSum[c]! += value;
      }
      normSum += norms[i]!;
    }
    (entry as { normSum: number }).normSum = normSum;
    this.entries.push(entry);
    this.apply(entry, 1);
    // Evict whole batches from the front while the rest still fills the window.
    while (
      this.head < this.entries.length - 1 &&
      this.count - this.entries[this.head]!.count >= this.windowSize
    ) {
      this.apply(this.entries[this.head]!, -1);
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }

  summary(): WindowSummary {
    let topPrediction = 0;
    let dominantClass = 0;
    let topLabel = 0;
    let labelTotal = 0;
    for (let c = 0; c < this.numClasses; c++) {
      if (this.predictionCounts[c]! > topPrediction) {
        topPrediction = this.predictionCounts[c]!;
        dominantClass = c;
      }
      topLabel = Math.max(topLabel, this.labelCounts[c]!);
      labelTotal += this.labelCounts[c]!;
    }
    return {
      samples: this.count,
      full: this.count >= this.windowSize,
      predictionEntropy: histogramEntropy(this.predictionCounts),
      topPredictionShare: this.count > 0 ? topPrediction / this.count : 0,
      topLabelShare: labelTotal > 0 ? topLabel / labelTotal : 0,
      dominantClassLabelShare: labelTotal > 0 ? this.labelCounts[dominantClass]! / labelTotal : 0,
      labelEntropy: histogramEntropy(this.labelCounts),
      centerDominance: centerDominanceFromSums(this.logitSum, this.normSum),
    };
  }

  private apply(entry: WindowEntry, sign: 1 | -1): void {
    this.count += sign * entry.count;
    this.normSum += sign * entry.normSum;
    for (let c = 0; c < this.numClasses; c++) {
      this.predictionCounts[c]! += sign * entry.predictionCounts[c]!;
      this.labelCounts[c]! += sign * entry.labelCounts[c]!;
      this.logitSum[c]! += sign * entry.logitSum[c]!;
    }
  }
}
