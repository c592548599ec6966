export { evaluateStream } from './evaluate-stream';
export { evaluateFrozen } from './evaluate-frozen';
export type { EvaluateStreamOptions, EvaluationProgress } from './run-evaluation-loop';
export type { DomainAccuracy, EvaluationSeries, ResetPolicy, StreamEvaluation } from './stream-evaluation';

export { logitStatistics } from './logit-statistics';
export type { LogitStatistics } from './logit-statistics';
export { CalibrationAccumulator } from './calibration-accumulator';
export { expectedCalibrationError } from './expected-calibration-error';
export { centerDominance, centerDominanceFromSums } from './center-dominance';
export { histogramEntropy } from './histogram-entropy';
export { SlidingWindow } from './sliding-window';
export type { WindowSummary } from './sliding-window';
export { defaultCollapseThresholds, isCollapsedWindow } from './collapse-thresholds';
export type { CollapseThresholds } from './collapse-thresholds';
export { EvaluationAccumulator } from './evaluation-accumulator';
