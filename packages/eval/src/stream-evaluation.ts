import type { CollapseThresholds } from './collapse-thresholds';

/** How the runner resets the method: before each new domain, before every batch, or never. */
export type ResetPolicy = 'never' | 'per-domain' | 'per-batch';

/** Accuracy of one domain of the stream. */
export interface DomainAccuracy {
  /** Labelled samples of the domain (unlabelled ones are not scored). */
  readonly samples: number;
  readonly correct: number;
  /** correct / samples, a fraction. */
  readonly accuracy: number;
}

/**
 * Per-point time series for plots, stored column-wise. Each point aggregates a fixed number of
 * consecutive batches (`batchesPerPoint`) so a 100k-step bs=1 stream still gives a few hundred
 * points. Window metrics are the window's value at the point's last batch.
 */
export interface EvaluationSeries {
  readonly batchesPerPoint: number;
  /** Samples seen at the end of each point. */
  readonly samples: number[];
  /** Domain index (into `domains`) of the point's last batch. */
  readonly domain: number[];
  /** Accuracy over the point's labelled samples (null when it has none). */
  readonly accuracy: (number | null)[];
  /** Online accuracy from the stream start to the point's end (null before any labelled sample). */
  readonly cumulativeAccuracy: (number | null)[];
  readonly logitNorm: number[];
  readonly confidence: number[];
  readonly normalizedEntropy: number[];
  /** Window center dominance (our definition). */
  readonly centerDominance: number[];
  /** Window predicted-class histogram entropy, normalised. */
  readonly predictionEntropy: number[];
  /** ‖P − I‖_F at the point's last batch (null when the method has no predictor). */
  readonly predictorDeviation: (number | null)[];
  /** Mean `total` loss the method reported over the point's batches (null when it reports none). */
  readonly loss: (number | null)[];
  /** Share of samples that entered the loss. */
  readonly selectedShare: number[];
}

/** What evaluateStream / evaluateFrozen return. All accuracies and shares are fractions. */
export interface StreamEvaluation {
  readonly mode: 'online' | 'frozen';
  readonly methodId: string;
  readonly modelId: string;
  readonly scenario: string;
  readonly domains: readonly string[];
  readonly resetPolicy: ResetPolicy;
  readonly samples: number;
  /** Samples with a label; unlabelled ones (label −1, e.g. noise warm-up) are left out of accuracy and ECE. */
  readonly labeledSamples: number;
  readonly batches: number;
  /**
   * Online top-1 accuracy over the whole stream (predictions made before each batch's update).
   * null when `labeledSamples` is 0 (an unlabelled stream such as pure noise has no accuracy), as
   * are `meanDomainAccuracy` and `expectedCalibrationError`.
   */
  readonly accuracy: number | null;
  readonly accuracyByDomain: Readonly<Record<string, DomainAccuracy>>;
  /** Mean of the per-domain accuracies (the tables' "Avg." when domains are corruptions). */
  readonly meanDomainAccuracy: number | null;
  /** Expected calibration error with `calibrationBins` equal-width bins, a fraction (null without labels). */
  readonly expectedCalibrationError: number | null;
  readonly calibrationBins: number;
  /** Means over samples of the reported logits' statistics. */
  readonly meanLogitNorm: number;
  readonly meanConfidence: number;
  readonly meanEnergy: number;
  readonly meanNormalizedEntropy: number;
  /** Mean over full windows of the window metrics (null when no window filled up). */
  readonly meanPredictionEntropy: number | null;
  readonly meanCenterDominance: number | null;
  /** Window metrics at the end of the stream. */
  readonly finalPredictionEntropy: number;
  readonly finalCenterDominance: number;
  /** ‖P − I‖_F at the end (undefined without a predictor), and its maximum along the stream. */
  readonly finalPredictorDeviation?: number;
  readonly maxPredictorDeviation?: number;
  /** Forward / backward passes per sample: Σ diagnostics.forwardPasses (sample-passes per step) / samples. */
  readonly forwardPassesPerSample: number;
  readonly backwardPassesPerSample: number;
  /** Share of samples that entered the method's loss. */
  readonly selectedShare: number;
  /** Times the runner reset the method, and times the method reset itself (SAR). */
  readonly runnerResets: number;
  readonly methodResets: number;
  /** Wall-clock seconds of the whole loop, and throughput over the steps after the profiled warm-up. */
  readonly seconds: number;
  readonly imagesPerSecond: number;
  /** Tensor memory: at the start, and the highest seen (profiled steps plus samples between steps). */
  readonly memory: {
    readonly startBytes: number;
    readonly startTensors: number;
    readonly peakBytes: number;
    readonly peakTensors: number;
    /** Tensors alive after the loop minus at its start (method state such as optimiser slots). */
    readonly retainedTensors: number;
  };
  readonly collapse: {
    readonly detected: boolean;
    /** Samples seen when the first collapsed window ended, if any. */
    readonly firstCollapsedSample?: number;
    readonly windowsChecked: number;
    readonly windowsCollapsed: number;
    readonly thresholds: CollapseThresholds;
  };
  readonly series: EvaluationSeries;
}
