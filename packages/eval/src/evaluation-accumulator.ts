import type { Batch, StepResult } from '@zerosiam/core';
import { CalibrationAccumulator } from './calibration-accumulator';
import { type CollapseThresholds, isCollapsedWindow } from './collapse-thresholds';
import { logitStatistics } from './logit-statistics';
import { SlidingWindow } from './sliding-window';
import type { DomainAccuracy, EvaluationSeries, ResetPolicy, StreamEvaluation } from './stream-evaluation';

/** Five significant decimals keep result files small without hurting plots. */
const round = (value: number): number => Math.round(value * 1e5) / 1e5;

interface PointBuffer {
  batches: number;
  samples: number;
  labeled: number;
  correct: number;
  norm: number;
  confidence: number;
  entropy: number;
  loss: number;
  lossBatches: number;
  selected: number;
}

const emptyPoint = (): PointBuffer => ({
  batches: 0,
  samples: 0,
  labeled: 0,
  correct: 0,
  norm: 0,
  confidence: 0,
  entropy: 0,
  loss: 0,
  lossBatches: 0,
  selected: 0,
});

/** Accumulates every metric of a stream evaluation from step results; pure host arithmetic. */
export class EvaluationAccumulator {
  samples = 0;
  /** Samples with a label (≥ 0); accuracies divide by this. */
  labeledSamples = 0;
  correct = 0;
  batches = 0;
  runnerResets = 0;
  methodResets = 0;
  private readonly calibration: CalibrationAccumulator;
  private readonly window: SlidingWindow;
  private readonly domainSamples: Float64Array;
  private readonly domainCorrect: Float64Array;
  private normSum = 0;
  private confidenceSum = 0;
  private energySum = 0;
  private entropySum = 0;
  private forwardSum = 0;
  private backwardSum = 0;
  private selectedSum = 0;
  private windowPredictionEntropySum = 0;
  private windowCenterDominanceSum = 0;
  private windowsChecked = 0;
  private windowsCollapsed = 0;
  private firstCollapsedSample: number | undefined;
  private finalDeviation: number | undefined;
  private maxDeviation: number | undefined;
  private point = emptyPoint();
  private readonly series: EvaluationSeries;

  constructor(
    private readonly numClasses: number,
    private readonly domains: readonly string[],
    calibrationBins: number,
    private readonly thresholds: CollapseThresholds,
    batchesPerPoint: number,
  ) {
    this.calibration = new CalibrationAccumulator(calibrationBins);
    this.window = new SlidingWindow(thresholds.windowSize, numClasses);
    this.domainSamples = new Float64Array(domains.length);
    this.domainCorrect = new Float64Array(domains.length);
    this.series = {
      batchesPerPoint,
      samples: [],
      domain: [],
      accuracy: [],
      cumulativeAccuracy: [],
      logitNorm: [],
      confidence: [],
      normalizedEntropy: [],
      centerDominance: [],
      predictionEntropy: [],
      predictorDeviation: [],
      loss: [],
      selectedShare: [],
    };
  }

  /** Adds one batch's step result (predictions made before the batch's update). */
  add(batch: Batch, result: StepResult): void {
    const size = result.batchSize;
    const stats = logitStatistics(result.logits, size, this.numClasses);
    let batchCorrect = 0;
    let batchLabeled = 0;
    for (let i = 0; i < size; i++) {
      // Label −1 marks an unlabelled sample (e.g. pure-noise warm-up): it adapts and feeds the
      // logit statistics, but never the accuracy or the calibration error.
      if (batch.labels[i]! >= 0) {
        batchLabeled += 1;
        const hit = result.predictions[i] === batch.labels[i];
        if (hit) batchCorrect += 1;
        const domain = batch.domains[i]!;
        if (domain >= 0 && domain < this.domains.length) {
          this.domainSamples[domain]! += 1;
          if (hit) this.domainCorrect[domain]! += 1;
        }
        this.calibration.add(stats.confidences[i]!, hit);
      }
      this.normSum += stats.norms[i]!;
      this.confidenceSum += stats.confidences[i]!;
      this.energySum += stats.energies[i]!;
      this.entropySum += stats.normalizedEntropies[i]!;
      this.point.norm += stats.norms[i]!;
      this.point.confidence += stats.confidences[i]!;
      this.point.entropy += stats.normalizedEntropies[i]!;
    }
    const diagnostics = result.diagnostics;
    this.samples += size;
    this.labeledSamples += batchLabeled;
    this.correct += batchCorrect;
    this.batches += 1;
    this.forwardSum += diagnostics.forwardPasses;
    this.backwardSum += diagnostics.backwardPasses;
    this.selectedSum += diagnostics.selected;
    if (diagnostics.didReset) this.methodResets += 1;
    if (diagnostics.predictorDeviation !== undefined) {
      this.finalDeviation = diagnostics.predictorDeviation;
      this.maxDeviation = Math.max(this.maxDeviation ?? 0, diagnostics.predictorDeviation);
    }

    this.window.push(result.predictions, batch.labels, result.logits, stats.norms);
    const summary = this.window.summary();
    if (summary.full) {
      this.windowsChecked += 1;
      this.windowPredictionEntropySum += summary.predictionEntropy;
      this.windowCenterDominanceSum += summary.centerDominance;
      if (isCollapsedWindow(summary, this.thresholds)) {
        this.windowsCollapsed += 1;
        this.firstCollapsedSample ??= this.samples;
      }
    }

    const point = this.point;
    point.batches += 1;
    point.samples += size;
    point.labeled += batchLabeled;
    point.correct += batchCorrect;
    point.selected += diagnostics.selected;
    const total = diagnostics.losses.total;
    if (total !== undefined && Number.isFinite(total)) {
      point.loss += total;
      point.lossBatches += 1;
    }
    if (point.batches >= this.series.batchesPerPoint) this.flushPoint(batch.domains[size - 1] ?? -1);
    this.lastDomain = batch.domains[size - 1] ?? -1;
  }

  private lastDomain = -1;

  private flushPoint(domain: number): void {
    const point = this.point;
    if (point.batches === 0) return;
    const summary = this.window.summary();
    const s = this.series;
    s.samples.push(this.samples);
    s.domain.push(domain);
    s.accuracy.push(point.labeled > 0 ? round(point.correct / point.labeled) : null);
    s.cumulativeAccuracy.push(this.labeledSamples > 0 ? round(this.correct / this.labeledSamples) : null);
    s.logitNorm.push(round(point.norm / point.samples));
    s.confidence.push(round(point.confidence / point.samples));
    s.normalizedEntropy.push(round(point.entropy / point.samples));
    s.centerDominance.push(round(summary.centerDominance));
    s.predictionEntropy.push(round(summary.predictionEntropy));
    s.predictorDeviation.push(this.finalDeviation === undefined ? null : round(this.finalDeviation));
    s.loss.push(point.lossBatches > 0 ? round(point.loss / point.lossBatches) : null);
    s.selectedShare.push(round(point.selected / point.samples));
    this.point = emptyPoint();
  }

  finish(context: {
    mode: 'online' | 'frozen';
    methodId: string;
    modelId: string;
    scenario: string;
    resetPolicy: ResetPolicy;
    seconds: number;
    imagesPerSecond: number;
    memory: StreamEvaluation['memory'];
  }): StreamEvaluation {
    this.flushPoint(this.lastDomain);
    const accuracyByDomain: Record<string, DomainAccuracy> = {};
    let domainAccuracySum = 0;
    let domainsSeen = 0;
    this.domains.forEach((name, index) => {
      const samples = this.domainSamples[index]!;
      if (samples === 0) return;
      const correct = this.domainCorrect[index]!;
      accuracyByDomain[name] = {
        samples,
        correct,
        accuracy: correct / samples,
      };
      domainAccuracySum += correct / samples;
      domainsSeen += 1;
    });
    const final = this.window.summary();
    const n = Math.max(1, this.samples);
    // Without a single label there is nothing to score: null, not a misleading 0 %.
    const labelled = this.labeledSamples > 0;
    const accuracy = labelled ? this.correct / this.labeledSamples : null;
    return {
      ...context,
      domains: this.domains,
      samples: this.samples,
      batches: this.batches,
      labeledSamples: this.labeledSamples,
      accuracy,
      accuracyByDomain,
      meanDomainAccuracy: domainsSeen > 0 ? domainAccuracySum / domainsSeen : accuracy,
      expectedCalibrationError: labelled ? this.calibration.value() : null,
      calibrationBins: this.calibration.bins,
      meanLogitNorm: this.normSum / n,
      meanConfidence: this.confidenceSum / n,
      meanEnergy: this.energySum / n,
      meanNormalizedEntropy: this.entropySum / n,
      meanPredictionEntropy:
        this.windowsChecked > 0 ? this.windowPredictionEntropySum / this.windowsChecked : null,
      meanCenterDominance:
        this.windowsChecked > 0 ? this.windowCenterDominanceSum / this.windowsChecked : null,
      finalPredictionEntropy: final.predictionEntropy,
      finalCenterDominance: final.centerDominance,
      ...(this.finalDeviation === undefined
        ? {}
        : {
            finalPredictorDeviation: this.finalDeviation,
            maxPredictorDeviation: this.maxDeviation,
          }),
      forwardPassesPerSample: this.forwardSum / n,
      backwardPassesPerSample: this.backwardSum / n,
      selectedShare: this.selectedSum / n,
      runnerResets: this.runnerResets,
      methodResets: this.methodResets,
      collapse: {
        detected: this.windowsCollapsed > 0,
        ...(this.firstCollapsedSample === undefined
          ? {}
          : { firstCollapsedSample: this.firstCollapsedSample }),
        windowsChecked: this.windowsChecked,
        windowsCollapsed: this.windowsCollapsed,
        thresholds: this.thresholds,
      },
      series: this.series,
    };
  }
}
