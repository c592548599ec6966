import type { WindowSummary } from './sliding-window';

/**
 * When a window counts as collapsed — OUR OWN rule, not the paper's. A window of at least
 * `windowSize` samples is collapsed when one class takes at least `dominantShare` of the
 * predictions while the labels in the same window do not justify it: the most frequent label
 * holds at most `maxLabelShare` of them. Under pure class-order label shift a window shorter
 * than a few class blocks is never "balanced", so choose `windowSize` larger than the stream's
 * block length (the bench uses several blocks).
 */
export interface CollapseThresholds {
  /** Samples per window; default 512. */
  readonly windowSize: number;
  /** Share of predictions for the top class that signals collapse; default 0.8. */
  readonly dominantShare: number;
  /** The labels count as balanced when the top label's share is at most this; default 0.5. */
  readonly maxLabelShare: number;
}

export const defaultCollapseThresholds: CollapseThresholds = Object.freeze({
  windowSize: 512,
  dominantShare: 0.8,
  maxLabelShare: 0.5,
});

/** Applies the rule above to one window summary; windows that are not yet full never count. */
export function isCollapsedWindow(
  summary: WindowSummary,
  thresholds: CollapseThresholds = defaultCollapseThresholds,
): boolean {
  return (
    summary.full &&
    summary.topPredictionShare >= thresholds.dominantShare &&
    summary.topLabelShare <= thresholds.maxLabelShare
  );
}
